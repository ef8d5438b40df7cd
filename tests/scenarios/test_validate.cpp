// validate(): cross-field rules on a spec, independent of YAML.
#include "scenario_fixtures.hpp"
#include "wijksim/scenarios/validate.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;

namespace {
ScenarioSpec minimal() { return load_scenario_text(kMinimal, "inline.yaml").spec; }

std::vector<std::string> paths_of(const std::vector<ScenarioIssue>& issues) {
  std::vector<std::string> paths;
  for (const auto& i : issues) paths.push_back(i.key_path);
  return paths;
}
}  // namespace

TEST_CASE("a valid spec has no issues, a spec built in code is checked too", "[scenarios][validate]") {
  CHECK(validate(minimal()).empty());
  ScenarioSpec spec = minimal();
  spec.domains[0].initial = {0.5, 0.5, 0.5, 0, 0};
  spec.population.wijken[0].households = 0;
  const auto issues = validate(spec);  // no SourceMap: key paths, no positions
  CHECK(paths_of(issues) == std::vector<std::string>{"domains[0].initial", "population.wijken[0].households"});
  CHECK(issues[0].line == 0);
}

TEST_CASE("domain rules", "[scenarios][validate]") {
  ScenarioSpec spec = minimal();
  spec.domains[1].worsen[2] = -0.1;
  spec.domains[1].improve = {0.1, 0.1};
  spec.domains.push_back(spec.domains[0]);  // duplicate name
  spec.dynamics.coupling.clear();
  const auto paths = paths_of(validate(spec));
  CHECK(paths == std::vector<std::string>{"domains[1].improve", "domains[1].worsen[2]", "domains[2].name"});
}

TEST_CASE("initial sums within 1e-9 pass, beyond fail", "[scenarios][validate]") {
  ScenarioSpec spec = minimal();
  spec.domains[0].initial = {0, 0, 0.3333333333333333, 0.3333333333333333, 0.3333333333333334};
  CHECK(validate(spec).empty());
  spec.domains[0].initial[4] += 2e-9;
  CHECK(paths_of(validate(spec)) == std::vector<std::string>{"domains[0].initial"});
}

TEST_CASE("coupling must match the domain list", "[scenarios][validate]") {
  ScenarioSpec spec = minimal();
  spec.dynamics.coupling = {{0, 1}, {1, 0}};
  CHECK(validate(spec).empty());
  spec.dynamics.coupling = {{0, 1}};
  const auto issues = validate(spec);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].to_string() == "<scenario>: dynamics.coupling: expected a square matrix (one row per domain) "
                                 "of exactly 2 entries, got 1 entries");
}

TEST_CASE("names in life events, prevalences and debt must be domains", "[scenarios][validate]") {
  ScenarioSpec spec = minimal();
  LifeEventSpec event;
  event.name = "x";
  event.weekly_rate = 0.01;
  event.severity = {{"finance", -1}};
  event.applies_to = "everyone";
  spec.life_events.push_back(event);
  spec.population.wijken[0].problem_prevalence = {{"mental_health", 0.2}, {"housing", 0.1}};
  spec.debt.finances_domain = "money";
  const auto issues = validate(spec);
  CHECK(paths_of(issues) == std::vector<std::string>{"life_events[0].applies_to", "life_events[0].severity.finance",
                                                      "debt.finances_domain",
                                                      "population.wijken[0].problem_prevalence.housing"});
  CHECK(issues[1].got == "'finance'; did you mean 'finances'?");
  spec.debt.enabled = false;  // a disabled debt block may name anything
  CHECK(validate(spec).size() == 3);
}

TEST_CASE("wijk shares", "[scenarios][validate]") {
  ScenarioSpec spec = minimal();
  WijkSpec& w = spec.population.wijken[0];
  w.single_parent_share = 0.5;
  w.couple_share = 0.5;  // sum 1: allowed
  CHECK(validate(spec).empty());
  w.age_groups["age_65_plus"] += 5e-7;  // within 1e-6
  CHECK(validate(spec).empty());
  w.couple_share = 0.51;
  w.age_groups.erase("age_18_26");
  w.low_income_risk_ratio = 0;
  CHECK(paths_of(validate(spec)) ==
        std::vector<std::string>{"population.wijken[0].couple_share", "population.wijken[0].age_groups.age_18_26",
                                 "population.wijken[0].age_groups", "population.wijken[0].low_income_risk_ratio"});
}
