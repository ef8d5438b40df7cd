// The dense household kernel (dense_kernel.hpp): a portable loop and an AVX-512 one that
// compute the same bits; both hand the households whose week needs book-keeping to
// finish_household().
#include "dense_kernel.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string_view>

#include "debt.hpp"
#include "care_channels.hpp"
#include "help_seeking.hpp"
#include "household_step.hpp"
#include "lean_kernel.hpp"
#include "wijksim/philox_wide.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace wijksim::models {

namespace {

constexpr uint64_t kRun = 1024;  // households per philox_draw_blocks call (longer runs: cheaper per block)
constexpr int kTable = 32;      // threshold entries per domain: class * 5 + severity - 1

// Tests: 0 = the best the CPU and WIJKSIM_ISA allow, else the Isa + 1 to use.
enum class Isa { portable, avx2, avx512 };
std::atomic<int> forced_isa{0};

// round(p 2^32), saturated at 2^32 - 1 (so a probability of 1 misses one value in 2^32).
uint32_t threshold32(double p) {
  const double z = std::floor(p * 4294967296.0 + 0.5);
  return z >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<uint32_t>(std::max(0.0, z));
}

int64_t* tally_row(const MetricsLayout& L, const SimState& s, uint64_t h, int64_t* tally) {
  return L.n_wijken == 1 ? tally : tally + L.stride * s.wijk[h];  // one wijk: no load of its index
}

// Domain d of household h moved from `from` to `to` (already stored): its severity counts.
inline void tally_move(const MetricsLayout& L, const SimState& s, uint64_t h, int d, int from, int to,
                       int64_t* tally) {
  int64_t* row = tally_row(L, s, h, tally);
  row[d * kSeverityLevels + (from - 1)] -= 1;
  row[d * kSeverityLevels + (to - 1)] += 1;
}

// What follows the domain draws for household h, in the other kernels' order: the
// multi-problem count (when a domain moved), the help-seeking channel (decided on the
// start-of-week worst severity; the request itself on the new state, as seek_help), debt
// growth (start-of-week flag) and the debt flag for next week.
struct HouseholdWeek {
  bool changed;      // a domain moved
  int multi_delta;   // change in the multi-problem count: after - before, -1, 0 or 1
  int worst;         // worst severity at the start of the week
  bool may_ask;      // not in care and weekly_by_worst[worst - 1] > 0
  bool debt_grows;   // kFlagDebtGrows at the start of the week
};

void finish_household(const StepContext& ctx, SimState& s, uint64_t h, const HouseholdWeek& w, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const MetricsLayout& L = *ctx.layout;
  if (w.multi_delta != 0) tally_row(L, s, h, tally)[L.multi()] += w.multi_delta;
  if (w.may_ask) {  // apply_care_channels()'s probability, drawn on its own
    double p = t.care.weekly_by_worst[w.worst - 1];
    p *= t.care.avoidance_factor[s.care_avoidance[h]];
    p = std::clamp(p, 0.0, 1.0);
    const bool asks =
        p >= 1.0 || (p > 0.0 && u01(philox_draw(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication,
                                                Purpose::help_seeking, 1).v[0]) < p);
    if (asks) request_help(ctx, s, h);
  }
  if (w.debt_grows) grow_debt_quiet(ctx, s, h, tally);
  if (t.debt && (w.changed || w.debt_grows))
    s.flags[h] = static_cast<uint8_t>((s.flags[h] & ~kFlagDebtGrows) | (debt_grows(t, s, h) ? kFlagDebtGrows : 0));
}

bool may_ask(const ModelTables& t, const SimState& s, uint64_t h, int worst) {
  return t.care.help &&
         static_cast<providers::CareStatus>(s.care_status[h]) == providers::CareStatus::not_in_care &&
         t.care.weekly_by_worst[worst - 1] > 0;
}

int care_class(const ModelTables& t, const SimState& s, uint64_t h) {
  return t.care.network && in_service(s, h) ? 1 + s.care_provider[h] : 0;
}

// The moves of a group of `lanes` households starting at g: bit (lanes (d % per_word) + i)
// of move_bits[d / per_word] (per_word = 64 / lanes) says household g + i moved domain d
// from from_v[d][i] to to_v[d][i] (rows of `lanes` values). Stores them, moves the
// tallies; returns which lanes moved anything. One loop over the set bits instead of a
// branch per domain, which a predictor gets wrong ~1 in 5.
unsigned apply_group_moves(const StepContext& ctx, SimState& s, uint64_t g, int lanes, const uint64_t* move_bits,
                           const int32_t* from_v, const int32_t* to_v, int64_t* tally) {
  const int nd = ctx.tables->n_domains, per_word = 64 / lanes;
  unsigned changed = 0;
  for (int word = 0; word < (nd + per_word - 1) / per_word; ++word)
    for (uint64_t bits = move_bits[word]; bits != 0; bits &= bits - 1) {
      const int b = __builtin_ctzll(bits);
      const int d = per_word * word + b / lanes, i = b % lanes;
      const uint64_t h = g + static_cast<uint64_t>(i);
      const int to = to_v[d * lanes + i];
      s.severity_row(h)[d] = static_cast<uint8_t>(to);
      tally_move(*ctx.layout, s, h, d, from_v[d * lanes + i], to, tally);
      changed |= 1u << i;
    }
  return changed;
}

// finish_household() for each lane of `todo`, from the group's masks (bit i = lane i).
void finish_group(const StepContext& ctx, SimState& s, uint64_t g, unsigned todo, unsigned changed, unsigned multi,
                  unsigned multi_after, unsigned ask, unsigned debt, const int32_t* worst_v, int64_t* tally) {
  for (unsigned bits = todo; bits != 0; bits &= bits - 1) {
    const int i = __builtin_ctz(bits);
    const int multi_delta = ((multi >> i) & 1) ? (((multi_after >> i) & 1) ? 1 : -1) : 0;
    const HouseholdWeek w{((changed >> i) & 1) != 0, multi_delta, worst_v[i], ((ask >> i) & 1) != 0,
                          ((debt >> i) & 1) != 0};
    finish_household(ctx, s, g + static_cast<uint64_t>(i), w, tally);
  }
}

// The reference loop: households [run, run_end), u[d * kRun + (h - run)] = household h's
// uniform for domain d.
void run_portable(const StepContext& ctx, SimState& s, uint64_t run, uint64_t run_end, const uint32_t* u,
                  int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const int nd = t.n_domains;
  const uint32_t* W = t.dense_worsen.data();
  const uint32_t* C = t.dense_change.data();
  for (uint64_t h = run; h < run_end; ++h) {
    uint8_t* row = s.severity_row(h);
    const int base = care_class(t, s, h) * kSeverityLevels - 1;
    // Most households (~85% in households-ref) move no domain, grow no debt and cannot ask
    // for help: one compare per domain tells, without the book-keeping below.
    bool any_move = false;
    for (int d = 0; d < nd; ++d) any_move |= u[d * kRun + (h - run)] < C[d * kTable + base + row[d]];
    const bool may_need_help = t.care.help && static_cast<providers::CareStatus>(s.care_status[h]) ==
                                                  providers::CareStatus::not_in_care;
    if (!any_move && !may_need_help && !(s.flags[h] & kFlagDebtGrows)) continue;
    HouseholdWeek w{false, 0, kSeverityLevels, false, (s.flags[h] & kFlagDebtGrows) != 0};
    int before_le2 = 0, after_le2 = 0;
    for (int d = 0; d < nd; ++d) {
      const int from = row[d];
      const uint32_t x = u[d * kRun + (h - run)];
      const int e = d * kTable + base + from;
      const int to = from - (x < W[e]) + (x >= W[e] && x < C[e]);
      w.worst = std::min(w.worst, from);
      before_le2 += from <= kMultiProblemSeverity;
      after_le2 += to <= kMultiProblemSeverity;
      if (to != from) {
        row[d] = static_cast<uint8_t>(to);
        tally_move(*ctx.layout, s, h, d, from, to, tally);
        w.changed = true;
      }
    }
    w.may_ask = may_ask(t, s, h, w.worst);
    w.multi_delta = (after_le2 >= kMultiProblemDomains) - (before_le2 >= kMultiProblemDomains);
    const bool debt_flag = t.debt && w.changed;
    if (w.multi_delta != 0 || w.may_ask || w.debt_grows || debt_flag) finish_household(ctx, s, h, w, tally);
  }
}

#if defined(__x86_64__)
// GCC 12's AVX-512 headers build some results from an "undefined" vector, which
// -Wmaybe-uninitialized mistakes for a read of an uninitialised variable.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#define WIJKSIM_DENSE_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512vbmi")))

// The same in groups of 16 households, one vector lane each. Domain d's severities of
// the group are picked out of the group's rows (16 x n_domains bytes, four registers)
// with byte permutes, its thresholds out of two registers per table with dword permutes
// (entry class * 5 + severity - 1); only households with a moved domain, a possible help
// request or growing debt leave the vector code.
WIJKSIM_DENSE_TARGET
void run_avx512(const StepContext& ctx, SimState& s, uint64_t run, uint64_t run_end, const uint32_t* u,
                int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const int nd = t.n_domains;
  uint8_t* sev_all = s.severity.data();
  const __m512i one = _mm512_set1_epi32(1), two = _mm512_set1_epi32(2), five = _mm512_set1_epi32(5);
  __m512i pick[kDenseMaxDomains];  // byte i = i * nd + d: household i's domain d in the group's rows
  __m512i wlo[kDenseMaxDomains], whi[kDenseMaxDomains], clo[kDenseMaxDomains], chi[kDenseMaxDomains];
  for (int d = 0; d < nd; ++d) {
    alignas(64) uint8_t idx[64] = {};
    for (int i = 0; i < 16; ++i) idx[i] = static_cast<uint8_t>(i * nd + d);
    pick[d] = _mm512_load_si512(idx);
    wlo[d] = _mm512_loadu_si512(t.dense_worsen.data() + d * kTable);
    whi[d] = _mm512_loadu_si512(t.dense_worsen.data() + d * kTable + 16);
    clo[d] = _mm512_loadu_si512(t.dense_change.data() + d * kTable);
    chi[d] = _mm512_loadu_si512(t.dense_change.data() + d * kTable + 16);
  }
  alignas(64) int32_t asks_by_worst[16] = {};  // 1 where weekly_by_worst[worst - 1] > 0
  for (int l = 1; l <= kSeverityLevels; ++l) asks_by_worst[l] = t.care.weekly_by_worst[l - 1] > 0;
  const __m512i asks_table = _mm512_load_si512(asks_by_worst);
  for (uint64_t g = run; g < run_end; g += 16) {
    const int m = static_cast<int>(std::min<uint64_t>(16, run_end - g));
    const __mmask16 lanes = static_cast<__mmask16>(m == 16 ? 0xFFFFu : (1u << m) - 1);
    const uint8_t* rows = sev_all + g * nd;
    const uint64_t nbytes = static_cast<uint64_t>(m) * nd;
    // The rows and care arrays of the group 64 households ahead: a masked load does not
    // start the hardware prefetcher early enough, and every household is read.
    for (int q = 0; q < nd; q += 4) _mm_prefetch(reinterpret_cast<const char*>(rows + 64 * nd + 16 * q), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(s.care_status.data() + g + 64), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(s.care_provider.data() + g + 64), _MM_HINT_T0);
    __m512i r[4];
    for (int q = 0; q < 4; ++q) {  // masked: never reads past the group's own rows
      const uint64_t left = nbytes > 64u * q ? nbytes - 64u * q : 0;
      const __mmask64 mk = left >= 64 ? ~__mmask64{0} : ((__mmask64{1} << left) - 1);
      r[q] = _mm512_maskz_loadu_epi8(mk, rows + 64 * q);
    }
    __m512i status = _mm512_setzero_si512(), cls5 = _mm512_setzero_si512();
    if (t.care.network) {
      status = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(lanes, s.care_status.data() + g));
      const __m512i provider = _mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(lanes, s.care_provider.data() + g));
      const __mmask16 serving = _mm512_cmpeq_epi32_mask(status, _mm512_set1_epi32(static_cast<int>(providers::CareStatus::in_service)));
      cls5 = _mm512_mullo_epi32(_mm512_maskz_add_epi32(serving, provider, one), five);
    }
    const __m512i base = _mm512_sub_epi32(cls5, one);
    __m512i worst = five, before = _mm512_setzero_si512(), after = _mm512_setzero_si512();
    // Moves are book-kept after the domain loop, one set bit (domain d, lane i) at a time:
    // a branch per domain on "did any of the 16 move" would be mispredicted ~1 in 5.
    alignas(64) int32_t from_v[kDenseMaxDomains][16], to_v[kDenseMaxDomains][16];
    uint64_t move_bits[kDenseMaxDomains / 4] = {};  // bit 16 (d % 4) + i of word d / 4
    for (int d = 0; d < nd; ++d) {
      const __m512i lo = _mm512_permutex2var_epi8(r[0], pick[d], r[1]);
      const __m512i hi = _mm512_permutex2var_epi8(r[2], pick[d], r[3]);
      const __m512i bytes = _mm512_mask_blend_epi8(_mm512_movepi8_mask(pick[d]), lo, hi);
      const __m512i from = _mm512_cvtepu8_epi32(_mm512_castsi512_si128(bytes));
      const __m512i entry = _mm512_add_epi32(base, from);
      const __m512i W = _mm512_permutex2var_epi32(wlo[d], entry, whi[d]);
      const __m512i C = _mm512_permutex2var_epi32(clo[d], entry, chi[d]);
      const __m512i x = _mm512_maskz_loadu_epi32(lanes, u + d * kRun + (g - run));
      const __mmask16 worsens = _mm512_mask_cmplt_epu32_mask(lanes, x, W);
      const __mmask16 moves = _mm512_mask_cmplt_epu32_mask(lanes, x, C);
      __m512i to = _mm512_mask_sub_epi32(from, worsens, from, one);
      to = _mm512_mask_add_epi32(to, moves & ~worsens, to, one);
      worst = _mm512_min_epu32(worst, from);
      before = _mm512_mask_add_epi32(before, _mm512_cmple_epu32_mask(from, two), before, one);
      after = _mm512_mask_add_epi32(after, _mm512_cmple_epu32_mask(to, two), after, one);
      _mm512_store_si512(from_v[d], from);
      _mm512_store_si512(to_v[d], to);
      move_bits[d >> 2] |= static_cast<uint64_t>(moves) << (16 * (d & 3));
    }
    const auto changed = static_cast<__mmask16>(apply_group_moves(ctx, s, g, 16, move_bits, from_v[0], to_v[0], tally));
    const __m512i three = _mm512_set1_epi32(kMultiProblemDomains);
    const __mmask16 multi_before = _mm512_cmpge_epi32_mask(before, three);
    const __mmask16 multi_after = _mm512_cmpge_epi32_mask(after, three);
    const __mmask16 multi = static_cast<__mmask16>((multi_before ^ multi_after) & lanes);
    __mmask16 debt = 0, ask = 0;
    if (t.debt) {
      const __m512i flags = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(lanes, s.flags.data() + g));
      debt = _mm512_mask_test_epi32_mask(lanes, flags, _mm512_set1_epi32(kFlagDebtGrows));
    }
    if (t.care.help) {
      const __mmask16 out_of_care = _mm512_mask_cmpeq_epi32_mask(lanes, status, _mm512_setzero_si512());
      ask = _mm512_mask_test_epi32_mask(out_of_care, _mm512_permutexvar_epi32(worst, asks_table), one);
    }
    const __mmask16 debt_flag = t.debt ? changed : 0;  // the flag follows the finances domain
    const unsigned todo = static_cast<unsigned>(multi | debt | ask | debt_flag);
    if (todo == 0) continue;
    alignas(64) int32_t worst_v[16];
    _mm512_store_si512(worst_v, worst);
    finish_group(ctx, s, g, todo, changed, multi, multi_after, ask, debt, worst_v, tally);
  }
}

