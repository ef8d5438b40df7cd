// The [costs] phase: societal cost events and the end of the week's ledger.
//
// Each week every household for which a societal cost's conditions hold (all listed
// domains at or below their level, work status, children) incurs it with its weekly
// probability (1 = every week, e.g. a benefit), paid by its financier. Counted per chunk
// of households in parallel and posted once per cost (integer cents: exact). The draw is keyed
// by (household, week, Purpose::interventions, 0xF000 + event), so it is the same in a
// baseline and a variant for a household whose state is the same (drawn many households at
// once, the same words: DrawLists): differences in
// societal cost come only from differences in households' states. The events are
// accounted, not fed back: the accounting never changes the simulation.
#include <algorithm>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../interventions/phase.hpp"
#include "../services.hpp"
#include "../step_context.hpp"
#include "societal_conditions.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/philox_wide.hpp"

namespace wijksim::models {

namespace {

constexpr uint32_t kSocietalDrawBase = 0xF000;

// Whether cost e happens to household h this week, given that it applies: probability 1
// always, else on the household's own draw.
bool happens(const StepContext& ctx, const costs::SocietalCost& c, size_t e, uint64_t h) {
  if (c.weekly_probability >= 1) return true;
  const auto u = philox_draw(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::interventions,
                             kSocietalDrawBase + static_cast<uint32_t>(e));
  return u01(u.v[0]) < c.weekly_probability;
}

// The costs 7.. of household h (mask bit 7): their conditions are evaluated again.
void count_rest(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events, uint64_t h,
                uint64_t* n) {
  for (size_t e = kSocietalBits; e < events.size(); ++e)
    if (events[e].weekly_probability > 0 && societal_applies(events[e], s, h) && happens(ctx, events[e], e, h)) ++n[e];
}

// The households of a run that one of the costs 0..6 with a draw applies to, per cost; the
// draws of each list at once with the wide Philox (philox_draw_subjects: household h's
// block is the philox_draw that `happens` makes), then counted.
struct DrawLists {
  static constexpr size_t kRun = 2048;  // households per run: lists of ~1-5% of them, long enough to draw wide
  uint32_t n[kSocietalBits] = {};
  uint32_t households[kSocietalBits][kRun];
  uint32_t words[4 * kRun];

  void add(uint8_t bits, uint64_t h) {
    for (; bits != 0; bits &= static_cast<uint8_t>(bits - 1)) {
      const int e = __builtin_ctz(bits);
      households[e][n[e]++] = static_cast<uint32_t>(h);
    }
  }
  void count(const StepContext& ctx, const std::vector<costs::SocietalCost>& events, uint64_t* out) {
    for (size_t e = 0; e < kSocietalBits; ++e) {
      if (n[e] == 0) continue;
      philox_draw_subjects(ctx.key, households[e], n[e], ctx.week, ctx.replication, Purpose::interventions,
                           kSocietalDrawBase + static_cast<uint32_t>(e), words);
      const double p = events[e].weekly_probability;
      uint64_t k = 0;
      for (uint32_t i = 0; i < n[e]; ++i) k += u01(words[4 * i]) < p;
      out[e] += k;
      n[e] = 0;
    }
  }
};

// Events of every societal cost among households [begin, end), added to out[e], from the
// cache byte SimState::societal (a function of the state: societal_conditions.hpp). A cost
// with probability 1 among the first 7 is a count of the households with its bit, 16 at a
// time; the others are drawn per run of households (DrawLists), and bit 7 sends the
// household to count_rest.
void count_events(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events,
                  uint64_t begin, uint64_t end, uint64_t* out) {
  std::vector<uint64_t> n(events.size(), 0);  // local: stores through `out` could alias the state
  uint8_t counted = 0;                        // probability-1 costs counted from the bits alone
  for (size_t e = 0; e < std::min<size_t>(events.size(), kSocietalBits); ++e)
    if (events[e].weekly_probability >= 1) counted |= static_cast<uint8_t>(1u << e);
  const uint8_t visit = static_cast<uint8_t>(~counted);
  constexpr uint8_t kRestBit = 1u << kSocietalBits;
  const uint8_t* mask = s.societal.data();
  thread_local DrawLists lists;  // ~90 KiB: the thread's, reused (a chunk calls no other)
  const auto look_at = [&](uint64_t h) {
    const uint8_t m = static_cast<uint8_t>(mask[h] & visit);
    lists.add(static_cast<uint8_t>(m & ~kRestBit), h);
    if (m & kRestBit) count_rest(ctx, s, events, h, n.data());
  };
  for (uint64_t run = begin; run < end; run += DrawLists::kRun) {
    const uint64_t run_end = std::min(end, run + DrawLists::kRun);
    uint64_t h = run;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    const __m128i one = _mm_set1_epi8(1);
    const __m128i visit_bits = _mm_set1_epi8(static_cast<char>(visit));
    for (; h + 16 <= run_end; h += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(mask + h));
      for (uint8_t todo = counted; todo != 0; todo &= static_cast<uint8_t>(todo - 1)) {
        const int e = __builtin_ctz(todo);
        // Bytes with the bit set become 1, the others 0, and SAD sums them (a popcount
        // without -mpopcnt is a libgcc call).
        const __m128i bit = _mm_set1_epi8(static_cast<char>(1u << e));
        const __m128i sums = _mm_sad_epu8(_mm_min_epu8(_mm_and_si128(v, bit), one), zero);
        n[e] += static_cast<uint64_t>(_mm_cvtsi128_si32(sums)) + static_cast<uint64_t>(_mm_extract_epi16(sums, 4));
      }
      uint32_t look =
          ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, visit_bits), zero))) & 0xFFFFu;
      for (; look != 0; look &= look - 1) look_at(h + static_cast<uint64_t>(__builtin_ctz(look)));
    }
