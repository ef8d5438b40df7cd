#pragma once
// The weekly household kernel for scenarios whose channels are independent per domain:
// no coupling matrix and no life events (households-ref, or any scenario that switches
// both off). Providers, help-seeking, the network effect and debt are all supported.
//
// Same draws, same arithmetic in the same order, same order of effects as the general
// kernel (household_step.*), so the results are bit-identical to it
// (tests/models/test_lean_kernel.cpp); only the schedule differs. Why: in the general
// kernel each non-quiet household runs alone through a long chain of dependent steps
// (channel probabilities, an 11-deep product chain, the sampler, the refresh with a
// second chain), one household after another, so the core mostly waits on latencies.
// Here the gate hands non-quiet households to a batch of up to 16; the batch computes
// the channels of all its households lane by lane (independent chains that overlap),
// then samples and applies each household in household order, then refreshes all their
// caches together the same way.
#include <cstdint>

#include "step_context.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

inline constexpr int kLeanMaxChannels = 32;  // domains + the help-seeking channel

// True when the lean kernel computes exactly what the general one does for this scenario:
// no coupling, no life events, no network effect (network_improvement 0, so a channel
// depends only on domain, severity and care status), at most 31 domains.
bool lean_kernel_applies(const ModelTables& t);

// Fills t.lean_entries and the dense kernel's thresholds from t's rates and care tables
// (empty when the kernels do not apply).
void build_lean_entries(ModelTables& t);

// The kernel to run: `wanted`, or the next one down (dense -> lean -> general) when it
// cannot run on this scenario or CPU; automatic = the fastest that can.
ModelTables::Kernel choose_kernel(const ModelTables& t, RunOptions::Kernel wanted);
const char* kernel_name(ModelTables::Kernel k);

// The household phases (dynamics, help-seeking requests, debt) of households [begin, end)
// of one chunk, as step_households() in household_step.hpp.
void step_households_lean(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally);

}  // namespace wijksim::models
