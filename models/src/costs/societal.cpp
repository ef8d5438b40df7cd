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

// Events of household h, added to n[e]; a cost below probability 1 happens on the
// household's own draw.
void count_household(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events,
                     uint64_t h, uint64_t* n) {
  for (size_t e = 0; e < events.size(); ++e) {
    const costs::SocietalCost& c = events[e];
    if (c.weekly_probability <= 0 || !societal_applies(c, s, h)) continue;
    if (c.weekly_probability < 1) {
      const auto u = philox_draw(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::interventions,
                                 kSocietalDrawBase + static_cast<uint32_t>(e));
      if (!(u01(u.v[0]) < c.weekly_probability)) continue;
    }
    ++n[e];
  }
}

// Events of every societal cost among households [begin, end), added to out[e]. Only the
// households whose cache says some cost applies (kFlagSocietal, a function of the state:
// costs/societal_conditions.hpp) are visited, 16 flags at a time: the rest cannot have one.
void count_events(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events,
                  uint64_t begin, uint64_t end, uint64_t* out) {
  std::vector<uint64_t> n(events.size(), 0);  // local: stores through `out` could alias the state
  const uint8_t* flags = s.flags.data();
  uint64_t h = begin;
#if defined(__SSE2__)
  const __m128i bit = _mm_set1_epi8(static_cast<char>(kFlagSocietal));
  for (; h + 16 <= end; h += 16) {
    const __m128i f = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(flags + h)), bit);
    uint32_t todo = ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(f, _mm_setzero_si128()))) & 0xFFFFu;
    for (; todo != 0; todo &= todo - 1) count_household(ctx, s, events, h + static_cast<uint64_t>(__builtin_ctz(todo)), n.data());
  }
#endif
  for (; h < end; ++h)
    if (flags[h] & kFlagSocietal) count_household(ctx, s, events, h, n.data());
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