#define WIJKSIM_DENSE_AVX2 __attribute__((target("avx2")))

// One bit per 32-bit lane of an all-ones / all-zeros compare result.
WIJKSIM_DENSE_AVX2 inline unsigned mask_of(__m256i m) {
  return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(m)));
}

// Entry e (0..31, low 5 bits) of a 32-entry table held as four 8-entry registers, with
// permutes instead of a gather (slow on some CPUs); only the registers the scenario's care
// classes use are read (`used` = ceil(entries / 8)).
WIJKSIM_DENSE_AVX2 inline __m256i lookup32(const __m256i* table, int used, __m256i e) {
  const __m256i r0 = _mm256_permutevar8x32_epi32(table[0], e);
  if (used == 1) return r0;
  const __m256 bit3 = _mm256_castsi256_ps(_mm256_slli_epi32(e, 28));  // bit 3 -> sign
  const __m256i r01 = _mm256_castps_si256(
      _mm256_blendv_ps(_mm256_castsi256_ps(r0), _mm256_castsi256_ps(_mm256_permutevar8x32_epi32(table[1], e)), bit3));
  if (used == 2) return r01;
  const __m256i r23 = _mm256_castps_si256(
      _mm256_blendv_ps(_mm256_castsi256_ps(_mm256_permutevar8x32_epi32(table[2], e)),
                       _mm256_castsi256_ps(_mm256_permutevar8x32_epi32(table[3], e)), bit3));
  const __m256 bit4 = _mm256_castsi256_ps(_mm256_slli_epi32(e, 27));
  return _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(r01), _mm256_castsi256_ps(r23), bit4));
}

