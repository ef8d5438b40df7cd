#include "wijksim/experiments/sweep.hpp"

#include <stdexcept>

#include "wijksim/experiments/recorder.hpp"
#include "wijksim/simulation.hpp"

namespace wijksim::experiments {

RunOutput simulate_run(const CompiledScenario& scenario, const RunKey& key, const OutputSpec& outputs, int threads) {
  const MetricSelector selector(scenario, outputs, /*absent_as_zero=*/true);
  RunOptions options;
  options.threads = threads;
  options.override_seed = true;
  options.seed = key.seed;
  options.override_replication = true;
  options.replication = key.replication;

  OutcomeRecorder recorder(selector, scenario.weeks);
  run_simulation(scenario, options, scenario.weeks, [&](const Simulation& sim) { recorder.observe(sim); });
  RunOutput out;
  out.timeseries = recorder.timeseries();
  out.summaries = recorder.summaries();
  return out;
}

size_t run_sweep(const SweepPlan& plan, ResultStore& store, int threads, Progress* progress) {
  const auto pending = store.runs(true);
  for (const auto& k : pending) {
    const size_t idx = static_cast<size_t>(k.variant) * plan.n_points + k.point;
    if (k.point >= plan.n_points || idx >= plan.scenarios.size())
      throw std::invalid_argument("sweep plan has no scenario for variant " + std::to_string(k.variant) +
                                  ", point " + std::to_string(k.point));
  }
  // Check the metric names once, before any run starts, so a typo fails fast.
  check_metric_names(plan.scenarios, plan.outputs);
  execute_runs(store, pending,
               [&](const RunKey& k, int inner) {
                 return simulate_run(plan.scenarios[static_cast<size_t>(k.variant) * plan.n_points + k.point], k,
                                     plan.outputs, inner);
               },
               threads, progress);
  return pending.size();
}

}  // namespace wijksim::experiments
