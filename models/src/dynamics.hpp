#pragma once
// Phase "household dynamics": each domain that fired moves one ZRM level.
#include <cstdint>

#include "channels.hpp"
#include "step_context.hpp"

namespace wijksim::models {

// Applies the domain outcomes (channels n_events.. of `out`). Returns a Changed mask.
uint32_t apply_dynamics(const StepContext& ctx, SimState& s, uint64_t h, const Outcomes& out);

}  // namespace wijksim::models