// The same in groups of 8 households with AVX2 (no byte permutes, no masks): a group's
// severities come from a gather, thresholds from lookup32, unsigned compares from the
// sign-flip trick.
// The group that holds one of the array's last 16 households takes the portable loop, so
// the 4-byte gathers of single bytes never read past the severity array.
WIJKSIM_DENSE_AVX2
void run_avx2(const StepContext& ctx, SimState& s, uint64_t run, uint64_t run_end, const uint32_t* u,
              int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const int nd = t.n_domains;
  uint8_t* sev_all = s.severity.data();
  const __m256i one = _mm256_set1_epi32(1), two = _mm256_set1_epi32(2), three = _mm256_set1_epi32(3);
  const __m256i five = _mm256_set1_epi32(5), sign = _mm256_set1_epi32(static_cast<int>(0x80000000u));
  const __m256i byte = _mm256_set1_epi32(0xFF);
  const __m256i row_offset = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(nd));
  alignas(32) int32_t asks_by_worst[8] = {};  // 1 where weekly_by_worst[worst - 1] > 0
  for (int l = 1; l <= kSeverityLevels; ++l) asks_by_worst[l] = t.care.weekly_by_worst[l - 1] > 0;
  const __m256i asks_table = _mm256_load_si256(reinterpret_cast<const __m256i*>(asks_by_worst));
  const size_t classes = t.lean_entries.size() / (static_cast<size_t>(nd) * kSeverityLevels);
  const int used = static_cast<int>((classes * kSeverityLevels + 7) / 8);
  __m256i wt[kDenseMaxDomains][4], ct[kDenseMaxDomains][4];
  for (int d = 0; d < nd; ++d)
    for (int q = 0; q < 4; ++q) {
      wt[d][q] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.dense_worsen.data() + d * kTable + 8 * q));
      ct[d][q] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.dense_change.data() + d * kTable + 8 * q));
    }
  for (uint64_t g = run; g < run_end; g += 8) {
    const uint64_t m = std::min<uint64_t>(8, run_end - g);
    if (m < 8 || g + 16 > s.n_households) {
      run_portable(ctx, s, g, g + m, u + (g - run), tally);
      continue;
    }
    const uint8_t* rows = sev_all + g * nd;
    _mm_prefetch(reinterpret_cast<const char*>(rows + 64 * nd), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(rows + 64 * nd + 64), _MM_HINT_T0);
    __m256i status = _mm256_setzero_si256(), base = _mm256_set1_epi32(-1);
    if (t.care.network) {
      status = _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(s.care_status.data() + g)));
      const __m256i provider =
          _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.care_provider.data() + g)));
      const __m256i serving = _mm256_cmpeq_epi32(status, _mm256_set1_epi32(static_cast<int>(providers::CareStatus::in_service)));
      const __m256i cls = _mm256_and_si256(serving, _mm256_add_epi32(provider, one));
      base = _mm256_sub_epi32(_mm256_mullo_epi32(cls, five), one);
    }
    __m256i worst = five, before = _mm256_setzero_si256(), after = _mm256_setzero_si256();
    alignas(32) int32_t from_v[kDenseMaxDomains][8], to_v[kDenseMaxDomains][8];
    uint64_t move_bits[kDenseMaxDomains / 8] = {};  // bit 8 (d % 8) + i of word d / 8
    for (int d = 0; d < nd; ++d) {
      const __m256i from = _mm256_and_si256(
          _mm256_i32gather_epi32(reinterpret_cast<const int*>(rows + d), row_offset, 1), byte);
      const __m256i entry = _mm256_add_epi32(base, from);
      const __m256i W = lookup32(wt[d], used, entry);
      const __m256i C = lookup32(ct[d], used, entry);
      const __m256i x = _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(u + d * kRun + (g - run))), sign);
      const __m256i worsens = _mm256_cmpgt_epi32(_mm256_xor_si256(W, sign), x);  // x < W, unsigned
      const __m256i moves = _mm256_cmpgt_epi32(_mm256_xor_si256(C, sign), x);
      const __m256i improves = _mm256_andnot_si256(worsens, moves);
      const __m256i to = _mm256_add_epi32(_mm256_sub_epi32(from, _mm256_and_si256(worsens, one)),
                                          _mm256_and_si256(improves, one));
      worst = _mm256_min_epu32(worst, from);
      before = _mm256_sub_epi32(before, _mm256_cmpgt_epi32(three, from));  // + (from <= 2)
      after = _mm256_sub_epi32(after, _mm256_cmpgt_epi32(three, to));
      _mm256_store_si256(reinterpret_cast<__m256i*>(from_v[d]), from);
      _mm256_store_si256(reinterpret_cast<__m256i*>(to_v[d]), to);
      move_bits[d >> 3] |= static_cast<uint64_t>(mask_of(moves)) << (8 * (d & 7));
    }
    const unsigned changed = apply_group_moves(ctx, s, g, 8, move_bits, from_v[0], to_v[0], tally);
    const unsigned multi_before = mask_of(_mm256_cmpgt_epi32(before, two));
    const unsigned multi_after = mask_of(_mm256_cmpgt_epi32(after, two));
    const unsigned multi = multi_before ^ multi_after;
    unsigned debt = 0, ask = 0;
    if (t.debt) {
      const __m256i flags = _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(s.flags.data() + g)));
      const __m256i bit = _mm256_set1_epi32(kFlagDebtGrows);
      debt = mask_of(_mm256_cmpeq_epi32(_mm256_and_si256(flags, bit), bit));
    }
    if (t.care.help) {
      const __m256i out_of_care = _mm256_cmpeq_epi32(status, _mm256_setzero_si256());
      ask = mask_of(_mm256_and_si256(out_of_care, _mm256_cmpeq_epi32(_mm256_permutevar8x32_epi32(asks_table, worst), one)));
    }
    const unsigned debt_flag = t.debt ? changed : 0;
    const unsigned todo = multi | debt | ask | debt_flag;
    if (todo == 0) continue;
    alignas(32) int32_t worst_v[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(worst_v), worst);
    finish_group(ctx, s, g, todo, changed, multi, multi_after, ask, debt, worst_v, tally);
  }
}

