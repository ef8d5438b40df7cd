// collective_day_activities — collective instead of individual day activities (Wmo).
//
// Mechanism. A targeted household (write the need in the target, e.g. time_use <= 2) joins
// a collective day activity with weekly_uptake (x contact_probability) per week for
// duration_weeks. Each participant-week costs cost_per_week (collective) and saves the
// individual day activity it replaces, individual_cost_per_week, booked as a negative
// provider cost of the same financier. Participants' time_use, social_network and
// community_participation improve with improve_weekly per week (meeting others is the
// collective form's extra).
//
// Expected direction: lower net cost for the financier per participant-week, and fewer
// targeted households at time_use <= 2 than in the baseline.
#include "common.hpp"

namespace wijksim::models::iv {

bool found_collective_day_activities(Ctx& c, const CompiledIntervention& iv, int i) {
  const auto u = draw(c.step, c.h, i, 0);
  return u01(u.v[0]) < iv.params.weekly_uptake && u01(u.v[1]) < iv.params.contact_probability;
}

}  // namespace wijksim::models::iv
