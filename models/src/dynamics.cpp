// Phase "household dynamics": the birth-death step of every domain. The probabilities
// (coupling, network) were evaluated on the start-of-week state in channels.cpp, so a
// life event this week changes next week's chances, not this week's (no order effects
// between events and domains within one week). A level already moved by an event still
// moves one more step and is clamped to 1..5.
#include "dynamics.hpp"

#include <algorithm>

namespace wijksim::models {

uint32_t apply_dynamics(const StepContext& ctx, SimState& s, uint64_t h, const Outcomes& out) {
  const int ne = ctx.tables->n_events, nd = ctx.tables->n_domains;
  uint8_t* sev = s.severity_row(h);
  uint32_t changed = kChangedNothing;
  for (int d = 0; d < nd; ++d) {
    const uint8_t o = out.o[ne + d];
    if (o == 0) continue;
    const int next = o == 1 ? sev[d] - 1 : sev[d] + 1;
    sev[d] = static_cast<uint8_t>(std::clamp(next, 1, kSeverityLevels));
    changed |= kChangedSeverity;
  }
  return changed;
}

}  // namespace wijksim::models
