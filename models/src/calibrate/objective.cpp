// Calibration targets: their simulated values (common random numbers: replications 0..R-1
// of the scenario's seed) and the objective sum z^2.
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "wijksim/experiments/recorder.hpp"
#include "wijksim/models/calibrate/calibrate.hpp"
#include "wijksim/simulation.hpp"

namespace wijksim::calibrate {

std::vector<std::string> target_outcome_names(const std::vector<Target>& targets) {
  std::vector<std::string> names;
  for (const Target& t : targets)
    for (const auto* list : {&t.outcomes, &t.per})
      for (const std::string& name : *list)
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  return names;
}

namespace {

// The weeks a target reads: [first, last] of weekly values, or one complete year.
struct Reading {
  uint32_t year = 0;
  uint32_t from = 0, to = 0;
};
Reading reading_of(const Target& t, uint32_t at_year) {
  if (at_year > 0) return t.year > 0 ? Reading{at_year, 0, 0} : Reading{0, 52 * (at_year - 1) + 1, 52 * at_year};
  return t.year > 0 ? Reading{t.year, 0, 0} : Reading{0, t.week_from, t.week_to};
}

// One run's values of the named outcomes: weekly (city) and per complete year.
struct RunValues {
  std::map<std::string, std::vector<double>> weekly;  // [week 0..last]
  std::map<std::string, std::map<uint32_t, double>> yearly;
  double value(const std::string& name, const Reading& r) const {
    if (r.year > 0) {
      const auto& years = yearly.at(name);
      const auto it = years.find(r.year);
      if (it == years.end()) throw std::invalid_argument("no complete year " + std::to_string(r.year) + " of " + name);
      return it->second;
    }
    const auto& w = weekly.at(name);
    if (r.to >= w.size() || r.from > r.to)
      throw std::invalid_argument("weeks " + std::to_string(r.from) + ".." + std::to_string(r.to) + " of " + name +
                                  " are not simulated");
    double sum = 0;
    for (uint32_t k = r.from; k <= r.to; ++k) sum += w[k];
    return sum / static_cast<double>(r.to - r.from + 1);
  }
};

double target_value(const Target& t, const RunValues& run, const Reading& r) {
  double numerator = 0;
  for (const auto& name : t.outcomes) numerator += run.value(name, r);
  if (t.per.empty()) return t.scale * numerator;
  double denominator = 0;
  for (const auto& name : t.per) denominator += run.value(name, r);
  return denominator == 0 ? 0.0 : t.scale * numerator / denominator;
}

}  // namespace

std::vector<std::vector<double>> simulate_targets(const CompiledScenario& scenario, const std::vector<Target>& targets,
                                                  uint32_t replications, int threads, uint32_t at_year) {
  experiments::OutputSpec outputs;
  outputs.metrics = target_outcome_names(targets);
  outputs.every_weeks = 1;
  const experiments::MetricSelector selector(scenario, outputs);
  uint32_t last_week = 1;
  for (const Target& t : targets) {
    const Reading r = reading_of(t, at_year);
    last_week = std::max(last_week, r.year > 0 ? 52 * r.year : r.to);
  }
  if (last_week > scenario.weeks)
    throw std::invalid_argument("the targets need " + std::to_string(last_week) + " weeks; the scenario has " +
                                std::to_string(scenario.weeks) + " (weeks:)");
  std::vector<std::vector<double>> out;
  for (uint32_t rep = 0; rep < replications; ++rep) {
    RunOptions options;
    options.threads = threads;
    options.override_seed = true;
    options.seed = scenario.seed;
    options.override_replication = true;
    options.replication = rep;
    experiments::OutcomeRecorder recorder(selector, last_week);
    run_simulation(scenario, options, last_week, [&](const Simulation& sim) { recorder.observe(sim); });
    RunValues run;
    for (const auto& row : recorder.timeseries()) {
      if (row.area != "all") continue;
      auto& w = run.weekly[row.metric];
      if (w.size() <= row.week) w.resize(row.week + 1, 0.0);
      w[row.week] = row.value;
    }
    for (const auto& row : recorder.yearly())
      if (row.area == "all") run.yearly[row.metric][row.year] = row.value;
    std::vector<double> values;
    for (const Target& t : targets) values.push_back(target_value(t, run, reading_of(t, at_year)));
    out.push_back(std::move(values));
  }
  return out;
}

std::vector<double> mean_over_replications(const std::vector<std::vector<double>>& per_replication) {
  if (per_replication.empty()) return {};
  std::vector<double> mean(per_replication.front().size(), 0.0);
  for (const auto& rep : per_replication)
    for (size_t i = 0; i < mean.size(); ++i) mean[i] += rep[i];
  for (double& m : mean) m /= static_cast<double>(per_replication.size());
  return mean;
}

double objective(const std::vector<Target>& targets, const std::vector<double>& simulated) {
  double sum = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!targets[i].fit) continue;
    const double z = targets[i].z(simulated[i]);
    sum += z * z;
  }
  return sum;
}

Evaluation evaluate(const MakeScenario& make, const std::vector<double>& values, const std::vector<Target>& targets,
                    uint32_t replications, int threads) {
  Evaluation e;
  e.values = values;
  e.simulated = mean_over_replications(simulate_targets(make(values), targets, replications, threads));
  e.objective = objective(targets, e.simulated);
  return e;
}

}  // namespace wijksim::calibrate
