#pragma once
// The weekly kernel over one chunk of households: the hot loop.
//
// Per block of 4 households: one Philox call gives four 32-bit gate draws (four blocks
// are computed together with SSE2, philox_x4.hpp). A household
// whose draw is below its cached quiet_threshold changes nothing this week (the common
// case) except the deterministic debt growth; the others take step_household(), which
// samples exactly which channels fire and runs the per-household phases. No allocation,
// no virtual calls; the slow path is out of line so this loop stays small.
#include <algorithm>
#include <cstdint>

#include "debt.hpp"
#include "step_context.hpp"
#include "wijksim/philox_x4.hpp"

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

// One household's gate: quiet (only debt growth if flagged) or the slow path.
inline void gate_household(const StepContext& ctx, SimState& s, uint64_t h, uint32_t draw, const uint32_t* threshold,
                           const uint8_t* flags, int64_t* tally) {
  if (draw < threshold[h]) {
    if (flags[h] & kFlagDebtGrows) grow_debt_quiet(ctx, s, h, tally);
    return;
  }
  step_household(ctx, s, h, tally);
}

inline void step_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end,
                            int64_t* tally) {
  const uint32_t* threshold = s.quiet_threshold.data();
  const uint8_t* flags = s.flags.data();
  uint64_t b = begin;
  // 16 households (4 Philox blocks, computed together: philox_x4.hpp) at a time, then
  // the last blocks one by one. The draws are the same either way.
  for (; b + 16 <= end; b += 16) {
    uint32_t gate[4][4];
    philox_draw_x4(ctx.key, static_cast<uint32_t>(b / 4), ctx.week, ctx.replication, Purpose::gate, 0, gate);
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) gate_household(ctx, s, b + 4 * i + j, gate[i][j], threshold, flags, tally);
  }
  for (; b < end; b += 4) {
    const auto gate = philox_draw(ctx.key, static_cast<uint32_t>(b / 4), ctx.week, ctx.replication, Purpose::gate, 0);
    const int m = static_cast<int>(std::min<uint64_t>(4, end - b));
    for (int j = 0; j < m; ++j) gate_household(ctx, s, b + j, gate.v[j], threshold, flags, tally);
  }
}

}  // namespace wijksim::models