#pragma GCC diagnostic pop

bool cpu_has_avx512() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
                          __builtin_cpu_supports("avx512vbmi");
  return has;
}
#endif

// The widest path the CPU has and WIJKSIM_ISA (philox_wide.hpp) allows, unless a test
// forced one (never wider than the CPU has).
Isa best_isa() {
#if defined(__x86_64__)
  static const Isa best = [] {
    const std::string_view allowed = philox_wide_isa();
    if (cpu_has_avx512() && allowed == "avx512") return Isa::avx512;
    if (__builtin_cpu_supports("avx2") && (allowed == "avx512" || allowed == "avx2")) return Isa::avx2;
    return Isa::portable;
  }();
  return best;
#else
  return Isa::portable;
#endif
}

Isa current_isa() {
  const int forced = forced_isa.load(std::memory_order_relaxed);
  const Isa best = best_isa();
  return forced == 0 ? best : std::min(best, static_cast<Isa>(forced - 1));
}

}  // namespace

bool dense_kernel_applies(const ModelTables& t) {
  const size_t classes = 1 + (t.care.network ? t.care.improve.size() / static_cast<size_t>(t.n_domains) : 0);
  return lean_kernel_applies(t) && t.n_domains <= kDenseMaxDomains && classes <= kDenseMaxClasses;
}

