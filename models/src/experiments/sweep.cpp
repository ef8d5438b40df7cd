#include "wijksim/experiments/sweep.hpp"

#include <memory>
#include <ostream>
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
  out.yearly = recorder.yearly();
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

ExperimentResult run_experiment(const SweepPlan& plan, ResultStore& store, const ExperimentRecord& record,
                                int threads, bool progress, std::ostream* log) {
  const ReplicationRule& rule = record.rule;
  store.set_provenance("resolved_experiment", record.resolved_text);
  store.set_provenance("replication_rule", to_json(rule));
  ExperimentResult result;
  const bool shard = store.experiment().shard.count > 1;
  // A count raised since the store was made (or a rule's min): add those replications.
  store.extend_replications(rule.adaptive() ? rule.min : rule.max);
  for (;;) {
    {
      std::unique_ptr<Progress> bar;
      if (progress) bar = std::make_unique<Progress>(store.count_runs(false), store.count_runs(true), log);
      result.ran += run_sweep(plan, store, threads, bar.get());
      if (bar) bar->finish();
    }
    if (!rule.adaptive()) return result;
    if (shard) {
      result.rule_left_to_merge = true;
      return result;
    }
    const RuleStatus status = judge_rule(store, rule);
    store.set_provenance("stopping_rule", to_json(status));
    if (log) *log << "wijksim: " << describe(status, rule);
    result.rule = status;
    if (status.next <= status.replications) return result;
    store.extend_replications(status.next);
  }
}

}  // namespace wijksim::experiments
