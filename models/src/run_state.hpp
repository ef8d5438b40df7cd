#pragma once
// RunState: everything that changes during one run (one seed, one replication), next to
// the const Model it is stepped with (model.hpp). Each thread, replication or rank owns
// its RunState; nothing in the Model is ever written.
#include <cstdint>
#include <vector>

#include "services.hpp"
#include "turnover.hpp"
#include "wijksim/metrics.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/rng.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

// City totals plus one preallocated delta buffer per household chunk.
struct Tallies {
  std::vector<int64_t> totals;              // MetricsLayout rows, one per wijk
  std::vector<std::vector<int64_t>> chunk;  // per chunk, same layout, all zero between steps
};

struct RunState {
  Philox::key_type key{};     // from the run's seed
  uint64_t seed = 0;
  uint32_t replication = 0;
  uint32_t week = 0;          // weeks completed (0 = the drawn population)
  size_t epoch = 0;           // Model::epochs index in force in `week`
  SimState households;        // the registry of per-household arrays (wijksim/state.hpp)
  CareRun care;               // provider queues, counters, capacity in force (services.hpp)
  Turnover turnover;          // departures of the week, the next household id (turnover.hpp)
  InterventionState interventions;  // programmes' bookkeeping, counters, cost ledger
  Tallies tallies;            // integer sums behind the metrics (metrics_tally.hpp)
  WeekMetrics metrics;        // aggregates of week `week`
};

}  // namespace wijksim::models
