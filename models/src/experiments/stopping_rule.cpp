// Judging a stopping rule on the finished batches of a store (stopping_rule.hpp).
#include "wijksim/experiments/stopping_rule.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "run_values.hpp"
#include "wijksim/experiments/statistics.hpp"

namespace wijksim::experiments {
namespace {

std::vector<RunValue> criterion_values(const ResultStore& store, const StoppingCriterion& c) {
  if (c.at_year) return store.yearly_values(c.outcome, *c.at_year);
  return store.metric_values(c.outcome, c.at_week);
}

std::string period(const StoppingCriterion& c) {
  if (c.at_year) return " in year " + std::to_string(*c.at_year);
  if (c.at_week) return " at week " + std::to_string(*c.at_week);
  return " (run summary)";
}

// Half-width of the 95% CI of mean(x) - mean(y): paired by replication under common random
// numbers, else Welch's unpaired interval. Infinite with fewer than 2 pairs.
double difference_half_width(const std::vector<double>& x, const std::vector<double>& y, bool paired) {
  if (x.size() < 2) return std::numeric_limits<double>::infinity();
  const PairedDifference d = paired ? paired_difference(x, y) : unpaired_difference(x, y);
  return (d.ci_high - d.ci_low) / 2;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace

RuleStatus judge_rule(const ResultStore& store, const ReplicationRule& rule) {
  const ExperimentRecord rec = store.experiment();
  RuleStatus status;
  status.replications = rec.replications;
  status.points = rec.design.points.size();
  const uint32_t R = rec.replications;
  const size_t n_points = rec.design.points.size();
  for (const auto& c : rule.until) {
    const uint32_t v = variant_index(rec, c.variant, store.path());
    const uint32_t b = variant_index(rec, c.baseline.empty() ? rec.variants.front().name : c.baseline, store.path());
    // [point][replication] for the variant and the baseline; NaN = missing.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::vector<double>> x(n_points, std::vector<double>(R, nan)), y = x;
    for (const auto& rv : criterion_values(store, c)) {
      if (rv.key.replication >= R) continue;
      if (rv.key.variant == v) x[rv.key.point][rv.key.replication] = rv.value;
      if (rv.key.variant == b) y[rv.key.point][rv.key.replication] = rv.value;
    }
    CriterionStatus cs{c};
    cs.criterion.baseline = rec.variants[b].name;
    for (size_t p = 0; p < n_points; ++p) {
      for (uint32_t r = 0; r < R; ++r)
        if (std::isnan(x[p][r]) || std::isnan(y[p][r]))
          throw StoreError(store.path() + ": the stopping rule needs '" + c.outcome + "'" + period(c) +
                           " of every run of replications 0.." + std::to_string(R - 1) + "; replication " +
                           std::to_string(r) + " at sweep point " + std::to_string(p) + " has none");
      const double half = difference_half_width(x[p], y[p], rec.common_random_numbers);
      if (p == 0 || half > cs.half_width) {
        cs.half_width = half;
        cs.point = static_cast<uint32_t>(p);
      }
    }
    cs.n = R;
    cs.met = cs.half_width <= c.half_width;
    status.criteria.push_back(cs);
  }
  status.met = true;
  for (const auto& cs : status.criteria) status.met = status.met && cs.met;
  status.at_max = R >= rule.max;
  status.next = status.met || status.at_max ? R : std::min(rule.max, R + rule.batch);
  return status;
}

std::string describe(const RuleStatus& s, const ReplicationRule& rule) {
  std::string out;
  for (const auto& cs : s.criteria) {
    const auto& c = cs.criterion;
    out += "  " + c.variant + " - " + c.baseline + ", " + c.outcome + period(c) +
           ": 95% CI half-width " + num(cs.half_width) + (cs.met ? " <= " : " > ") + num(c.half_width) +
           (s.points > 1 ? " (widest at sweep point " + std::to_string(cs.point) + ")" : "") +
           "\n";
  }
  if (s.met) return "stopping rule met after " + std::to_string(s.replications) + " replications:\n" + out;
  if (s.at_max)
    return "stopping rule NOT met: max " + std::to_string(rule.max) + " replications reached:\n" + out;
  return "stopping rule not met after " + std::to_string(s.replications) + " replications, adding " +
         std::to_string(s.next - s.replications) + ":\n" + out;
}

std::string to_json(const RuleStatus& s) {
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& cs : s.criteria)
    criteria.push_back({{"variant", cs.criterion.variant}, {"outcome", cs.criterion.outcome},
                        {"target_half_width", cs.criterion.half_width}, {"half_width", cs.half_width},
                        {"widest_point", cs.point}, {"n", cs.n}, {"met", cs.met}});
  return nlohmann::json{{"replications", s.replications}, {"met", s.met}, {"max_reached", s.at_max && !s.met},
                        {"criteria", criteria}}
      .dump();
}

}  // namespace wijksim::experiments
