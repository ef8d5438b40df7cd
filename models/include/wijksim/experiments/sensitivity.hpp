#pragma once
// Sensitivity analyses of a results store: Sobol indices of a sobol sweep. The CLI
// (`wijksim sensitivity`) and Python print what these return.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/experiments/statistics.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

struct SensitivityResult {
  std::vector<std::string> parameters;
  SobolIndices indices;
};
// Sobol indices of `metric` for one variant (default: the first), the output of a point
// being its mean over replications. Throws StoreError unless the design is sobol and
// complete.
SensitivityResult sensitivity(const ResultStore& store, const std::string& metric, const std::string& variant = "",
                              std::optional<uint32_t> week = {}, const SobolOptions& options = {});
void print_sensitivity_table(std::ostream& out, const SensitivityResult& result, const std::string& metric);

}  // namespace wijksim::experiments
