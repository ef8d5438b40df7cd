#pragma once
// The weekly kernel over one chunk of households: the hot loop.
//
// Per block of 4 households: one Philox call gives four 32-bit gate draws. A household
// whose draw is below its cached quiet_threshold changes nothing this week (the common
// case) except the deterministic debt growth; the others take step_household(), which
// samples exactly which channels fire and runs the per-household phases. No allocation,
// no virtual calls; the slow path is out of line so this loop stays small.
#include <algorithm>
#include <cstdint>

#include "debt.hpp"
#include "step_context.hpp"

namespace wijksim::models {

// The slow path for one household (household_step.cpp).
void step_household(const StepContext& ctx, SimState& s, uint64_t h, int64_t* tally);

// Quiet week with growing debt: only the debt and its tallies change.
inline void grow_debt_quiet(const StepContext& ctx, SimState& s, uint64_t h, int64_t* tally) {
  const MetricsLayout& L = *ctx.layout;
  const int64_t before = s.debt[h];
  const int64_t after = grown_debt(*ctx.tables, before);
  s.debt[h] = after;
  int64_t* row = tally + L.stride * s.wijk[h];
  row[L.debt()] += after - before;
  row[L.in_debt()] += (after > 0) - (before > 0);
}

inline void step_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end,
                            int64_t* tally) {
  const uint32_t* threshold = s.quiet_threshold.data();
  const uint8_t* flags = s.flags.data();
  for (uint64_t b = begin; b < end; b += 4) {
    const auto gate = philox_draw(ctx.key, static_cast<uint32_t>(b / 4), ctx.week, ctx.replication,
                                  Purpose::gate, 0);
    const int m = static_cast<int>(std::min<uint64_t>(4, end - b));
    for (int j = 0; j < m; ++j) {
      const uint64_t h = b + j;
      if (gate.v[j] < threshold[h]) {
        if (flags[h] & kFlagDebtGrows) grow_debt_quiet(ctx, s, h, tally);
        continue;
      }
      step_household(ctx, s, h, tally);
    }
  }
}

}  // namespace wijksim::models
