#pragma once
// The dense household kernel: the lean kernel's model (independent domains, no coupling,
// no life events, no network effect) drawn the direct way, one 32-bit uniform per
// household, domain and week: worsen iff u < worsen threshold, improve iff worsen
// threshold <= u < change threshold, with the thresholds = round(probability x 2^32) per
// (care class, domain, severity) (ModelTables::dense_worsen / dense_change). The same law
// as the gate + sampler of the other kernels to 2^-32 per draw; other random numbers
// (Purpose::domain_draws), so its results are its own, the same for every thread count and
// on every machine.
//
// Why: with AVX-512 the draws cost ~0.6 ns per four (philox_wide.hpp) and 16 households'
// domain d are compared, moved and counted in a handful of vector instructions (the table
// lookups are in-register permutes), whereas the gate kernels spend ~300 cycles on each
// household that changes (~15% of household-weeks in households-ref). Households whose
// state changes are then book-kept one by one (tallies, help-seeking, debt) as in the
// other kernels. Without AVX-512 (BW, VBMI), or with WIJKSIM_ISA set below avx512
// (philox_wide.hpp), an AVX2 path (gathers, 8 households a group) or a portable loop
// computes the same bits.
//
// The quiet-week threshold cache (SimState::quiet_threshold) is not kept up to date by this
// kernel: nothing reads it while it runs (validate.cpp skips that check for it).
#include <cstdint>

#include "step_context.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

inline constexpr int kDenseMaxDomains = 16;   // 16 households x 16 domains = four 64-byte rows
inline constexpr int kDenseMaxClasses = 6;    // care classes x 5 levels <= 32 table entries

// True when the dense kernel can run this scenario (lean_kernel_applies, at most 16
// domains, at most 5 providers with service effects).
bool dense_kernel_applies(const ModelTables& t);

// Fills t.dense_worsen / t.dense_change from t.lean_entries (empty when it does not apply).
void build_dense_thresholds(ModelTables& t);

// The household phases of households [begin, end) of one chunk (as step_households()).
void step_households_dense(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally);

// "avx512", "avx2" or "portable": the code path step_households_dense takes on this CPU.
const char* dense_kernel_isa();
// Tests: take "portable", "avx2" or "avx512" (never wider than the CPU has; nullptr: the
// best again). Every path gives the same bits.
void dense_kernel_force_isa(const char* isa);

}  // namespace wijksim::models
