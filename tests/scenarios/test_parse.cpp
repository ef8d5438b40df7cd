// Parsing YAML into a ScenarioSpec: defaults, typed reads, unknown keys, positions.
#include "scenario_fixtures.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;

TEST_CASE("a minimal scenario gets every default of spec.hpp", "[scenarios][parse]") {
  const ScenarioSpec spec = load_scenario_text(kMinimal, "inline.yaml").spec;
  CHECK(spec.name == "minimal");
  REQUIRE(spec.domains.size() == 2);
  CHECK(spec.domains[1].name == "mental_health");
  CHECK(spec.domains[1].worsen[1] == 0.02);
  REQUIRE(spec.population.wijken.size() == 1);
  CHECK(spec.population.wijken[0].households == 100);
  // Untouched keys keep the defaults written next to their fields.
  const ScenarioSpec defaults;
  CHECK(spec.weeks == defaults.weeks);
  CHECK(spec.debt == defaults.debt);
  CHECK(spec.dynamics == defaults.dynamics);
  CHECK(spec.population.income == defaults.population.income);
  CHECK(spec.population.wijken[0].low_income_share == WijkSpec{}.low_income_share);
  CHECK(spec.population.wijken[0].age_groups == WijkSpec{}.age_groups);
}

TEST_CASE("every section is read into its field", "[scenarios][parse]") {
  const std::string text = kMinimal + R"(seed: 99
replication: 3
weeks: 10
description: "two words"
dynamics:
  coupling: [[0, 0.5], [0.25, 0]]
  problem_weight: [3, 1, 0, 0, 0]
  network_improvement: 0.1
life_events:
  - name: job_loss
    weekly_rate: 0.001
    applies_to: employed
    severity: {finances: -1, mental_health: -2}
    income_factor: 0.7
    debt_add: 100
    creditors_add: 2
    work_status: unemployed
    adults_delta: -1
    children_delta: 0
    becomes_single_parent_if_children: yes
debt:
  enabled: false
  weekly_arrears: 30
)";
  const ScenarioSpec spec = load_scenario_text(text, "inline.yaml").spec;
  CHECK(spec.seed == 99);
  CHECK(spec.replication == 3);
  CHECK(spec.weeks == 10);
  CHECK(spec.description == "two words");
  CHECK(spec.dynamics.coupling == std::vector<std::vector<double>>{{0, 0.5}, {0.25, 0}});
  CHECK(spec.dynamics.problem_weight[0] == 3);
  CHECK(spec.dynamics.network_improvement == 0.1);
  REQUIRE(spec.life_events.size() == 1);
  const LifeEventSpec& e = spec.life_events[0];
  CHECK(e.applies_to == "employed");
  CHECK(e.severity == std::map<std::string, int>{{"finances", -1}, {"mental_health", -2}});
  CHECK(e.income_factor == 0.7);
  CHECK(e.debt_add == 100);
  CHECK(e.creditors_add == 2);
  CHECK(e.work_status == "unemployed");
  CHECK(e.adults_delta == -1);
  CHECK(e.becomes_single_parent_if_children);
  CHECK_FALSE(spec.debt.enabled);
  CHECK(spec.debt.weekly_arrears == 30);
}

TEST_CASE("all type errors of a file are reported together, each at its own line", "[scenarios][parse]") {
  std::string text = kMinimal;
  text.replace(text.find("households: 100"), 15, "households: lots");
  text += "weeks: soon\nseed: -4\n";
  try {
    load_scenario_text(text, "inline.yaml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    // Sorted by position in the file.
    REQUIRE(e.issues().size() == 3);
    CHECK(e.issues()[0].key_path == "population.wijken[0].households");
    CHECK(e.issues()[0].line == 14);
    CHECK(e.issues()[0].got == "'lots'");
    CHECK(e.issues()[1].key_path == "weeks");
    CHECK(e.issues()[1].line == 15);
    CHECK(e.issues()[1].column == 8);
    CHECK(e.issues()[1].file == "inline.yaml");
    CHECK(e.issues()[2].key_path == "seed");
    CHECK(e.issues()[2].expected == "a whole number >= 0");
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("3 problems"));
    CHECK_THAT(message, Catch::Contains("inline.yaml:14:19: population.wijken[0].households: expected a whole number, got 'lots'"));
  }
}

TEST_CASE("a type error is not reported again by validation", "[scenarios][parse]") {
  std::string text = kMinimal;
  text.replace(text.find("worsen: [0, 0.01, 0.01, 0.01, 0.01]"), 35, "worsen: [0, x, 0.01, 0.01, 0.01]");
  try {
    load_scenario_text(text, "inline.yaml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.issues().size() == 1);  // not also "a list of exactly 5 entries, got 0"
    CHECK(e.issues()[0].key_path == "domains[0].worsen[1]");
    CHECK(e.issues()[0].expected == "a number");
  }
}

TEST_CASE("unknown keys are errors with a did-you-mean, at any depth", "[scenarios][parse]") {
  std::string text = kMinimal;
  text.replace(text.find("      households: 100"), 21, "      housholds: 100");
  const std::string message = load_error(text + "dynamic: {}\n");
  CHECK_THAT(message, Catch::Contains("inline.yaml:14:7: population.wijken[0].housholds: unknown key 'housholds'; did you mean 'households'?"));
  CHECK_THAT(message, Catch::Contains("population.wijken[0].households: expected the required key 'households'"));
  CHECK_THAT(message, Catch::Contains("dynamic: unknown key 'dynamic'; did you mean 'dynamics'?"));
  // Far from every known key: list them instead of guessing.
  CHECK_THAT(load_error(kMinimal + "zzzzzzzzzz: 1\n"), Catch::Contains("unknown key 'zzzzzzzzzz'; valid: name, description"));
}

TEST_CASE("broken input files are clean ScenarioErrors", "[scenarios][parse]") {
  CHECK_THAT(load_error(""), Catch::Contains("inline.yaml:1:1: expected a scenario mapping"));
  CHECK_THAT(load_error("# only a comment\n"), Catch::Contains("got an empty file"));
  CHECK_THAT(load_error("name: [unclosed\n"), Catch::Contains("expected valid YAML syntax, got a syntax error"));
  CHECK_THAT(load_error("just a sentence"), Catch::Contains("at the top level, got 'just a sentence'"));
  CHECK_THAT(load_error(std::string("name: a\x00\x01\x02", 10)), Catch::Contains("inline.yaml:1:8: expected a UTF-8 YAML text file, got binary data (byte 0x0 at offset 7)"));
  CHECK_THAT(load_error("name: \xff\xfe\n"), Catch::Contains("got binary data (byte 0xff at offset 6)"));

  // A directory, a missing file.
  try {
    load_scenario_file(source_path("scenarios"));
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("scenarios: expected a scenario file, got a directory"));
  }
  CHECK_THROWS_WITH(load_scenario_file(source_path("no/such/file.yaml")),
                    Catch::Contains("file.yaml: expected a readable scenario file, got no such file"));
}
