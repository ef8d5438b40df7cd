// The [costs] phase: societal cost events and the end of the week's ledger.
//
// Each week every household for which a societal cost's conditions hold (all listed
// domains at or below their level, work status, children) incurs it with its weekly
// probability (1 = every week, e.g. a benefit), paid by its financier. Counted per chunk
// of households in parallel and posted once per cost (integer cents: exact). The draw is keyed
// by (household, week, Purpose::interventions, 0xF000 + event), so it is the same in a
// baseline and a variant for a household whose state is the same: differences in
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

// The costs of household h that need a look (mask bits in `visit`): the ones with a draw,
// and the costs 7.. (bit 7), whose conditions are evaluated again.
void count_household(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events,
                     uint64_t h, uint8_t visit, uint64_t* n) {
  const uint8_t mask = s.societal[h];
  for (size_t e = 0; e < std::min<size_t>(events.size(), kSocietalBits); ++e)
    if ((visit & mask & (1u << e)) && happens(ctx, events[e], e, h)) ++n[e];
  if (!(visit & mask & (1u << kSocietalBits))) return;
  for (size_t e = kSocietalBits; e < events.size(); ++e)
    if (events[e].weekly_probability > 0 && societal_applies(events[e], s, h) && happens(ctx, events[e], e, h)) ++n[e];
}

// Events of every societal cost among households [begin, end), added to out[e], from the
// cache byte SimState::societal (a function of the state: societal_conditions.hpp). A cost
// with probability 1 among the first 7 is a count of the households with its bit, 16 at a
// time; only households with a bit that needs a draw (or bit 7) are visited.
void count_events(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events,
                  uint64_t begin, uint64_t end, uint64_t* out) {
  std::vector<uint64_t> n(events.size(), 0);  // local: stores through `out` could alias the state
  uint8_t counted = 0;                        // probability-1 costs counted from the bits alone
  for (size_t e = 0; e < std::min<size_t>(events.size(), kSocietalBits); ++e)
    if (events[e].weekly_probability >= 1) counted |= static_cast<uint8_t>(1u << e);
  const uint8_t visit = static_cast<uint8_t>(~counted);
  const uint8_t* mask = s.societal.data();
  uint64_t h = begin;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  const __m128i visit_bits = _mm_set1_epi8(static_cast<char>(visit));
  for (; h + 16 <= end; h += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(mask + h));
    for (uint8_t todo = counted; todo != 0; todo &= static_cast<uint8_t>(todo - 1)) {
      const int e = __builtin_ctz(todo);
      const __m128i bit = _mm_set1_epi8(static_cast<char>(1u << e));
      n[e] += static_cast<uint64_t>(__builtin_popcount(
          ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, bit), zero))) & 0xFFFFu));
    }
    uint32_t look = ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, visit_bits), zero))) & 0xFFFFu;
    for (; look != 0; look &= look - 1)
      count_household(ctx, s, events, h + static_cast<uint64_t>(__builtin_ctz(look)), visit, n.data());
  }
#endif
  for (; h < end; ++h) {
    for (uint8_t todo = counted; todo != 0; todo &= static_cast<uint8_t>(todo - 1)) {
      const int e = __builtin_ctz(todo);
      n[e] += (mask[h] >> e) & 1u;
    }
    if (mask[h] & visit) count_household(ctx, s, events, h, visit, n.data());
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
