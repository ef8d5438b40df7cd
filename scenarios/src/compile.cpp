// ScenarioSpec -> CompiledScenario: names to indices, matrices to Eigen, and the initial
// severity distribution of each wijk split by income group.
#include <algorithm>
#include <stdexcept>

#include "parse_interventions.hpp"
#include "parse_providers.hpp"
#include "wijksim/scenarios/compile_detail.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios {

namespace {

int index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

SeverityArray to_array(const std::vector<double>& v) {
  SeverityArray a{};
  for (size_t s = 0; s < a.size() && s < v.size(); ++s) a[s] = v[s];
  return a;
}

// Domains whose problems follow income (CBS: debts, bijstand and bad housing concentrate
// in low-income households); the others get the same distribution for both groups.
bool income_linked(const std::string& domain) {
  return domain == "finances" || domain == "work_education" || domain == "housing";
}

}  // namespace

SeverityArray with_problem_share(const SeverityArray& dist, double problem_share) {
  SeverityArray out = dist;
  const double problem = dist[0] + dist[1];
  const double rest = dist[2] + dist[3] + dist[4];
  if (problem > 0) {
    out[0] = dist[0] * problem_share / problem;
    out[1] = dist[1] * problem_share / problem;
  } else {  // no shape to keep: put the problems at the milder of the two levels
    out[0] = 0;
    out[1] = problem_share;
  }
  if (rest > 0) {
    for (size_t s = 2; s < 5; ++s) out[s] = dist[s] * (1 - problem_share) / rest;
  } else {  // likewise: the rest at severity 3, the nearest non-problem level
    out[2] = 1 - problem_share;
    out[3] = out[4] = 0;
  }
  return out;
}

IncomeSplit split_by_income(double prevalence, double low_income_share, double risk_ratio) {
  const double s = low_income_share;
  const double r = risk_ratio;
  const double denominator = s * r + 1 - s;
  return IncomeSplit{std::min(1.0, prevalence * r / denominator), std::min(1.0, prevalence / denominator)};
}