void build_dense_thresholds(ModelTables& t) {
  t.dense_worsen.clear();
  t.dense_change.clear();
  if (!dense_kernel_applies(t) || t.lean_entries.empty()) return;
  const int nd = t.n_domains;
  const size_t classes = t.lean_entries.size() / (static_cast<size_t>(nd) * kSeverityLevels);
  t.dense_worsen.assign(static_cast<size_t>(nd) * kTable, 0);
  t.dense_change.assign(static_cast<size_t>(nd) * kTable, 0);
  for (size_t cls = 0; cls < classes; ++cls)
    for (int d = 0; d < nd; ++d)
      for (int l = 0; l < kSeverityLevels; ++l) {
        const auto& e = t.lean_entries[(cls * nd + d) * kSeverityLevels + l];
        const size_t i = static_cast<size_t>(d) * kTable + cls * kSeverityLevels + l;
        t.dense_worsen[i] = threshold32(e.worsen);
        t.dense_change[i] = std::max(t.dense_worsen[i], threshold32(e.p));
      }
}

void step_households_dense(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally) {
  const int nd = ctx.tables->n_domains;
  alignas(64) static thread_local uint32_t u[kDenseMaxDomains * kRun];  // 64 KiB: not on the stack
  const Isa isa = current_isa();
  for (uint64_t run = begin; run < end; run += kRun) {
    const uint64_t run_end = std::min(end, run + kRun);
    const auto blocks = static_cast<uint32_t>((run_end - run + 3) / 4);
    for (int d = 0; d < nd; ++d)
      philox_draw_blocks(ctx.key, static_cast<uint32_t>(run / 4), blocks, ctx.week, ctx.replication,
                         Purpose::domain_draws, static_cast<uint32_t>(d), u + d * kRun);
    switch (isa) {
#if defined(__x86_64__)
      case Isa::avx512: run_avx512(ctx, s, run, run_end, u, tally); break;
      case Isa::avx2: run_avx2(ctx, s, run, run_end, u, tally); break;
#endif
      default: run_portable(ctx, s, run, run_end, u, tally); break;
    }
  }
}

const char* dense_kernel_isa() {
  switch (current_isa()) {
    case Isa::avx512: return "avx512";
    case Isa::avx2: return "avx2";
    case Isa::portable: break;
  }
  return "portable";
}

void dense_kernel_force_isa(const char* isa) {
  const std::string_view name = isa ? isa : "";
  forced_isa.store(name == "portable" ? 1 : name == "avx2" ? 2 : name == "avx512" ? 3 : 0, std::memory_order_relaxed);
}

}  // namespace wijksim::models
