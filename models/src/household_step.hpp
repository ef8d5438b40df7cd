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
// `gate` is the household's gate draw: the sampler reads it again (channels.hpp).
void step_household(const StepContext& ctx, SimState& s, uint64_t h, uint32_t gate, int64_t* tally);

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

// The gate loop over households [begin, end): quiet households (draw below their cached
// threshold) only grow their debt if flagged; every other one is handed to
// slow(h, gate_draw) in increasing household order. Shared by the general kernel
// (step_households below) and the lean kernel (lean_kernel.cpp), which batches them.
template <class Slow>
inline void gate_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally,
                            Slow&& slow) {
  const uint32_t* threshold = s.quiet_threshold.data();
  const uint8_t* flags = s.flags.data();
  uint64_t b = begin;
  // 16 households (4 Philox blocks, computed together: philox_x4.hpp) at a time, then
  // the last blocks one by one. The draws are the same either way. With SSE2 the 16 gate
  // comparisons and debt flags become one bit mask and only the households with a bit
  // set are visited (in increasing order): no per-household branch for quiet households,
  // whose outcome (~85% quiet, at random) a branch predictor cannot learn.
  for (; b + 16 <= end; b += 16) {
    alignas(16) uint32_t gate[4][4];
    philox_draw_x4(ctx.key, static_cast<uint32_t>(b / 4), ctx.week, ctx.replication, Purpose::gate, 0, gate);
#if defined(__SSE2__)
    const __m128i sign = _mm_set1_epi32(static_cast<int>(0x80000000u));
    uint32_t busy = 0;
    for (int i = 0; i < 4; ++i) {  // unsigned draw >= threshold, via the sign-flip trick
      const __m128i u = _mm_xor_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(gate[i])), sign);
      const __m128i q = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(threshold + b + 4 * i)), sign);
      const uint32_t quiet = static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(u, q))));
      busy |= (~quiet & 0xFu) << (4 * i);
    }
    const __m128i f = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(flags + b)),
                                    _mm_set1_epi8(static_cast<char>(kFlagDebtGrows)));
    const uint32_t debt = ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(f, _mm_setzero_si128()))) & 0xFFFFu;
    for (uint32_t todo = busy | debt; todo != 0; todo &= todo - 1) {
      const int j = __builtin_ctz(todo);
      if (busy & (1u << j))
        slow(b + j, gate[j >> 2][j & 3]);
      else
        grow_debt_quiet(ctx, s, b + j, tally);
    }
#else
    for (int j = 0; j < 16; ++j) {
      const uint32_t draw = gate[j >> 2][j & 3];
      if (draw >= threshold[b + j])
        slow(b + j, draw);
      else if (flags[b + j] & kFlagDebtGrows)
        grow_debt_quiet(ctx, s, b + j, tally);
    }
#endif
  }
  for (; b < end; b += 4) {
    const auto gate = philox_draw(ctx.key, static_cast<uint32_t>(b / 4), ctx.week, ctx.replication, Purpose::gate, 0);
    const int m = static_cast<int>(std::min<uint64_t>(4, end - b));
    for (int j = 0; j < m; ++j) {
      if (gate.v[j] >= threshold[b + j])
        slow(b + j, gate.v[j]);
      else if (flags[b + j] & kFlagDebtGrows)
        grow_debt_quiet(ctx, s, b + j, tally);
    }
  }
}

// The general kernel over one chunk: each non-quiet household through step_household().
inline void step_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally) {
  gate_households(ctx, s, begin, end, tally,
                  [&](uint64_t h, uint32_t draw) { step_household(ctx, s, h, draw, tally); });
}

}  // namespace wijksim::models
