// Tallies between phases and the week's metrics (tallies.hpp).
#include "tallies.hpp"

#include <algorithm>
#include <vector>

#include "model.hpp"
#include "services.hpp"

namespace wijksim::models {

Tallies make_tallies(const MetricsLayout& L, uint64_t n_households) {
  Tallies t;
  t.totals.assign(L.size(), 0);
  t.chunk.assign(ChunkRunner::chunk_count(n_households), std::vector<int64_t>(L.size(), 0));
  return t;
}

void clear_weekly_flows(const MetricsLayout& L, Tallies& t) {
  for (int w = 0; w < L.n_wijken; ++w) {
    int64_t* row = t.totals.data() + L.stride * w;
    for (size_t i = L.departures(); i <= L.persons_arrived(); ++i) row[i] = 0;
    for (int e = 0; e < L.n_events; ++e) row[L.event(e)] = 0;
  }
}

// Chunks hold consecutive households and households are in wijk order, so a chunk only
// touches the wijk rows from its first to its last household's wijk. Integer sums: exact,
// and the same whatever the order.
void fold_chunk_tallies(const MetricsLayout& L, const SimState& s, Tallies& t) {
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

// Children per wijk, counted from the state every week (not a tally): one byte a
// household, so no phase has to keep a children tally. Households are stored in wijk order
// (wijk_households[w] of them in wijk w), so each wijk is one contiguous run of bytes whose
// sum vectorises; a per-household scatter into the wijk's counter instead made every
// household wait on the previous one's store (the same counter), serially, each week.
void count_children(const SimState& s, const std::vector<uint64_t>& wijk_households, WeekMetrics& out) {
  const uint8_t* children = s.children.data();
  uint64_t begin = 0;
  out.all.children = 0;
  for (size_t w = 0; w < out.wijk.size(); ++w) {
    const uint64_t end = begin + wijk_households[w];
    uint64_t n = 0;
    for (uint64_t h = begin; h < end; ++h) n += children[h];
    out.wijk[w].children = n;
    out.all.children += n;
    begin = end;
  }
}

void fill_metrics(const Model& model, RunState& run) {
  fill_week_metrics(model.layout, run.tallies.totals, model.wijk_households, run.week, run.metrics);
  fill_care_metrics(run.care, run.households.n_households, run.metrics);
  count_children(run.households, model.wijk_households, run.metrics);
}

}  // namespace wijksim::models
