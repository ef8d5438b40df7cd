// outreach — preventive wijkteam visits: "Eropaf", "Achter de Voordeur" (DOMAIN-FIGURES §6.3).
//
// Mechanism. The team visits visits_per_week households a week spread evenly over the
// households of the target wijken: each targeted household not in a programme is
// visited with probability visits_per_week / households in the target wijken. A visit
// makes contact with contact_probability (0.75 per attempted visit, §6.3). A contacted
// household with a problem (any domain at or below problem_at_or_below) is enrolled —
// regardless of its care avoidance, which is the point of going to the door: help-seeking
// never reaches these households at the rate outreach does. While enrolled every domain
// at or below problem_at_or_below + 1 (or the given effect_domains) improves with
// improve_weekly per week.
//
// Expected direction: fewer targeted households with a problem (multi-problem share and
// domains <= 2) than in the baseline.
#include <algorithm>

#include "common.hpp"

namespace wijksim::models::iv {

bool found_outreach(Ctx& c, const CompiledIntervention& iv, int i) {
  const uint64_t pool = c.st.target_households[i];
  if (pool == 0) return false;
  const double p_visit = std::min(1.0, iv.params.visits_per_week / static_cast<double>(pool));
  const auto u = draw(c.step, c.h, i, 0);
  if (!(u01(u.v[0]) < p_visit)) return false;
  ++c.st.counters[i].visits;
  if (!(u01(u.v[1]) < iv.params.contact_probability)) return false;
  const uint8_t* sev = c.s.severity_row(c.h);
  for (int d = 0; d < c.s.n_domains; ++d)
    if (sev[d] <= iv.params.problem_at_or_below) return true;
  return false;
}

}  // namespace wijksim::models::iv
