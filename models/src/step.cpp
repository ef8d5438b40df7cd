// step_week: the table of contents of one week, one named phase per line.
#include "step.hpp"

#include <algorithm>

#include "household_step.hpp"
#include "dense_kernel.hpp"
#include "lean_kernel.hpp"
#include "services.hpp"
#include "interventions/phase.hpp"

namespace wijksim::models {

namespace {

// Events are weekly flows: this week's counts start from zero.
void clear_event_counts(const MetricsLayout& L, std::vector<int64_t>& totals) {
  for (int w = 0; w < L.n_wijken; ++w)
    for (int e = 0; e < L.n_events; ++e) totals[L.stride * w + L.event(e)] = 0;
}

// Adds every chunk's integer deltas to the totals and zeroes them for next week. Chunks
// hold consecutive households and households are in wijk order, so a chunk only touches
// the wijk rows from its first to its last household's wijk. Integer sums: exact, and the
// same whatever the order.
void fold_chunk_deltas(const MetricsLayout& L, const SimState& s, Tallies& t) {
  for (size_t c = 0; c < t.chunk.size(); ++c) {
    const uint64_t begin = c * kChunkHouseholds;
    const uint64_t last = std::min<uint64_t>(begin + kChunkHouseholds, s.n_households) - 1;
    int64_t* delta = t.chunk[c].data();
    for (size_t i = L.stride * s.wijk[begin]; i < L.stride * (s.wijk[last] + size_t{1}); ++i) {
      t.totals[i] += delta[i];
      delta[i] = 0;
    }
  }
}

}  // namespace

Tallies make_tallies(const MetricsLayout& L, uint64_t n_households) {
  Tallies t;
  t.totals.assign(L.size(), 0);
  t.chunk.assign(ChunkRunner::chunk_count(n_households), std::vector<int64_t>(L.size(), 0));
  return t;
}

void step_week(const StepContext& ctx, SimState& s, ChunkRunner& runner, Tallies& tallies,
               InterventionState* interventions) {
  clear_event_counts(*ctx.layout, tallies.totals);
  // life events -> household dynamics -> debt, fused per household (household_step.*;
  // lean_kernel.* / dense_kernel.* when the scenario's channels are independent)
  const ModelTables::Kernel kernel = ctx.tables->kernel;
  runner.run(s.n_households, [&](size_t c, uint64_t begin, uint64_t end) {
    switch (kernel) {
      case ModelTables::Kernel::general: step_households(ctx, s, begin, end, tallies.chunk[c].data()); break;
      case ModelTables::Kernel::lean: step_households_lean(ctx, s, begin, end, tallies.chunk[c].data()); break;
      case ModelTables::Kernel::dense: step_households_dense(ctx, s, begin, end, tallies.chunk[c].data()); break;
    }
  });
  // [help-seeking]: requests were recorded per chunk in the household phase (help_seeking.hpp).
  if (ctx.care) run_services(ctx, s, runner, *ctx.care);  // [services] (services.hpp)
  fold_chunk_deltas(*ctx.layout, s, tallies);  // metrics (household phases)
  if (interventions) {
    step_interventions(ctx, s, *interventions, tallies.totals.data());  // interventions (models/src/interventions)
    step_costs(ctx, s, runner, *interventions);                          // costs per financier (models/src/costs)
  }
}

}  // namespace wijksim::models
