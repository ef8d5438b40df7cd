#pragma once
// The sweep runner: every (variant, sweep point, replication) run of an experiment, in
// parallel, each one a wijksim::Simulation recorded in the results store when it ends.
//
// Common random numbers: every run uses the experiment's seed and replication r
// (RunOptions override_seed / override_replication), so replication r of every variant
// and point draws the same random streams and paired differences isolate the policy.
// Lives in models/ because it calls Simulation (the engine library must not).
#include <iosfwd>
#include <optional>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/experiments/executor.hpp"
#include "wijksim/experiments/outputs.hpp"
#include "wijksim/experiments/stopping_rule.hpp"

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

struct ExperimentResult {
  size_t ran = 0;                   // runs executed
  std::optional<RuleStatus> rule;   // the stopping rule's last verdict (when judged)
  bool rule_left_to_merge = false;  // a shard store: the rule is judged on the merged store
};
// The whole experiment, as `record` (the experiment file as loaded now) describes it: the
// store records the file and rule it now runs under (the hash leaves out a count, max and
// criteria, so raising them resumes the same store); the replications the rule asks for and
// the store lacks are added
// (a raised count or max, a raised min), pending runs are run, and under a stopping rule
// the rule is judged after each complete batch and batches are added until it holds or max
// is reached. Each verdict is written to the store's provenance ("stopping_rule"). A shard
// store runs its share of the replications it has and leaves the rule to the merged store.
// `log` (may be null) gets one block per verdict; `progress` draws a progress line per batch.
ExperimentResult run_experiment(const SweepPlan& plan, ResultStore& store, const ExperimentRecord& record,
                                int threads, bool progress, std::ostream* log);

}  // namespace wijksim::experiments
