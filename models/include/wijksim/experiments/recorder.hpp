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
#include "wijksim/simulation.hpp"

namespace wijksim::models { struct InterventionCounters; }

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
  std::vector<SummaryValue> summaries() const { return selector_.summaries(history_); }

 private:
  const MetricSelector& selector_;
  uint32_t last_week_;
  std::vector<std::vector<double>> history_;            // [outcome][week]: city values
  std::vector<TimeseriesValue> rows_;
  std::vector<models::InterventionCounters> previous_;  // counters after the last observed week
};

}  // namespace wijksim::experiments
