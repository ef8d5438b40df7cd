#pragma once
// Shared by compare (analysis.cpp) and sensitivity (sensitivity.cpp): a variant by name,
// and one outcome of every run of a store arranged per variant.
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

}  // namespace wijksim::experiments
