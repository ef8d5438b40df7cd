#pragma once
// What a brief shows, gathered before anything is drawn: from a results store
// (store_brief.cpp, through experiments::compare / who_pays, so the numbers equal `wijksim
// compare --json`) or from one `wijksim run` directory (run_brief.cpp, no intervals). The
// renderer (render_html.cpp) only formats and lays out what is here.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "brief.hpp"
#include "wijksim/experiments/analysis.hpp"

namespace wijksim::report {

// A value with its 95% interval (NaN bounds when there is none: one run, n < 2).
struct Ranged {
  double value = 0;
  double low = 0;
  double high = 0;
};

// One headline number of one variant: its mean, and for a non-baseline variant the paired
// difference with the baseline.
struct HeadlineValue {
  std::string metric;  // an outcome name, or "financiers.<f>.net" for the money line
  std::string unit;
  Ranged mean;         // the baseline's interval is that of its mean; others: NaN
  Ranged difference;   // NaN for the baseline
  bool is_baseline = false;
};
struct HeadlineRow {
  std::string variant;
  std::vector<HeadlineValue> values;
};

// Median and 95% band across replications of one metric for one variant, per recorded week.
struct Band {
  std::string variant;
  std::vector<uint32_t> weeks;
  std::vector<double> median, low, high;
};
struct SeriesChart {
  std::string metric;  // outcome name (providers.<p>.<what> for a provider)
  std::string unit;
  std::vector<Band> bands;  // baseline first
};

// One cell of the differences table and of the financier table, as the API returned them.
struct DifferenceRow {
  std::string variant, metric, unit;
  uint32_t year = 0;  // 0: the end of the horizon (run summaries)
  Ranged difference;
  double baseline_mean = 0, variant_mean = 0;
  size_t n = 0;
};
// FinancierRow::year of a run directory's undiscounted total over the run.
inline constexpr uint32_t kRunTotalYear = 0xffffffffu;
struct FinancierRow {
  std::string variant, financier;
  uint32_t year = 0;  // 0: discounted total over the run
  Ranged costs, avoided, net;
};

struct SensitivityLine {
  bool studied = false;
  std::string parameter, metric, measure;  // measure: "Sobol ST" or "Morris mu*"
  Ranged index;                            // NaN bounds for Morris
  std::string note;                        // why it could not be computed, when studied but failed
};

struct BriefData {
  bool has_intervals = true;  // false for a run directory
  std::string source;         // the path given
  std::string experiment;     // experiment name (store) or scenario name (run)
  std::string scenario;       // scenario name or file
  std::string baseline;
  std::vector<std::pair<std::string, std::string>> variants;  // name, overrides (baseline first)
  uint32_t weeks = 0;          // last recorded week
  uint32_t replications = 0;
  size_t points = 1;           // sweep points (pooled)
  bool partial = false;
  std::string runs_done;       // "12 / 15"
  std::vector<HeadlineRow> headline;
  SensitivityLine sensitivity;
  std::vector<SeriesChart> series;
  std::vector<std::string> over_time_notes;  // e.g. which outcome the store did not record
  std::vector<DifferenceRow> differences;
  bool differences_per_year = true;
  std::string differences_command;  // the `wijksim compare` command that prints the same cells
  std::vector<FinancierRow> financiers;
  std::vector<std::string> zero_financiers;  // every cell 0 for every variant
  std::string financiers_command;
  std::string financiers_note;  // why there is no financier table (not recorded), else ""
  std::vector<std::pair<std::string, std::string>> provenance;  // label key, value
  std::string appendix;  // the resolved experiment / scenario text
};

BriefData store_brief(const std::string& path, const BriefOptions& options);
BriefData run_brief(const std::string& dir, const BriefOptions& options);

}  // namespace wijksim::report
