#pragma once
// Sensitivity analyses of a results store: Sobol indices of a sobol sweep, Morris
// elementary effects of a morris sweep. The CLI (`wijksim sensitivity`) and Python print
// what these return.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/experiments/statistics.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

struct SensitivityResult {
  DesignKind kind = DesignKind::sobol;  // sobol: `indices` is set; morris: `morris` is
  std::vector<std::string> parameters;
  SobolIndices indices;
  MorrisEffects morris;
  // Why the numbers may not be stable (sobol_warnings / morris_warnings); the CLI prints
  // them on stderr.
  std::vector<std::string> warnings;
};
// Sobol indices (design: sobol) or Morris mu, mu*, sigma (design: morris) of `metric` for
// one variant (default: the first), the output of a point being its mean over
// replications. Throws StoreError unless the design is sobol or morris and complete.
// `options` apply to the Sobol bootstrap only.
SensitivityResult sensitivity(const ResultStore& store, const std::string& metric, const std::string& variant = "",
                              std::optional<uint32_t> week = {}, const SobolOptions& options = {});
// The table of a sobol or morris result (by result.kind).
void print_sensitivity_table(std::ostream& out, const SensitivityResult& result, const std::string& metric);

}  // namespace wijksim::experiments
