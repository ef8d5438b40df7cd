#include "wijksim/experiments/analysis.hpp"

#include "run_values.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

#include "wijksim/output/outcomes.hpp"

namespace wijksim::experiments {
namespace {

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

}  // namespace wijksim::experiments
