#pragma once
// Analyses of a results store: variants against a baseline (sensitivity analyses:
// sensitivity.hpp). The CLI (`wijksim compare`) and Python print what these return.
//
// Pairs: replication r of a variant and of the baseline at the same sweep point share their
// random numbers (common random numbers), so each cell's interval is the t interval of the
// per-pair differences. A cell uses the pairs whose two runs are both done, so a partial
// store (a sweep still running, a shard) is compared on what it has; every cell says how
// many pairs it has and how many the experiment will have. Rows are read by the runs
// table's variant, point and replication columns, never by a run-id formula.
//
//   compare(store, {.per_year = true})          per sweep point, variant, metric and year
//   who_pays(store, {})                         per financier and year: costs, avoided, net
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/experiments/statistics.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

struct CompareOptions {
  std::string baseline;              // "" = the experiment's first variant
  std::vector<std::string> metrics;  // "" = every metric of the table read
  std::string area = "all";          // a wijk name: its time-series or yearly rows (by_wijk)
  std::optional<uint32_t> week;      // the time-series value at this week ...
  std::optional<uint32_t> year;      // ... or the yearly value of this year ...
  bool per_year = false;             // ... or of every complete year; none of them: run summaries
  bool pool = false;                 // one cell over every sweep point instead of one per point
  double level = 0.95;
};

// Where the compared values come from.
enum class ComparePeriod : uint8_t { summary, week, year };

// The store and the cells' common frame: baseline, sweep parameters, how complete it is.
struct CompareFrame {
  std::string store;
  std::string baseline;
  std::vector<std::string> parameters;  // key paths of the sweep, the order of point_values
  uint32_t replications = 0;            // per variant and point in the experiment
  uint64_t runs_done = 0;               // finished runs in this store
  uint64_t runs_total = 0;              // runs of the whole experiment (every shard)
  std::string shard;                    // "K/N" for a shard store, else ""
  // true: common random numbers, paired t intervals; false (common_random_numbers: false,
  // each variant its own seed): Welch's unpaired intervals over the same replications.
  bool paired = true;
  bool partial() const { return runs_done < runs_total; }
};

// Where one cell sits: variant, sweep point (-1 pooled) and its parameter values.
struct CellPoint {
  std::string variant;
  int64_t point = -1;
  std::vector<double> point_values;  // empty when pooled
  size_t pairs_expected = 0;         // replications (x points when pooled) of the experiment
};

struct ComparisonCell {
  CellPoint at;
  std::string metric;
  std::string unit;  // of the compared values (a flow summed over a year: EUR/year, ...)
  std::string area;
  ComparePeriod period = ComparePeriod::summary;
  uint32_t when = 0;               // the week or the year (0 for summaries)
  PairedDifference difference;     // variant - baseline; n = pairs with both runs done
  double relative_difference = 0;  // difference / baseline mean (NaN when that is 0)
};

struct Comparison {
  CompareFrame frame;
  std::vector<ComparisonCell> cells;  // variant, point, metric, period order
};

// Throws StoreError for an unknown baseline, area or metric (with did-you-mean and, for an
// outcome the experiment did not record, how to record it) or a week / year with no rows.
Comparison compare(const ResultStore& store, const CompareOptions& options);

// For a strategist: grouped by variant and sweep point, units shown, n per cell.
void print_comparison(std::ostream& out, const Comparison& comparison);
// Tidy long form, one line per cell: variant, baseline, point, one column per sweep
// parameter (its value), area, metric, unit, week, year, n, replications, baseline_mean,
// mean, difference, sd_difference, ci_low, ci_high, relative_difference.
void write_comparison_csv(std::ostream& out, const Comparison& comparison);
void write_comparison_json(std::ostream& out, const Comparison& comparison);

// Who pays, who gains (summary.json's costs.vs_baseline convention, per replication pair):
//   costs   = variant - baseline spending (financiers.<f>.costs: intervention + provider + repayment)
//   avoided = baseline - variant societal costs (financiers.<f>.societal)
//   net     = avoided - costs  (positive: the financier gains)
// in euros, per year (sums of the weekly flows over the year) and discounted over the whole
// run (costs.discount_rate, week 1 undiscounted: the run's summaries
// financiers.<f>.costs.discounted and .societal.discounted).
struct FinancierCell {
  CellPoint at;
  std::string financier;      // costs::kFinancierNames
  uint32_t year = 0;          // 1, 2, ...; 0 = the discounted total over the run
  Summary costs, avoided, net;  // EUR; mean, sd and t interval over the n pairs
  double baseline_costs = 0;    // mean baseline spending, EUR (the scale of `costs`)
  double baseline_societal = 0; // mean baseline societal costs, EUR
};
struct FinancierTable {
  CompareFrame frame;
  std::vector<FinancierCell> cells;  // variant, point, financier, years then the discounted total
};
// Uses baseline, pool, year and level of `options`. Throws StoreError when the experiment
// did not record financiers.<f>.costs and .societal (they are in the default outputs).
FinancierTable who_pays(const ResultStore& store, const CompareOptions& options);
void print_financiers(std::ostream& out, const FinancierTable& table);
// One line per cell: variant, baseline, point, parameters, financier, year (empty for the
// total), period (year | discounted_total), n, replications, then costs_eur, avoided_eur,
// net_eur each with _sd, _ci_low, _ci_high, and baseline_costs_eur, baseline_societal_eur.
void write_financiers_csv(std::ostream& out, const FinancierTable& table);
void write_financiers_json(std::ostream& out, const FinancierTable& table);

// One line per metric name (a store's time-series and summary metrics): its unit, level,
// kind, pattern and description from the outcome dictionary (empty cells when unknown).
void write_metric_dictionary_csv(std::ostream& out, const std::vector<std::string>& metrics);

}  // namespace wijksim::experiments
