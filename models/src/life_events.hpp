#pragma once
// Phase "life events": effects of the events that fired for one household this week.
#include <cstdint>

#include "channels.hpp"
#include "step_context.hpp"

namespace wijksim::models {

// Applies every fired event (channels 0..n_events-1 of `out`), in scenario order, and
// counts them in the household's wijk row of `tally`. Returns a Changed mask;
// kChangedReferred when an event's refers_to put the household on a provider's list (at
// most one a week), so that the kernel makes no help-seeking request for it this week.
uint32_t apply_life_events(const StepContext& ctx, SimState& s, uint64_t h, const Outcomes& out,
                           int64_t* tally);

}  // namespace wijksim::models
