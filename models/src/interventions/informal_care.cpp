// informal_care — volunteer ambassadors (Utrecht informal-care ambassadors).
//
// Mechanism. Volunteers take a share of the LIGHT demand: a targeted household with no
// domain at or below 2 and at least one effect domain at 3 ("barely self-sufficient")
// is matched with a volunteer with weekly_uptake (x contact_probability) per week, up to
// max_concurrent households at once (volunteers x clients each; 0 = no limit). While
// matched, the effect domains (default social_network, instrumental_adl, time_use)
// improve with improve_weekly per week. The costs are coordination costs only.
//
// Expected direction: more targeted households at level >= 4 in the effect domains, so
// fewer light cases that could escalate.
#include "common.hpp"

namespace wijksim::models::iv {

bool found_informal_care(Ctx& c, const CompiledIntervention& iv, int i) {
  const uint8_t* sev = c.s.severity_row(c.h);
  for (int d = 0; d < c.s.n_domains; ++d)
    if (sev[d] <= 2) return false;  // not light: a professional case
  bool light = false;
  for (const int d : iv.params.effect_domains) light = light || sev[d] == 3;
  if (!light) return false;
  const auto u = draw(c.step, c.h, i, 0);
  return u01(u.v[0]) < iv.params.weekly_uptake && u01(u.v[1]) < iv.params.contact_probability;
}

}  // namespace wijksim::models::iv
