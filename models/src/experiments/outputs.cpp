#include "wijksim/experiments/outputs.hpp"

#include <stdexcept>

#include "wijksim/costs.hpp"

namespace wijksim::experiments {

std::vector<std::string> default_metrics(const CompiledScenario& s) {
  std::vector<std::string> m{"households", "multi_problem", "total_debt", "households_in_debt"};
  for (const auto& d : s.domain_names) m.push_back("problems." + d);
  // Waiting lists and money, so that any sweep can answer "what does it do to the queues
  // and to whose budget" (compare --financiers needs financiers.<f>.costs and .societal).
  if (s.network.enabled()) m.emplace_back("care.waiting");
  for (const auto& p : s.network.providers) {
    m.push_back("providers." + p.name + ".queue_length");
    m.push_back("providers." + p.name + ".wait_mean");
  }
  for (const auto f : costs::kFinancierNames) {
    m.push_back("financiers." + std::string(f) + ".costs");
    m.push_back("financiers." + std::string(f) + ".societal");
  }
  return m;
}

std::vector<std::string> available_metrics(const CompiledScenario& s) {
  std::vector<std::string> m;
  for (const auto& o : output::scenario_outcomes(s)) m.push_back(o.name);
  return m;
}

namespace {

const output::Outcome* find_in(const std::vector<output::Outcome>& all, const std::string& name) {
  for (const auto& o : all)
    if (o.name == name) return &o;
  return nullptr;
}

// Outcomes of scenario-specific names that may be missing from one variant.
bool may_be_absent(const output::OutcomeDecl& d) {
  using S = output::OutcomeScope;
  return d.scope == S::provider || d.scope == S::intervention || d.scope == S::event || d.scope == S::societal_cost ||
         d.scope == S::network;
}

}  // namespace

void check_metric_names(const std::vector<CompiledScenario>& scenarios, const OutputSpec& outputs) {
  if (scenarios.empty()) return;
  if (outputs.every_weeks == 0) throw std::invalid_argument("outputs.every must be >= 1");
  std::vector<std::vector<output::Outcome>> expanded(scenarios.size());  // on demand
  for (const auto& name : outputs.metrics) {
    bool found = false;
    for (size_t k = 0; k < scenarios.size() && !found; ++k) {
      if (expanded[k].empty()) expanded[k] = output::scenario_outcomes(scenarios[k]);
      found = find_in(expanded[k], name) != nullptr;
    }
    if (!found) output::find_outcome(scenarios.front(), name);  // throws with the closest names
  }
}

MetricSelector::MetricSelector(const CompiledScenario& s, const OutputSpec& outputs, bool absent_as_zero)
    : outputs_(outputs) {
  if (outputs_.every_weeks == 0) throw std::invalid_argument("outputs.every must be >= 1");
  names_ = outputs.metrics.empty() ? default_metrics(s) : outputs.metrics;
  const auto all = output::scenario_outcomes(s);
  for (const auto& name : names_) {
    if (const output::Outcome* found = find_in(all, name)) {
      outcomes_.push_back(*found);
      continue;
    }
    const output::OutcomeDecl* d = output::declaration_for_name(name);
    if (!absent_as_zero || !d || !may_be_absent(*d)) output::find_outcome(s, name);  // throws
    output::Outcome absent;
    absent.name = name;
    absent.decl = d;
    absent.absent = true;
    outcomes_.push_back(std::move(absent));
  }
}

bool MetricSelector::records_week(uint32_t week, uint32_t last_week) const {
  return week % outputs_.every_weeks == 0 || week == last_week;
}

std::vector<SummaryValue> MetricSelector::summaries(const std::vector<std::vector<double>>& city_history) const {
  std::vector<SummaryValue> out;
  for (size_t k = 0; k < names_.size(); ++k) {
    const auto& h = city_history[k];  // weeks 0..last
    out.push_back({names_[k], h.back()});
    double sum = 0;
    for (size_t w = 1; w < h.size(); ++w) sum += h[w];
    out.push_back({names_[k] + ".mean", h.size() > 1 ? sum / static_cast<double>(h.size() - 1) : h[0]});
    if (outcomes_[k].decl->kind == output::OutcomeKind::flow) out.push_back({names_[k] + ".total", sum});
  }
  return out;
}

}  // namespace wijksim::experiments
