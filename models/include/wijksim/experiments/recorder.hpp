#pragma once
// The experiment recorder: reads the selected outcomes (outputs.hpp, the outcome
// dictionary wijksim/output/outcomes.hpp) from each finished week of a Simulation and
// turns them into the store's time-series rows and summaries.
//
//   OutcomeRecorder rec(selector, scenario);
//   run_simulation(..., [&](const Simulation& sim) { rec.observe(sim); });   // weeks 0..last
//   rec.timeseries(); rec.summaries();
//
// observe() must see every week in order: interventions keep cumulative counters, and a
// weekly flow is this week's counter minus last week's.
#include <vector>

#include "wijksim/experiments/outputs.hpp"
#include "wijksim/models/interventions/state.hpp"  // InterventionCounters: callers pass {} as `previous`
#include "wijksim/simulation.hpp"

namespace wijksim::experiments {

// The value of one outcome for the week `sim` has just finished; `wijk` >= 0 reads a
// wijk-level outcome for that wijk (else the city). `previous` holds the intervention
// counters of the week before (empty at week 0), for the weekly flows of interventions.
double read_outcome(const Simulation& sim, const output::Outcome& outcome, int wijk,
                    const std::vector<models::InterventionCounters>& previous);

class OutcomeRecorder {
 public:
  OutcomeRecorder(const MetricSelector& selector, uint32_t last_week);
  ~OutcomeRecorder();
  // Reads the week `sim` has just finished (week 0 after initialise, then every step).
  void observe(const Simulation& sim);
  // City-level value of selected outcome k in the last observed week.
  double value(size_t k) const { return history_[k].back(); }
  const std::vector<TimeseriesValue>& timeseries() const { return rows_; }
  // Every complete year of every selected outcome (city, and per wijk for wijk outcomes
  // with by_wijk), from every week whatever `every` is (YearlyValue; the dictionary's
  // `yearly` aggregate).
  const std::vector<YearlyValue>& yearly() const { return yearly_rows_; }
  // The selector's summaries, then per financier (costs::kFinancierNames) the run's
  // discounted totals in euros, as summary.json's total_discounted (costs.discount_rate,
  // week 1 undiscounted): "financiers.<f>.costs.discounted" (intervention + provider +
  // repayment) and "financiers.<f>.societal.discounted".
  std::vector<SummaryValue> summaries() const;

 private:
  // Adds week `week` (>= 1) of outcome k in area a (0 = city, 1 + w = wijk w) to its year.
  void accumulate(size_t k, size_t a, const Simulation& sim, double value);
  const MetricSelector& selector_;
  uint32_t last_week_;
  std::vector<std::vector<double>> history_;            // [outcome][week]: city values
  std::vector<TimeseriesValue> rows_;
  std::vector<YearlyValue> yearly_rows_;
  struct YearSum { double sum = 0, weight = 0; };
  std::vector<std::vector<YearSum>> year_;              // [outcome][area]: this year so far
  std::vector<double> discounted_;                      // [financier * categories + category], cents
  std::vector<models::InterventionCounters> previous_;  // counters after the last observed week
};

}  // namespace wijksim::experiments
