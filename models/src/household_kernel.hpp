#pragma once
// The household kernel: one code path for every scenario, the phases [life events ->
// dynamics -> help wanted -> debt] of the households of one chunk.
//
// Per block of 4 households one Philox call gives four 32-bit gate draws (256 households'
// blocks at a time, with the widest vector path the CPU has: philox_wide.hpp, the same bits
// on every path). A household whose draw is below its cached quiet_threshold changes
// nothing this week (the common case) except its deterministic debt growth; the others
// are handed to a batch (household_kernel.cpp) that computes their channels from the
// per-(care class, domain, severity) tables of the Model (channels.hpp), samples and
// applies each one's week in household order, then refreshes their caches.
//
// The random numbers a household draws depend only on (seed, replication, household,
// week, purpose): the gate words by household, the sampler's further uniforms from the
// household's own Purpose::dynamics stream, only when a channel fired. A channel with
// probability 0 (an event with rate 0, a provider nobody is in) multiplies the prefix
// products by exactly 1 and is never chosen, so a feature present with zero effect
// changes no draw and no result (tests/models/test_household_kernel.cpp, against the
// scalar oracle tests/models/reference_kernel.*).
#include <algorithm>
#include <cstdint>
#include <span>

#include "debt.hpp"
#include "step_context.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/philox_wide.hpp"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wijksim::models {

// Quiet week with growing debt: only the debt and its tallies change.
inline void grow_debt_quiet(const StepContext& ctx, SimState& s, uint64_t h, int64_t* tally) {
  const MetricsLayout& L = *ctx.layout;
  const int64_t before = grow_debt(*ctx.tables, s, h);
  const int64_t after = s.debt[h];
  int64_t* row = tally + L.stride * s.wijk[h];
  row[L.debt()] += after - before;
  row[L.in_debt()] += (after > 0) - (before > 0);
}

// The gate loop over households [begin, end): quiet households (draw below their cached
// threshold) only grow their debt if flagged; every other one is handed to
// slow(h, gate word, second word) in increasing household order.
template <class Slow>
inline void gate_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally,
                            Slow&& slow) {
  const uint32_t* threshold = s.quiet_threshold.data();
  const uint8_t* flags = s.flags.data();
  // The gate words of kGateRun households at a time from philox_draw_blocks (AVX-512 /
  // AVX2 / SSE2 as the CPU allows: philox_wide.hpp); the same numbers as one philox_draw
  // per block. Chunks start at multiples of 4, so runs start on a block. Draw index 0 is
  // the gate itself, index 1 the second word a non-quiet household's sampler needs
  // (channels.hpp): drawing it for all is cheaper than a Philox call per non-quiet one.
  constexpr uint64_t kGateRun = 256;
  alignas(64) uint32_t gate[kGateRun];
  alignas(64) uint32_t second[kGateRun];
  for (uint64_t run = begin; run < end; run += kGateRun) {
    const uint64_t run_end = std::min(end, run + kGateRun);
    const auto blocks = static_cast<uint32_t>((run_end - run + 3) / 4);
    philox_draw_blocks(ctx.key, static_cast<uint32_t>(run / 4), blocks, ctx.week, ctx.replication, Purpose::gate, 0, gate);
    philox_draw_blocks(ctx.key, static_cast<uint32_t>(run / 4), blocks, ctx.week, ctx.replication, Purpose::gate, 1,
                       second);
    uint64_t b = run;
#if defined(__SSE2__)
    // 16 households at a time: the gate comparisons and debt flags become one bit mask
    // and only the households with a bit set are visited (in increasing order): no
    // per-household branch for quiet households, whose outcome (~85% quiet, at random) a
    // branch predictor cannot learn.
    const __m128i sign = _mm_set1_epi32(static_cast<int>(0x80000000u));
    for (; b + 16 <= run_end; b += 16) {
      const uint32_t* g = gate + (b - run);
      uint32_t busy = 0;
      for (int i = 0; i < 4; ++i) {  // unsigned draw >= threshold, via the sign-flip trick
        const __m128i u = _mm_xor_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(g + 4 * i)), sign);
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
          slow(b + j, g[j], second[b - run + j]);
        else
          grow_debt_quiet(ctx, s, b + j, tally);
      }
    }
#endif
    for (; b < run_end; ++b) {
      const uint32_t draw = gate[b - run];
      if (draw >= threshold[b])
        slow(b, draw, second[b - run]);
      else if (flags[b] & kFlagDebtGrows)
        grow_debt_quiet(ctx, s, b, tally);
    }
  }
}

// The kernel over households [begin, end) of one chunk (household_kernel.cpp); `tally` is
// the chunk's tally rows (metrics_tally.hpp).
void step_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally);

// refresh_household_cache (channels.hpp) of each listed household (each at most once), on
// the run's threads, in batches like the kernel's busy households (their rows fetched a
// batch ahead, their prefix products four at a time): the same bits. A cache is a function
// of its household's state only, so neither order nor split matter.
void refresh_household_caches(ChunkRunner& runner, const ModelTables& t, SimState& s,
                              std::span<const uint32_t> households);

}  // namespace wijksim::models
