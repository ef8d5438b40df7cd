#pragma once
// Which outcomes an experiment records, how often, and per wijk or not. Names are those of
// the outcome dictionary (wijksim/output/outcomes.hpp; `wijksim outcomes` lists them):
//   households, multi_problem, total_debt, households_in_debt, problems.<domain>,
//   severity.<domain>.<s>, events.<event>, care.<status>, societal.<cost>,
//   providers.<provider>.<what>, financiers.<financier>.<what>, interventions.<intervention>.<what>
// They are resolved once per scenario (MetricSelector), so the per-week recording compares
// no strings. The values are read from a Simulation by the recorder in models/
// (wijksim/experiments/recorder.hpp): the engine cannot see a Simulation.
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/experiments/store.hpp"
#include "wijksim/output/outcomes.hpp"

namespace wijksim::experiments {

struct OutputSpec {
  std::vector<std::string> metrics;  // empty = default_metrics(scenario)
  uint32_t every_weeks = 1;          // time-series rows at weeks 0, k, 2k, ... and the last week
  bool by_wijk = false;              // also one row per wijk (area = wijk name) for wijk-level outcomes
};

// households, multi_problem, total_debt, households_in_debt, problems.<domain> for every
// domain; with a provider network care.waiting and providers.<provider>.queue_length and
// .wait_mean for every provider; financiers.<financier>.costs and .societal for every
// financier (costs::kFinancierNames).
std::vector<std::string> default_metrics(const CompiledScenario& scenario);
// Every name the scenario offers, in dictionary order (for messages and --metric help).
std::vector<std::string> available_metrics(const CompiledScenario& scenario);

// Every metric name must be an outcome of at least one of the experiment's scenarios (a
// baseline without an intervention may still record that intervention's outcomes, as 0).
// Throws std::invalid_argument (output::UnknownOutcome) naming the unknown metric and the
// closest valid names.
void check_metric_names(const std::vector<CompiledScenario>& scenarios, const OutputSpec& outputs);

class MetricSelector {
 public:
  // Throws std::invalid_argument (output::UnknownOutcome) naming the unknown metric and the
  // closest valid names. With `absent_as_zero`, a name of a provider, intervention, event,
  // societal cost or the care status that this scenario lacks (another variant has it) is
  // recorded as 0 (Outcome::absent): nobody enrols in a programme that is not there.
  MetricSelector(const CompiledScenario& scenario, const OutputSpec& outputs, bool absent_as_zero = false);
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<output::Outcome>& outcomes() const { return outcomes_; }
  const OutputSpec& outputs() const { return outputs_; }
  bool records_week(uint32_t week, uint32_t last_week) const;
  // Summaries: each metric's city value at the last week, its mean over weeks 1..last as
  // "<metric>.mean" and, for flows, its sum over weeks 1..last as "<metric>.total" (from the
  // per-week city values in `city_history`, metric-major, weeks 0..last).
  std::vector<SummaryValue> summaries(const std::vector<std::vector<double>>& city_history) const;

 private:
  std::vector<std::string> names_;
  std::vector<output::Outcome> outcomes_;
  OutputSpec outputs_;
};

}  // namespace wijksim::experiments