CompiledScenario compile(const ScenarioSpec& spec) {
  CompiledScenario out;
  out.name = spec.name;
  out.seed = spec.seed;
  out.replication = static_cast<uint32_t>(spec.replication);
  out.weeks = static_cast<uint32_t>(spec.weeks);

  const int n = static_cast<int>(spec.domains.size());
  out.n_domains = n;
  for (const auto& domain : spec.domains) {
    out.domain_names.push_back(domain.name);
    out.rates.push_back(DomainRates{to_array(domain.worsen), to_array(domain.improve)});
  }
  out.coupling = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n && i < static_cast<int>(spec.dynamics.coupling.size()); ++i) {
    for (int j = 0; j < n && j < static_cast<int>(spec.dynamics.coupling[i].size()); ++j) {
      out.coupling(i, j) = spec.dynamics.coupling[i][j];
    }
  }
  out.coupling_enabled = (out.coupling.array() != 0.0).any();
  out.problem_weight = to_array(spec.dynamics.problem_weight);
  out.network_improvement = spec.dynamics.network_improvement;

  for (const auto& event : spec.life_events) {
    CompiledLifeEvent e;
    e.name = event.name;
    e.eligibility = static_cast<EventEligibility>(std::max(0, index_of(event_eligibility_names(), event.applies_to)));
    e.weekly_rate = event.weekly_rate;
    // Domain order, not name order: the engine applies deltas in a fixed, documented order.
    for (int d = 0; d < n; ++d) {
      const auto it = event.severity.find(out.domain_names[d]);
      if (it != event.severity.end()) e.severity_delta.emplace_back(d, it->second);
    }
    e.income_factor = event.income_factor;
    e.debt_add = event.debt_add;
    e.creditors_add = event.creditors_add;
    e.set_work_status = event.work_status.empty() ? -1 : index_of(work_status_names(), event.work_status);
    e.adults_delta = event.adults_delta;
    e.children_delta = event.children_delta;
    e.becomes_single_parent_if_children = event.becomes_single_parent_if_children;
    e.clear_debt = event.clear_debt;
    e.leaves_city = event.leaves_city;
    for (int d = 0; d < n; ++d) {
      const auto lo = event.severity_at_least.find(out.domain_names[d]);
      if (lo != event.severity_at_least.end()) e.severity_at_least.emplace_back(d, lo->second);
      const auto hi = event.severity_at_most.find(out.domain_names[d]);
      if (hi != event.severity_at_most.end()) e.severity_at_most.emplace_back(d, hi->second);
    }
    out.events.push_back(std::move(e));
  }

  const DebtSpec& debt = spec.debt;
  out.debt.finances_domain = index_of(out.domain_names, debt.finances_domain);
  out.debt.enabled = debt.enabled && out.debt.finances_domain >= 0;
  out.debt.grows_at_or_below = debt.grows_at_or_below;
  out.debt.low_income_threshold = debt.low_income_threshold;
  out.debt.weekly_growth_rate = debt.weekly_growth_rate;
  out.debt.weekly_arrears = debt.weekly_arrears;
  out.debt.max_debt = debt.max_debt;
  out.debt.initial_mean_if_problem = debt.initial_mean_if_problem;
  out.debt.initial_creditors_mean = debt.initial_creditors_mean;
  out.debt.finances_ceiling_in_debt = debt.finances_ceiling_in_debt;

  const IncomeSpec& income = spec.population.income;
  out.income = CompiledIncome{income.low_income_mean, income.other_mean, income.benefits_mean, income.sd_fraction,
                              spec.population.problem_correlation, spec.population.unemployed_share};

  for (const auto& wijk : spec.population.wijken) {
    CompiledWijk w;
    w.name = wijk.name;
    w.households = static_cast<uint32_t>(wijk.households);
    w.single_parent_share = wijk.single_parent_share;
    w.couple_share = wijk.couple_share;
    w.with_children_share = wijk.with_children_share;
    w.low_income_share = wijk.low_income_share;
    w.benefits_share = wijk.benefits_share;
    for (size_t g = 0; g < age_group_keys().size(); ++g) {
      const auto it = wijk.age_groups.find(age_group_keys()[g]);
      w.age_group_share[g] = it == wijk.age_groups.end() ? 0.0 : it->second;
    }
    w.network_strength_mean = wijk.network_strength_mean;
    w.care_avoidance_mean = wijk.care_avoidance_mean;
    for (const auto& domain : spec.domains) {
      SeverityArray dist = to_array(domain.initial);
      const auto prevalence = wijk.problem_prevalence.find(domain.name);
      if (prevalence != wijk.problem_prevalence.end()) dist = with_problem_share(dist, prevalence->second);
      if (income_linked(domain.name)) {
        const IncomeSplit split =
            split_by_income(dist[0] + dist[1], wijk.low_income_share, wijk.low_income_risk_ratio);
        w.initial_severity.push_back(with_problem_share(dist, split.other));
        w.initial_severity_low_income.push_back(with_problem_share(dist, split.low));
      } else {
        w.initial_severity.push_back(dist);
        w.initial_severity_low_income.push_back(dist);
      }
    }
    out.wijken.push_back(std::move(w));
  }
  detail::compile_network_section(spec, out);  // providers (helper E2)
  for (size_t e = 0; e < spec.life_events.size(); ++e)  // refers_to: validated to name a provider
    for (size_t p = 0; p < out.network.providers.size(); ++p)
      if (out.network.providers[p].name == spec.life_events[e].refers_to) out.events[e].refers_to = static_cast<int>(p);
  detail::compile_interventions(spec, out);  // helper F: after domains, wijken, providers
  detail::compile_costs(spec, out);
  return out;
}

}  // namespace wijksim::scenarios
