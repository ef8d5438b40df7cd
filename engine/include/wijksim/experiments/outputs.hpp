#pragma once
// Which metrics an experiment records, how often, and per wijk or not; and how a named
// metric is read from WeekMetrics. Names are resolved once per scenario (MetricSelector)
// so the per-week recording compares no strings.
//
// Metric names (city-wide or per wijk):
//   households, multi_problem, total_debt, households_in_debt
//   problems.<domain>        households at severity <= 2 (ZRM "acute" or "not self-sufficient")
//   severity.<domain>.<s>    households at severity s (1..5)
//   events.<event>           life events of that type this week
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/experiments/store.hpp"
#include "wijksim/metrics.hpp"

namespace wijksim::experiments {

struct OutputSpec {
  std::vector<std::string> metrics;  // empty = default_metrics(scenario)
  uint32_t every_weeks = 1;          // time-series rows at weeks 0, k, 2k, ... and the last week
  bool by_wijk = false;              // also one row per wijk (area = wijk name)
};

// households, multi_problem, total_debt, households_in_debt and problems.<domain> for every domain.
std::vector<std::string> default_metrics(const CompiledScenario& scenario);
// Every name the scenario offers, in a fixed order (for messages and --metric help).
std::vector<std::string> available_metrics(const CompiledScenario& scenario);

class MetricSelector {
 public:
  // Throws std::invalid_argument naming the unknown metric and the closest valid names.
  MetricSelector(const CompiledScenario& scenario, const OutputSpec& outputs);
  const std::vector<std::string>& names() const { return names_; }
  double value(const AreaMetrics& area, size_t metric) const;
  // Appends the rows of one week (city "all", then wijken when by_wijk).
  void record_week(const CompiledScenario& scenario, const WeekMetrics& m, std::vector<TimeseriesValue>& out) const;
  bool records_week(uint32_t week, uint32_t last_week) const;
  // Summaries: each metric's city value at the last week, and its mean over weeks 1..last
  // as "<metric>.mean" (from the per-week city values in `city_history`, metric-major).
  std::vector<SummaryValue> summaries(const std::vector<std::vector<double>>& city_history) const;

 private:
  enum class Kind { households, multi_problem, total_debt, in_debt, problems, severity, events };
  struct Selected { Kind kind; int a = 0, b = 0; };
  std::vector<std::string> names_;
  std::vector<Selected> selected_;
  OutputSpec outputs_;
};

}  // namespace wijksim::experiments
