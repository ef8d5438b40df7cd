// Reading one outcome of every finished run of a store, per variant (run_values.hpp).
#include "run_values.hpp"

#include <algorithm>

#include "wijksim/output/outcomes.hpp"

namespace wijksim::experiments {

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
    if (values.empty() && std::find(known.begin(), known.end(), metric) == known.end())
      throw_unknown_metric(store, metric, known, week ? "time-series" : "summary");
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

void throw_unknown_metric(const ResultStore& store, const std::string& metric, const std::vector<std::string>& known,
                          const std::string& table) {
  std::string list, near;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  for (const auto& k : output::closest_names(known, metric)) near += (near.empty() ? "" : " or ") + k;
  // A dictionary name the experiment did not record: say how to record it.
  const std::string hint = output::declaration_for_name(metric) && near.empty()
                               ? " ('" + metric + "' is an outcome; add it to the experiment's outputs.metrics)"
                               : "";
  throw StoreError(store.path() + ": no " + table + " metric '" + metric + "'" +
                   (near.empty() ? "" : "; did you mean " + near + "?") + hint + "; available: " + list);
}

RunGrid::RunGrid(const ExperimentRecord& rec, const std::vector<RunValue>& values)
    : points_(rec.design.points.size()), replications_(rec.replications),
      values_(rec.variants.size() * points_ * replications_) {
  for (const auto& v : values)
    if (v.key.variant < rec.variants.size() && v.key.point < points_ && v.key.replication < replications_)
      values_[(v.key.variant * points_ + v.key.point) * replications_ + v.key.replication] = v.value;
}

const std::optional<double>& RunGrid::at(uint32_t variant, uint32_t point, uint32_t replication) const {
  return values_[(variant * points_ + point) * replications_ + replication];
}

void RunGrid::pairs(uint32_t variant, uint32_t baseline, int64_t point, std::vector<double>& x,
                    std::vector<double>& y) const {
  x.clear();
  y.clear();
  const size_t first = point < 0 ? 0 : static_cast<size_t>(point);
  const size_t last = point < 0 ? points_ : first + 1;
  for (size_t p = first; p < last; ++p)
    for (size_t r = 0; r < replications_; ++r) {
      const auto& v = values_[(variant * points_ + p) * replications_ + r];
      const auto& b = values_[(baseline * points_ + p) * replications_ + r];
      if (!v || !b) continue;
      x.push_back(*v);
      y.push_back(*b);
    }
}

}  // namespace wijksim::experiments
