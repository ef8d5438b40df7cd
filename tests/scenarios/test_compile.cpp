// compile(): names to indices, coupling, and the initial-severity split by prevalence
// and income.
#include "scenario_fixtures.hpp"
#include "wijksim/scenarios/compile_detail.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;
using Catch::Detail::Approx;

TEST_CASE("compile resolves names and copies rates", "[scenarios][compile]") {
  const CompiledScenario c = compile(load_scenario_file(source_path("scenarios/reference/tiny.yaml")).spec);
  CHECK(c.n_domains == 4);
  CHECK(c.domain_names[2] == "mental_health");
  CHECK(c.rates[0].worsen[1] == 0.0015);
  CHECK(c.coupling.rows() == 4);
  CHECK(c.coupling(2, 0) == 0.5);  // mental health <- finances
  CHECK(c.coupling_enabled);
  REQUIRE(c.events.size() == 2);
  CHECK(c.events[0].eligibility == EventEligibility::employed);
  CHECK(c.events[0].set_work_status == static_cast<int>(WorkStatus::unemployed));
  // Deltas in domain order: finances (0), work_education (1), mental_health (2).
  CHECK(c.events[0].severity_delta == std::vector<std::pair<int, int>>{{0, -1}, {1, -2}, {2, -1}});
  CHECK(c.events[1].eligibility == EventEligibility::couples);
  CHECK(c.events[1].set_work_status == -1);
  CHECK(c.debt.enabled);
  CHECK(c.debt.finances_domain == 0);
  CHECK(c.total_households() == 300);
  CHECK(c.wijken[1].age_group_share[3] == 0.28);
}

TEST_CASE("the benchmark reference compiles to the documented model", "[scenarios][compile]") {
  const CompiledScenario c = compile(load_scenario_file(source_path("scenarios/reference/households-ref.yaml")).spec);
  CHECK(c.n_domains == 10);
  CHECK_FALSE(c.coupling_enabled);
  CHECK(c.events.empty());
  CHECK_FALSE(c.debt.enabled);
  CHECK(c.network_improvement == 0);
  CHECK(c.total_households() == 1000000);
  for (const auto& r : c.rates) {
    CHECK(r.worsen == SeverityArray{0, 0.01, 0.01, 0.01, 0.01});
    CHECK(r.improve == SeverityArray{0.005, 0.005, 0.005, 0.005, 0});
  }
  // No prevalence and no income-linked domain names: both rows are the `initial` line.
  CHECK(c.wijken[0].initial_severity[3] == SeverityArray{0, 0, 0.3333333333333333, 0.3333333333333333, 0.3333333333333334});
  CHECK(c.wijken[0].initial_severity_low_income == c.wijken[0].initial_severity);
}

TEST_CASE("with_problem_share keeps proportions on both sides", "[scenarios][compile]") {
  const SeverityArray d = with_problem_share({0.1, 0.3, 0.2, 0.2, 0.2}, 0.2);
  CHECK(d[0] == Approx(0.05));
  CHECK(d[1] == Approx(0.15));
  CHECK(d[2] == Approx(0.8 / 3));
  CHECK(d[0] + d[1] + d[2] + d[3] + d[4] == Approx(1.0));
  const SeverityArray empty_problem = with_problem_share({0, 0, 0.5, 0.5, 0}, 0.1);
  CHECK(empty_problem == SeverityArray{0, 0.1, 0.45, 0.45, 0});
}

TEST_CASE("the income split keeps the wijk prevalence", "[scenarios][compile]") {
  // Derived: s * q r / (s r + 1 - s) + (1 - s) * q / (s r + 1 - s) = q.
  for (double s : {0.04, 0.1, 0.25, 0.6}) {
    for (double r : {1.0, 2.5, 4.0}) {
      const IncomeSplit split = split_by_income(0.12, s, r);
      CHECK(s * split.low + (1 - s) * split.other == Approx(0.12).epsilon(1e-12));
      CHECK(split.low == Approx(r * split.other));
    }
  }
  const IncomeSplit capped = split_by_income(0.9, 0.1, 5);  // 0.9 * 5 / 1.4 > 1
  CHECK(capped.low == 1.0);
}

TEST_CASE("compiled wijk rows: prevalence rescaling, then the income split", "[scenarios][compile]") {
  const CompiledScenario c = compile(load_scenario_file(source_path("scenarios/reference/tiny.yaml")).spec);
  const CompiledWijk& arm = c.wijken[0];  // low_income_share 0.25, finances prevalence 0.17, ratio 2.5
  const double s = 0.25;
  for (int d = 0; d < c.n_domains; ++d) {
    double sum_low = 0, sum_other = 0;
    for (int k = 0; k < 5; ++k) {
      sum_low += arm.initial_severity_low_income[d][k];
      sum_other += arm.initial_severity[d][k];
    }
    CHECK(sum_low == Approx(1.0).epsilon(1e-12));
    CHECK(sum_other == Approx(1.0).epsilon(1e-12));
  }
  const auto problem = [](const SeverityArray& a) { return a[0] + a[1]; };
  // finances (income-linked): the wijk mean is the prevalence written in the file.
  const double mean = s * problem(arm.initial_severity_low_income[0]) + (1 - s) * problem(arm.initial_severity[0]);
  CHECK(mean == Approx(0.17).epsilon(1e-12));
  CHECK(problem(arm.initial_severity_low_income[0]) == Approx(0.17 * 2.5 / (0.25 * 2.5 + 0.75)));
  // Proportions within severities 1-2 are those of `initial` (0.02 : 0.06).
  CHECK(arm.initial_severity[0][0] / arm.initial_severity[0][1] == Approx(1.0 / 3));
  // social_network: prevalence 0.2, not income-linked: both groups equal.
  CHECK(problem(arm.initial_severity[3]) == Approx(0.2));
  CHECK(arm.initial_severity_low_income[3] == arm.initial_severity[3]);
  // work_education: income-linked without a prevalence: the split keeps initial's 7%.
  const double work_mean = s * problem(arm.initial_severity_low_income[1]) + (1 - s) * problem(arm.initial_severity[1]);
  CHECK(work_mean == Approx(0.07).epsilon(1e-12));
}

TEST_CASE("the default city keeps national figures on average", "[scenarios][compile]") {
  const CompiledScenario c = compile(load_default_scenario().spec);
  CHECK(c.n_domains == 13);
  CHECK(c.total_households() == 50000);
  CHECK(c.wijken.size() == 10);
  // Household-weighted share of finances <= 2: near CBS's 8.3% (DOMAIN-FIGURES §2.1).
  double problem = 0, low = 0;
  for (const auto& w : c.wijken) {
    const double other = w.initial_severity[0][0] + w.initial_severity[0][1];
    const double low_p = w.initial_severity_low_income[0][0] + w.initial_severity_low_income[0][1];
    problem += w.households * (w.low_income_share * low_p + (1 - w.low_income_share) * other);
    low += w.households * w.low_income_share;
  }
  CHECK(problem / 50000 == Approx(0.084).margin(0.01));
  CHECK(low / 50000 == Approx(0.106).margin(0.01));
}
