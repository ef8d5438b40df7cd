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

#include "../interventions/phase.hpp"
#include "../services.hpp"
#include "../step_context.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

namespace {

constexpr uint32_t kSocietalDrawBase = 0xF000;

bool applies(const costs::SocietalCost& c, const SimState& s, uint64_t h) {
  if (c.work_status >= 0 && s.work_status[h] != c.work_status) return false;
  if (c.needs_children && s.children[h] == 0) return false;
  const uint8_t* sev = s.severity_row(h);
  for (const auto& t : c.all_of)
    if (sev[t.domain] > t.at_or_below) return false;
  return true;
}

// Events of every societal cost among households [begin, end), added to n[e]. One pass
// over the households (each row read once); a cost below probability 1 happens on the
// household's own draw.
void count_events(const StepContext& ctx, const SimState& s, const std::vector<costs::SocietalCost>& events,
                  uint64_t begin, uint64_t end, uint64_t* out) {
  std::vector<uint64_t> n(events.size(), 0);  // local: stores through `out` could alias the state
  for (uint64_t h = begin; h < end; ++h) {
    for (size_t e = 0; e < events.size(); ++e) {
      const costs::SocietalCost& c = events[e];
      if (c.weekly_probability <= 0 || !applies(c, s, h)) continue;
      if (c.weekly_probability < 1) {
        const auto u = philox_draw(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::interventions,
                                   kSocietalDrawBase + static_cast<uint32_t>(e));
        if (!(u01(u.v[0]) < c.weekly_probability)) continue;
      }
      ++n[e];
    }
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