#endif
    for (; h < run_end; ++h) {
      for (uint8_t todo = counted; todo != 0; todo &= static_cast<uint8_t>(todo - 1)) {
        const int e = __builtin_ctz(todo);
        n[e] += (mask[h] >> e) & 1u;
      }
      if (mask[h] & visit) look_at(h);
    }
    lists.count(ctx, events, n.data());
  }
  std::copy(n.begin(), n.end(), out);
}

}  // namespace

void post_provider_costs(InterventionState& st, const int64_t* financier_week_cents, int n_financiers) {
  for (int f = 0; f < n_financiers && f < costs::kFinancierCount; ++f)
    st.ledger.post(f, costs::provider, financier_week_cents[f]);
}

void step_costs(const StepContext& ctx, const SimState& s, ChunkRunner& runner, InterventionState& st) {
  const costs::CompiledCosts& cc = ctx.scenario->costs;
  // Provider costs of the week (client-weeks and intakes), per financier.
  if (ctx.care && ctx.care->enabled)
    post_provider_costs(st, ctx.care->ps.financier_week_cents.data(),
                        static_cast<int>(ctx.care->ps.financier_week_cents.size()));
  // No societal cost (households-ref): skip the household loop altogether.
  if (cc.enabled && !cc.societal.empty()) {
    const auto& events = cc.societal;
    // Event counts per chunk and cost, in parallel; summed in chunk order (integers: the
    // same totals whatever the thread count), then posted once per cost: n x unit cost.
    std::vector<uint64_t> counts(ChunkRunner::chunk_count(s.n_households) * events.size(), 0);
    runner.run(s.n_households, [&](size_t chunk, uint64_t begin, uint64_t end) {
      count_events(ctx, s, events, begin, end, counts.data() + chunk * events.size());
    });
    for (size_t e = 0; e < events.size(); ++e) {
      uint64_t n = 0;
      for (size_t chunk = 0; chunk * events.size() < counts.size(); ++chunk) n += counts[chunk * events.size() + e];
      st.ledger.post(events[e].financier, costs::societal, static_cast<int64_t>(n) * events[e].unit_cost_cents);
      st.ledger.week_events[e] += n;
    }
  }
  st.ledger.end_week(cc.discount_rate, ctx.week);
}

}  // namespace wijksim::models
