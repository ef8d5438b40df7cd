#pragma once
// Model: everything a run reads and nothing it writes. Compiled once from a
// CompiledScenario (Model::compile) and const for the whole run; shared by every thread.
//
//   const Model model = Model::compile(scenario, kernel);
//   RunState run;                        // run_state.hpp: everything that changes
//   initialise(model, run, runner, seed, replication);
//   while (run.week < weeks) step(model, run, runner);   // step.hpp
//
// Network epochs. Network interventions (capacity_change, pooled_budget,
// case_manager_continuity) change the provider network during a window of weeks. The
// network in force is a pure function of the week (network_for_week), constant between the
// weeks where one of them starts or stops, so the whole schedule is built here: one epoch
// per such stretch, each with its network (pathway loss, continuity, dropout, financier,
// effects), its capacities (capacity_share resolved for this city, then the capacity
// changes) and its model tables (service effects follow a pooled generalist). A run
// only moves an index (RunState::epoch). Rejected alternative: rewriting the scenario's
// network in place when a window opens or closes; that made the "const" scenario change
// under the run, and every reader after the run (the baseline run behind
// costs.vs_baseline, for one) saw the last week's network instead of the scenario's.
#include <cstdint>
#include <vector>

#include "metrics_tally.hpp"
#include "model_tables.hpp"
#include "wijksim/compiled_scenario.hpp"
#include "wijksim/simulation.hpp"

namespace wijksim::models {

struct NetworkEpoch {
  uint32_t first_week = 0;                   // in force from this week to the next epoch's first week - 1
  providers::CompiledProviderNetwork network;  // the network in force (finalised)
  std::vector<int32_t> capacity;             // per provider: capacity in force for this city
  ModelTables tables;                        // the household kernels' tables with this network's effects
};

struct Model {
  CompiledScenario scenario;               // as compiled from the YAML; never rewritten
  MetricsLayout layout;                    // rows of the integer tallies (metrics_tally.hpp)
  std::vector<uint64_t> wijk_households;   // per wijk, scenario order
  // epochs[0] starts at week 0 with the scenario's own network; later ones at the weeks
  // where a network intervention starts or stops. Without network interventions: one.
  std::vector<NetworkEpoch> epochs;

  static Model compile(const CompiledScenario& scenario);

  const ModelTables& tables() const { return epochs.front().tables; }  // week 0 / kernel choice
  // Index of the epoch in force in `week`, searching forward from `from` (weeks only grow).
  size_t epoch_of(uint32_t week, size_t from = 0) const {
    while (from + 1 < epochs.size() && epochs[from + 1].first_week <= week) ++from;
    return from;
  }
};

}  // namespace wijksim::models
