// Sobol and Morris sensitivity of a sweep read from a results store (sensitivity.hpp).
#include "wijksim/experiments/sensitivity.hpp"

#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "run_values.hpp"

namespace wijksim::experiments {

SensitivityResult sensitivity(const ResultStore& store, const std::string& metric, const std::string& variant,
                              std::optional<uint32_t> week, const SobolOptions& options) {
  const ExperimentRecord rec = store.experiment();
  const Design& design = rec.design;
  const bool sobol = design.kind == DesignKind::sobol && design.sobol_base_samples >= 2;
  if (!sobol && design.kind != DesignKind::morris)
    throw StoreError(store.path() + ": sensitivity needs a sweep with design: sobol or design: morris (this one is " +
                     to_string(design.kind) + ")");
  const uint32_t v = variant.empty() ? 0 : variant_index(rec, variant, store.path());
  const auto by_variant = values_by_variant(store, rec, metric, week);
  // A point's output is its mean over replications (replication noise averages out; with
  // common random numbers every point sees the same streams).
  std::vector<double> y(design.points.size());
  for (size_t p = 0; p < y.size(); ++p) {
    double s = 0;
    for (uint32_t r = 0; r < rec.replications; ++r) s += by_variant[v][p * rec.replications + r];
    y[p] = s / rec.replications;
  }
  SensitivityResult out;
  out.kind = design.kind;
  for (const auto& p : design.parameters) out.parameters.push_back(p.key_path);
  const auto d = static_cast<uint32_t>(design.parameters.size());
  if (sobol) {
    out.indices = sobol_indices_from_design_order(y, design.sobol_base_samples, d, options);
    out.warnings = sobol_warnings(out.indices, out.parameters);
    return out;
  }
  std::vector<MorrisStep> steps;
  try {
    steps = morris_steps(design, rec.seed);
  } catch (const std::invalid_argument& e) {
    throw StoreError(store.path() + ": " + e.what());
  }
  out.morris = morris_effects(y, steps, d);
  out.warnings = morris_warnings(out.morris);
  return out;
}

namespace {
void print_sobol(std::ostream& out, const SensitivityResult& r, const std::string& metric) {
  const auto& s = r.indices;
  out << "Sobol indices of " << metric << " (N = " << s.base_samples << ", first order: Saltelli 2010 on centred "
      << "outputs, total: Jansen; 95% bootstrap intervals)\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-36s %10s %22s %10s %22s\n", "parameter", "S1", "S1 95% CI", "ST", "ST 95% CI");
  out << line;
  for (size_t i = 0; i < r.parameters.size(); ++i) {
    std::snprintf(line, sizeof line, "%-36s %10.4f [%9.4f, %9.4f] %10.4f [%9.4f, %9.4f]\n", r.parameters[i].c_str(),
                  s.first[i], s.first_low[i], s.first_high[i], s.total[i], s.total_low[i], s.total_high[i]);
    out << line;
  }
}

void print_morris(std::ostream& out, const SensitivityResult& r, const std::string& metric) {
  const auto& m = r.morris;
  out << "Morris elementary effects of " << metric << " (r = " << m.trajectories
      << " trajectories; effects per full range of each parameter; mu* = mean |effect|, sigma = sd of effects)\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-36s %14s %14s %14s\n", "parameter", "mu", "mu*", "sigma");
  out << line;
  for (size_t i = 0; i < r.parameters.size(); ++i) {
    std::snprintf(line, sizeof line, "%-36s %14.6g %14.6g %14.6g\n", r.parameters[i].c_str(), m.mu[i], m.mu_star[i],
                  m.sigma[i]);
    out << line;
  }
}
}  // namespace

void print_sensitivity_table(std::ostream& out, const SensitivityResult& r, const std::string& metric) {
  if (r.kind == DesignKind::morris) print_morris(out, r, metric);
  else print_sobol(out, r, metric);
}

}  // namespace wijksim::experiments
