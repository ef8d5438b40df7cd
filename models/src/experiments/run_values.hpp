#pragma once
// Shared by compare (analysis.cpp), who_pays (financiers.cpp) and sensitivity
// (sensitivity.cpp): a variant by name, and one outcome of the runs of a store arranged by
// variant, sweep point and replication.
#include <optional>
#include <string>
#include <vector>

#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

// The index of the variant called `name`; StoreError listing the experiment's variants else.
uint32_t variant_index(const ExperimentRecord& rec, const std::string& name, const std::string& path);

// Values of one metric, indexed [variant][point * replications + r]; every run must be done
// (StoreError naming the metric, with a did-you-mean, or how many runs are missing).
std::vector<std::vector<double>> values_by_variant(const ResultStore& store, const ExperimentRecord& rec,
                                                   const std::string& metric, std::optional<uint32_t> week);

// StoreError for a metric that `known` (the metric names of the table read) lacks: the
// closest names, and how to record an outcome the experiment did not record. `table` is
// "summary", "time-series" or "yearly".
[[noreturn]] void throw_unknown_metric(const ResultStore& store, const std::string& metric,
                                       const std::vector<std::string>& known, const std::string& table);

// One metric's value of every finished run of a store, by (variant, point, replication),
// from the runs table's columns (never a run-id formula). A run not done (or not in this
// shard) has no value.
class RunGrid {
 public:
  RunGrid(const ExperimentRecord& rec, const std::vector<RunValue>& values);
  // The pairs (variant, baseline) whose two runs both have a value, at sweep point `point`
  // (-1: every point), in point then replication order: x = variant, y = baseline.
  void pairs(uint32_t variant, uint32_t baseline, int64_t point, std::vector<double>& x,
             std::vector<double>& y) const;
  const std::optional<double>& at(uint32_t variant, uint32_t point, uint32_t replication) const;

 private:
  size_t points_ = 0, replications_ = 0;
  std::vector<std::optional<double>> values_;  // [(variant * points + point) * replications + r]
};

}  // namespace wijksim::experiments
