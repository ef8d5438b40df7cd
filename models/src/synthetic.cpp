// Synthetic scenarios for tests and benchmarks (see synthetic.hpp). Figures are plausible
// orders of magnitude (DOMAIN-FIGURES.md: ~7.6% of households in problematic debt, debts
// of a few tens of thousands of euros with ~13 creditors), not a calibration.
#include "wijksim/models/synthetic.hpp"

#include <string>

#include "wijksim/bench.hpp"

namespace wijksim::models {

namespace {

CompiledWijk make_wijk(std::string name, uint32_t households, double low_income_share, int n_domains,
                       const SeverityArray& dist, const SeverityArray& dist_low) {
  CompiledWijk w;
  w.name = std::move(name);
  w.households = households;
  w.single_parent_share = 0.08;
  w.couple_share = 0.45;
  w.with_children_share = 0.35;
  w.low_income_share = low_income_share;
  w.benefits_share = low_income_share * 0.5;
  w.age_group_share = {0.15, 0.35, 0.30, 0.20};
  w.network_strength_mean = 0.5;
  w.care_avoidance_mean = 0.3;
  w.initial_severity.assign(n_domains, dist);
  w.initial_severity_low_income.assign(n_domains, dist_low);
  return w;
}

}  // namespace

CompiledScenario households_ref_scenario(uint64_t households, uint64_t seed) {
  CompiledScenario s;
  s.name = "households-ref";
  s.seed = seed;
  s.weeks = 52;
  s.n_domains = 10;
  for (int d = 0; d < s.n_domains; ++d) s.domain_names.push_back("domain_" + std::to_string(d));
  DomainRates r;
  r.worsen = {0.0, 0.01, 0.01, 0.01, 0.01};
  r.improve = {0.005, 0.005, 0.005, 0.005, 0.0};
  s.rates.assign(s.n_domains, r);
  s.coupling = Eigen::MatrixXd::Zero(s.n_domains, s.n_domains);
  const SeverityArray dist{0.02, 0.05, 0.13, 0.30, 0.50};
  s.wijken.push_back(make_wijk("ref", static_cast<uint32_t>(households), 0.0, s.n_domains, dist, dist));
  return s;
}

CompiledScenario default_like_scenario(uint64_t households, uint64_t seed) {
  CompiledScenario s;
  s.name = "default-like";
  s.seed = seed;
  s.weeks = 520;
  s.domain_names = {"finances",         "work_education",  "time_use",          "housing",
                    "domestic_relations", "mental_health", "physical_health",   "substance_use",
                    "basic_adl",        "instrumental_adl", "social_network",   "community_participation",
                    "justice"};
  s.n_domains = static_cast<int>(s.domain_names.size());
  DomainRates r;
  r.worsen = {0.0, 0.004, 0.003, 0.002, 0.001};
  r.improve = {0.02, 0.015, 0.01, 0.005, 0.0};
  s.rates.assign(s.n_domains, r);
  enum { fin = 0, work = 1, time_use = 2, housing = 3, rel = 4, mental = 5, physical = 6, substance = 7,
         network = 10, participation = 11, justice = 12 };
  s.coupling = Eigen::MatrixXd::Zero(s.n_domains, s.n_domains);
  s.coupling(mental, fin) = 0.6;      // debts -> stress
  s.coupling(work, mental) = 0.5;     // mental illness -> work
  s.coupling(fin, work) = 0.5;        // no work -> money
  s.coupling(housing, fin) = 0.4;     // arrears -> housing
  s.coupling(mental, network) = 0.4;  // isolation -> mental health
  s.coupling(rel, substance) = 0.5;
  s.coupling(physical, mental) = 0.3;
  s.coupling(participation, network) = 0.3;
  s.coupling(justice, substance) = 0.3;
  s.coupling(time_use, work) = 0.3;
  s.coupling_enabled = true;
  s.problem_weight = {1.0, 0.5, 0.1, 0.0, 0.0};
  s.network_improvement = 0.5;

  CompiledLifeEvent job_loss;
  job_loss.name = "job_loss";
  job_loss.eligibility = EventEligibility::employed;
  job_loss.weekly_rate = 0.0008;
  job_loss.severity_delta = {{work, -2}, {fin, -1}};
  job_loss.income_factor = 0.7;
  job_loss.set_work_status = static_cast<int>(WorkStatus::unemployed);
  CompiledLifeEvent divorce;
  divorce.name = "divorce";
  divorce.eligibility = EventEligibility::couples;
  divorce.weekly_rate = 0.0004;
  divorce.severity_delta = {{rel, -2}, {fin, -1}, {housing, -1}};
  divorce.income_factor = 0.6;
  divorce.debt_add = 2000;
  divorce.creditors_add = 1;
  divorce.adults_delta = -1;
  divorce.becomes_single_parent_if_children = true;
  CompiledLifeEvent illness;
  illness.name = "illness";
  illness.weekly_rate = 0.001;
  illness.severity_delta = {{physical, -2}, {work, -1}};
  CompiledLifeEvent turns18;
  turns18.name = "child_turns_18";
  turns18.eligibility = EventEligibility::with_children;
  turns18.weekly_rate = 0.001;
  turns18.children_delta = -1;
  s.events = {job_loss, divorce, illness, turns18};

  s.debt.enabled = true;
  s.debt.finances_domain = fin;
  s.debt.grows_at_or_below = 2;
  s.debt.low_income_threshold = 1600;
  s.debt.weekly_growth_rate = 0.0015;
  s.debt.weekly_arrears = 15;
  s.debt.max_debt = 150000;
  s.debt.initial_mean_if_problem = 20000;
  s.debt.initial_creditors_mean = 13;

  const SeverityArray dist{0.01, 0.03, 0.11, 0.35, 0.50};
  const SeverityArray low{0.04, 0.10, 0.21, 0.35, 0.30};
  const double lows[4] = {0.10, 0.18, 0.28, 0.40};
  const uint32_t base = 1000;  // relative sizes, scaled below
  for (int w = 0; w < 4; ++w)
    s.wijken.push_back(make_wijk("wijk_" + std::to_string(w + 1), base * (4 - w), lows[w], s.n_domains, dist, low));
  return scale_households(s, households);
}

}  // namespace wijksim::models
