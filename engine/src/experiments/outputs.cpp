#include "wijksim/experiments/outputs.hpp"

#include <stdexcept>

namespace wijksim::experiments {

std::vector<std::string> default_metrics(const CompiledScenario& s) {
  std::vector<std::string> m{"households", "multi_problem", "total_debt", "households_in_debt"};
  for (const auto& d : s.domain_names) m.push_back("problems." + d);
  return m;
}

std::vector<std::string> available_metrics(const CompiledScenario& s) {
  std::vector<std::string> m = default_metrics(s);
  for (const auto& d : s.domain_names)
    for (int lvl = 1; lvl <= kSeverityLevels; ++lvl) m.push_back("severity." + d + "." + std::to_string(lvl));
  for (const auto& e : s.events) m.push_back("events." + e.name);
  return m;
}

MetricSelector::MetricSelector(const CompiledScenario& s, const OutputSpec& outputs) : outputs_(outputs) {
  if (outputs_.every_weeks == 0) throw std::invalid_argument("outputs.every must be >= 1");
  names_ = outputs.metrics.empty() ? default_metrics(s) : outputs.metrics;
  for (const auto& name : names_) {
    Selected sel{Kind::households};
    bool found = true;
    if (name == "households") sel.kind = Kind::households;
    else if (name == "multi_problem") sel.kind = Kind::multi_problem;
    else if (name == "total_debt") sel.kind = Kind::total_debt;
    else if (name == "households_in_debt") sel.kind = Kind::in_debt;
    else {
      found = false;
      for (int d = 0; d < s.n_domains && !found; ++d) {
        const std::string& dn = s.domain_names[static_cast<size_t>(d)];
        if (name == "problems." + dn) { sel = {Kind::problems, d}; found = true; }
        for (int lvl = 1; lvl <= kSeverityLevels && !found; ++lvl)
          if (name == "severity." + dn + "." + std::to_string(lvl)) { sel = {Kind::severity, d, lvl}; found = true; }
      }
      for (size_t e = 0; e < s.events.size() && !found; ++e)
        if (name == "events." + s.events[e].name) { sel = {Kind::events, static_cast<int>(e)}; found = true; }
    }
    if (!found) {
      std::string known;
      for (const auto& k : default_metrics(s)) known += (known.empty() ? "" : ", ") + k;
      throw std::invalid_argument("unknown metric '" + name + "'; expected one of " + known +
                                  ", severity.<domain>.<1..5> or events.<event>");
    }
    selected_.push_back(sel);
  }
}

double MetricSelector::value(const AreaMetrics& a, size_t metric) const {
  const Selected& s = selected_[metric];
  switch (s.kind) {
    case Kind::households: return static_cast<double>(a.households);
    case Kind::multi_problem: return static_cast<double>(a.multi_problem);
    case Kind::total_debt: return static_cast<double>(a.total_debt);
    case Kind::in_debt: return static_cast<double>(a.households_in_debt);
    case Kind::problems:
      return static_cast<double>(a.severity_count[static_cast<size_t>(s.a * kSeverityLevels)] +
                                 a.severity_count[static_cast<size_t>(s.a * kSeverityLevels + 1)]);
    case Kind::severity: return static_cast<double>(a.severity_count[static_cast<size_t>(s.a * kSeverityLevels + s.b - 1)]);
    case Kind::events: return static_cast<double>(a.events[static_cast<size_t>(s.a)]);
  }
  return 0;
}

bool MetricSelector::records_week(uint32_t week, uint32_t last_week) const {
  return week % outputs_.every_weeks == 0 || week == last_week;
}

void MetricSelector::record_week(const CompiledScenario& s, const WeekMetrics& m,
                                 std::vector<TimeseriesValue>& out) const {
  for (size_t k = 0; k < names_.size(); ++k) out.push_back({m.week, "all", names_[k], value(m.all, k)});
  if (!outputs_.by_wijk) return;
  for (size_t w = 0; w < m.wijk.size(); ++w)
    for (size_t k = 0; k < names_.size(); ++k) out.push_back({m.week, s.wijken[w].name, names_[k], value(m.wijk[w], k)});
}

std::vector<SummaryValue> MetricSelector::summaries(const std::vector<std::vector<double>>& city_history) const {
  std::vector<SummaryValue> out;
  for (size_t k = 0; k < names_.size(); ++k) {
    const auto& h = city_history[k];  // weeks 0..last
    out.push_back({names_[k], h.back()});
    double sum = 0;
    for (size_t w = 1; w < h.size(); ++w) sum += h[w];
    out.push_back({names_[k] + ".mean", h.size() > 1 ? sum / static_cast<double>(h.size() - 1) : h[0]});
  }
  return out;
}

}  // namespace wijksim::experiments
