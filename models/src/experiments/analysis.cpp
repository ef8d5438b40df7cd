#include "wijksim/experiments/analysis.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

#include "wijksim/output/outcomes.hpp"

namespace wijksim::experiments {
namespace {

uint32_t variant_index(const ExperimentRecord& rec, const std::string& name, const std::string& path) {
  for (size_t v = 0; v < rec.variants.size(); ++v)
    if (rec.variants[v].name == name) return static_cast<uint32_t>(v);
  std::string known;
  for (const auto& v : rec.variants) known += (known.empty() ? "" : ", ") + v.name;
  throw StoreError(path + ": no variant '" + name + "'; the experiment has: " + known);
}

// Values of one metric, indexed [variant][point * replications + r]; every run must be done.
std::vector<std::vector<double>> values_by_variant(const ResultStore& store, const ExperimentRecord& rec,
                                                   const std::string& metric, std::optional<uint32_t> week) {
  const auto values = store.metric_values(metric, week);
  const size_t per_variant = rec.design.points.size() * rec.replications;
  if (values.size() != per_variant * rec.variants.size()) {
    const auto known = week ? store.timeseries_metrics() : store.summary_metrics();
    if (values.empty() && std::find(known.begin(), known.end(), metric) == known.end()) {
      std::string list, near;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      for (const auto& k : output::closest_names(known, metric)) near += (near.empty() ? "" : " or ") + k;
      // A dictionary name the experiment did not record: say how to record it.
      const std::string hint = output::declaration_for_name(metric) && near.empty()
                                   ? " ('" + metric + "' is an outcome; add it to the experiment's outputs.metrics)"
                                   : "";
      throw StoreError(store.path() + ": no " + (week ? "time-series" : "summary") + " metric '" + metric +
                       "'" + (week ? " at week " + std::to_string(*week) : "") +
                       (near.empty() ? "" : "; did you mean " + near + "?") + hint + "; available: " + list);
    }
    throw StoreError(store.path() + ": " + std::to_string(values.size()) + " of " +
                     std::to_string(per_variant * rec.variants.size()) + " runs have '" + metric +
                     "'" + (week ? " at week " + std::to_string(*week) : "") +
                     "; finish the sweep first (wijksim sweep --resume)");
  }
  std::vector<std::vector<double>> out(rec.variants.size(), std::vector<double>(per_variant));
  for (const auto& v : values)
    out[v.key.variant][static_cast<size_t>(v.key.point) * rec.replications + v.key.replication] = v.value;
  return out;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::vector<ComparisonRow> compare_variants(const ResultStore& store, const std::string& baseline,
                                            std::vector<std::string> metrics, std::optional<uint32_t> week,
                                            double level) {
  const ExperimentRecord rec = store.experiment();
  const uint32_t base = variant_index(rec, baseline, store.path());
  if (metrics.empty()) metrics = week ? store.timeseries_metrics() : store.summary_metrics();
  std::vector<ComparisonRow> rows;
  for (const auto& metric : metrics) {
    const auto by_variant = values_by_variant(store, rec, metric, week);
    for (size_t v = 0; v < rec.variants.size(); ++v)
      if (v != base) rows.push_back({rec.variants[v].name, metric, paired_difference(by_variant[v], by_variant[base], level)});
  }
  return rows;
}

void print_comparison_table(std::ostream& out, const std::vector<ComparisonRow>& rows, const std::string& baseline) {
  char line[256];
  std::snprintf(line, sizeof line, "%-20s %-28s %5s %14s %14s %14s  %s\n", "variant", "metric", "n", "mean",
                ("mean " + baseline).substr(0, 14).c_str(), "difference", "95% CI (paired)");
  out << line;
  for (const auto& r : rows) {
    const auto& d = r.difference;
    std::snprintf(line, sizeof line, "%-20s %-28s %5zu %14s %14s %14s  [%s, %s]\n", r.variant.c_str(), r.metric.c_str(),
                  d.n, fmt(d.mean_variant).c_str(), fmt(d.mean_baseline).c_str(), fmt(d.mean_difference).c_str(),
                  fmt(d.ci_low).c_str(), fmt(d.ci_high).c_str());
    out << line;
  }
}

void write_comparison_csv(std::ostream& out, const std::vector<ComparisonRow>& rows, const std::string& baseline) {
  out << "variant,baseline,metric,n,mean,baseline_mean,difference,sd_difference,ci_low,ci_high\n";
  char buf[64];
  auto num = [&](double v) { std::snprintf(buf, sizeof buf, "%.17g", v); return std::string(buf); };
  for (const auto& r : rows) {
    const auto& d = r.difference;
    out << r.variant << ',' << baseline << ',' << r.metric << ',' << d.n << ',' << num(d.mean_variant) << ','
        << num(d.mean_baseline) << ',' << num(d.mean_difference) << ',' << num(d.sd_difference) << ','
        << num(d.ci_low) << ',' << num(d.ci_high) << '\n';
  }
}

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

void write_metric_dictionary_csv(std::ostream& out, const std::vector<std::string>& metrics) {
  out << "metric,unit,level,kind,pattern,description\n";
  const auto quoted = [](std::string_view text) {
    std::string q = "\"";
    for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const auto& m : metrics) {
    const output::OutcomeDecl* d = output::declaration_for_name(m);
    out << m << ',';
    if (d)
      out << d->unit << ',' << output::name_of(d->level) << ',' << output::name_of(d->kind) << ',' << d->pattern << ','
          << quoted(d->description);
    else
      out << ",,,,";
    out << '\n';
  }
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
