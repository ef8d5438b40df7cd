#pragma once
// The oracle of the household kernel (issue 12): a slow, obvious scalar implementation of
// the household phase [life events -> dynamics -> help wanted -> debt] that the kernel of
// models/src/household_kernel.* must equal bit for bit.
//
// Per household and week, with none of the kernel's shortcuts: the two gate words from a
// scalar philox_draw each (no wide Philox, no batches), every channel recomputed from the
// state at the start of the week (no cached threshold, no incremental refresh), the quiet
// test against that fresh q, the tallies moved by a full recount of the household before
// and after (no moved-domain lists). What it shares with the kernel is the model's law
// itself: the channel formulas (channels.hpp), the sampler (sample_channels) and the
// phases that apply an outcome (apply_life_events, apply_dynamics, request_help, debt,
// move_out_and_in for a household that leaves the city).
#include <cstdint>

#include "step_context.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models::testing {

// Same signature as the kernel's household phase (step.hpp: HouseholdPhase).
void reference_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally);

}  // namespace wijksim::models::testing
