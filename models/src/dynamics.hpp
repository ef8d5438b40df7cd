#pragma once
// Phase "household dynamics": the birth-death step of every domain. The probabilities
// (coupling, network) were evaluated on the start-of-week state in channels.hpp, so a
// life event this week changes next week's chances, not this week's (no order effects
// between events and domains within one week). A level already moved by an event still
// moves one more step and is clamped to 1..5. Inline: it runs in every slow-path step and
// visits only the channels that fired (Outcomes::fired), typically one.
#include <algorithm>
#include <cstdint>

#include "channels.hpp"
#include "step_context.hpp"

namespace wijksim::models {

// Moves each fired domain one ZRM level (worsen: -1, improve: +1). Returns kChangedSeverity
// if any domain fired, else kChangedNothing.
inline uint32_t apply_dynamics(const StepContext& ctx, SimState& s, uint64_t h, const Outcomes& out) {
  const int ne = ctx.tables->n_events, nd = ctx.tables->n_domains;
  uint8_t* sev = s.severity_row(h);
  uint32_t changed = kChangedNothing;
  for (int i = 0; i < out.n_fired; ++i) {
    const int d = out.fired[i] - ne;
    if (d < 0 || d >= nd) continue;  // an event or the help-seeking channel
    const int next = out.o[out.fired[i]] == 1 ? sev[d] - 1 : sev[d] + 1;
    sev[d] = static_cast<uint8_t>(std::clamp(next, 1, kSeverityLevels));
    changed |= kChangedSeverity;
  }
  return changed;
}

}  // namespace wijksim::models
