#pragma once
// Analyses of a results store: paired comparisons against a baseline variant (sensitivity
// analyses: sensitivity.hpp). The CLI (`wijksim compare`) and
// Python print what these return.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/experiments/statistics.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

struct ComparisonRow {
  std::string variant;
  std::string metric;
  PairedDifference difference;  // variant - baseline, paired by (sweep point, replication)
};

// One row per (non-baseline variant, metric). `metrics` empty = every summary metric
// (or, with `week`, every time-series metric). Throws StoreError for an unknown baseline
// or metric, or runs that are not finished.
std::vector<ComparisonRow> compare_variants(const ResultStore& store, const std::string& baseline,
                                            std::vector<std::string> metrics, std::optional<uint32_t> week = {},
                                            double level = 0.95);
void print_comparison_table(std::ostream& out, const std::vector<ComparisonRow>& rows, const std::string& baseline);
void write_comparison_csv(std::ostream& out, const std::vector<ComparisonRow>& rows, const std::string& baseline);

// One line per metric name (a store's time-series and summary metrics): its unit, level,
// kind, pattern and description from the outcome dictionary (empty cells when unknown).
void write_metric_dictionary_csv(std::ostream& out, const std::vector<std::string>& metrics);

}  // namespace wijksim::experiments
