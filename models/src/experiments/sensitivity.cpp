// Sobol sensitivity of a sobol sweep read from a results store (sensitivity.hpp).
#include "wijksim/experiments/sensitivity.hpp"

#include <cstdio>
#include <ostream>

#include "run_values.hpp"

namespace wijksim::experiments {

SensitivityResult sensitivity(const ResultStore& store, const std::string& metric, const std::string& variant,
                              std::optional<uint32_t> week, const SobolOptions& options) {
  const ExperimentRecord rec = store.experiment();
  if (rec.design.kind != DesignKind::sobol || rec.design.sobol_base_samples < 2)
    throw StoreError(store.path() + ": sensitivity needs a sweep with design: sobol (this one is " +
                     to_string(rec.design.kind) + ")");
  const uint32_t v = variant.empty() ? 0 : variant_index(rec, variant, store.path());
  const auto by_variant = values_by_variant(store, rec, metric, week);
  // A point's output is its mean over replications (replication noise averages out; with
  // common random numbers every point sees the same streams).
  std::vector<double> y(rec.design.points.size());
  for (size_t p = 0; p < y.size(); ++p) {
    double s = 0;
    for (uint32_t r = 0; r < rec.replications; ++r) s += by_variant[v][p * rec.replications + r];
    y[p] = s / rec.replications;
  }
  SensitivityResult out;
  for (const auto& p : rec.design.parameters) out.parameters.push_back(p.key_path);
  out.indices = sobol_indices_from_design_order(y, rec.design.sobol_base_samples,
                                                static_cast<uint32_t>(rec.design.parameters.size()), options);
  return out;
}

void print_sensitivity_table(std::ostream& out, const SensitivityResult& r, const std::string& metric) {
  const auto& s = r.indices;
  out << "Sobol indices of " << metric << " (N = " << s.base_samples << ", first order: Saltelli 2010, "
      << "total: Jansen; 95% bootstrap intervals)\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-36s %10s %22s %10s %22s\n", "parameter", "S1", "S1 95% CI", "ST", "ST 95% CI");
  out << line;
  for (size_t i = 0; i < r.parameters.size(); ++i) {
    std::snprintf(line, sizeof line, "%-36s %10.4f [%9.4f, %9.4f] %10.4f [%9.4f, %9.4f]\n", r.parameters[i].c_str(),
                  s.first[i], s.first_low[i], s.first_high[i], s.total[i], s.total_low[i], s.total_high[i]);
    out << line;
  }
}

}  // namespace wijksim::experiments
