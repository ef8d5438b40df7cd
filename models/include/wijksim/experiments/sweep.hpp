#pragma once
// The sweep runner: every (variant, sweep point, replication) run of an experiment, in
// parallel, each one a wijksim::Simulation recorded in the results store when it ends.
//
// Common random numbers: every run uses the experiment's seed and replication r
// (RunOptions override_seed / override_replication), so replication r of every variant
// and point draws the same random streams and paired differences isolate the policy.
// Lives in models/ because it calls Simulation (the engine library must not).
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/experiments/executor.hpp"
#include "wijksim/experiments/outputs.hpp"

namespace wijksim::experiments {

struct SweepPlan {
  std::vector<CompiledScenario> scenarios;  // index = variant * n_points + point
  uint32_t n_points = 1;
  OutputSpec outputs;
};

// One run: simulate scenario.weeks weeks, recording the selected outcomes (recorder.hpp).
RunOutput simulate_run(const CompiledScenario& scenario, const RunKey& key, const OutputSpec& outputs, int threads);

// Runs every pending run of `store` (threads = total threads; runs x households never
// exceed it). Returns the number of runs executed.
size_t run_sweep(const SweepPlan& plan, ResultStore& store, int threads, Progress* progress = nullptr);

}  // namespace wijksim::experiments
