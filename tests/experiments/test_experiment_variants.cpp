// Experiment variants: name-addressed list elements in key paths (providers.<name>.<key>,
// interventions.<name>.<key>), add_interventions / remove_interventions, and a variant
// and the sweep setting the same key (an error at the variant's line naming the sweep's).
#include <catch2/catch.hpp>

#include <fstream>

#include "fake_runs.hpp"
#include "wijksim/scenarios/experiment.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
using wijksim::experiments::testing::fresh_db;

namespace {
const std::string kTiny = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/tiny.yaml";

// tiny.yaml plus two providers and two interventions, as a base scenario file.
std::string base_file() {
  const std::string path = fresh_db("base-net.yaml");
  std::ofstream(path) << "extends: " << kTiny << R"(
name: tiny-net
providers:
  - {name: wijkteam, type: wijkteam, capacity: 20, mean_weeks: 8, effects: {finances: 0.02}}
  - {name: credit_bank, type: credit_bank, capacity: 60, mean_weeks: 8, effects: {finances: 0.03}}
help_seeking:
  entry: {finances: [credit_bank, wijkteam]}
interventions:
  - type: informal_care
    name: buddies
    target: all
    parameters: {weekly_uptake: 0.01, duration_weeks: 12, improve_weekly: 0.04, effect_domains: [social_network]}
  - type: informal_care
    name: coaches
    target: all
    parameters: {weekly_uptake: 0.02, duration_weeks: 6, improve_weekly: 0.02, effect_domains: [finances]}
)";
  return path;
}

std::string write_experiment(const std::string& name, const std::string& body) {
  const std::string path = fresh_db(name);
  std::ofstream(path) << "scenario: " << base_file() << "\n" << body;
  return path;
}

std::vector<ScenarioIssue> issues_of(const std::string& path) {
  try {
    load_experiment_file(path);
  } catch (const ScenarioError& e) {
    return e.issues();
  }
  FAIL("expected a ScenarioError");
  return {};
}

const CompiledIntervention* find(const CompiledScenario& s, const std::string& name) {
  for (const auto& i : s.interventions)
    if (i.name == name) return &i;
  return nullptr;
}
}  // namespace

TEST_CASE("variants address providers and interventions by name, and by index", "[experiment_variants]") {
  const std::string path = write_experiment("named.yaml", R"(variants:
  baseline: {}
  bigger_bank: {providers.credit_bank.capacity: 180, interventions.coaches.parameters.weekly_uptake: 0.05}
  by_index:
    providers[1].capacity: 90
    population.wijken.rijk.households: 50
)");
  const LoadedExperiment e = load_experiment_file(path);
  REQUIRE(e.scenarios.size() == 3);
  CHECK(e.scenarios[0].network.providers[1].capacity == 60);
  CHECK(e.scenarios[1].network.providers[1].name == "credit_bank");
  CHECK(e.scenarios[1].network.providers[1].capacity == 180);
  CHECK(e.scenarios[1].network.providers[0].capacity == 20);  // the other provider untouched
  CHECK(find(e.scenarios[1], "coaches")->params.weekly_uptake == Approx(0.05));
  CHECK(find(e.scenarios[1], "buddies")->params.weekly_uptake == Approx(0.01));
  CHECK(e.scenarios[2].network.providers[1].capacity == 90);
  CHECK(e.scenarios[2].wijken[1].households == 50);  // wijken by name too
  CHECK(e.record.variants[1].overrides ==
        "providers.credit_bank.capacity: 180; interventions.coaches.parameters.weekly_uptake: 0.05");
}

TEST_CASE("a name-addressed element that does not exist is an error with did-you-mean at the variant's line",
          "[experiment_variants]") {
  const auto issues = issues_of(write_experiment("badname.yaml", "variants:\n  a: {}\n  b:\n"
                                                                 "    providers.credit_bnak.capacity: 10\n"));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].line == 5);
  CHECK(issues[0].key_path == "variants.b -> providers.credit_bnak");
  CHECK(issues[0].got == "'credit_bnak'; did you mean 'credit_bank'?");
  // A bad value below a name-addressed path is placed at the variant's line too.
  const auto value = issues_of(write_experiment("badvalue.yaml", "variants:\n  a: {}\n  b:\n"
                                                                 "    providers.credit_bank.capacity: many\n"));
  REQUIRE(value.size() == 1);
  CHECK(value[0].line == 5);
  CHECK(value[0].key_path == "variants.b -> providers[1].capacity");
}

TEST_CASE("add_interventions and remove_interventions per variant", "[experiment_variants]") {
  const std::string path = write_experiment("addremove.yaml", R"(variants:
  baseline: {}
  swap:
    remove_interventions: [buddies]
    add_interventions:
      - {type: informal_care, name: mentors, target: all,
         parameters: {weekly_uptake: 0.03, duration_weeks: 10, improve_weekly: 0.05, effect_domains: [mental_health]}}
    interventions.mentors.parameters.duration_weeks: 20
  none: {remove_interventions: [buddies, coaches]}
)");
  const LoadedExperiment e = load_experiment_file(path);
  REQUIRE(e.scenarios.size() == 3);
  CHECK(e.scenarios[0].interventions.size() == 2);
  REQUIRE(e.scenarios[1].interventions.size() == 2);
  CHECK(e.scenarios[1].interventions[0].name == "coaches");
  CHECK(e.scenarios[1].interventions[1].name == "mentors");
  CHECK(e.scenarios[1].interventions[1].params.duration_weeks == 20);  // key path applied after the add
  CHECK(e.scenarios[2].interventions.empty());
  CHECK(e.record.variants[1].overrides ==
        "remove_interventions: [buddies]; add_interventions: [mentors]; "
        "interventions.mentors.parameters.duration_weeks: 20");
}

TEST_CASE("bad add/remove_interventions: unknown name, invalid intervention, clash, wrong shape", "[experiment_variants]") {
  SECTION("unknown removed name: did-you-mean, at its line") {
    const auto i = issues_of(write_experiment("rm.yaml", "variants:\n  a:\n    remove_interventions: [budies]\n"));
    REQUIRE(i.size() == 1);
    CHECK(i[0].line == 4);
    CHECK(i[0].key_path == "variants.a.remove_interventions[0]");
    CHECK(i[0].got == "'budies'; did you mean 'buddies'?");
  }
  SECTION("an added intervention is validated like the scenario's own, at its line") {
    const auto i = issues_of(write_experiment("add.yaml", "variants:\n  a:\n    add_interventions:\n"
                                                          "      - {type: informal_care, name: x, target: all,\n"
                                                          "         parameters: {weekly_uptake: 1.5, effect_domains: [finances]}}\n"));
    REQUIRE(!i.empty());
    CHECK(i[0].line == 5);
    INFO(i[0].to_string());
    CHECK(i[0].key_path.find("variants.a.add_interventions[0] -> interventions[2].parameters.weekly_uptake") == 0);
    const auto t = issues_of(write_experiment("addtype.yaml", "variants:\n  a:\n    add_interventions:\n"
                                                              "      - {type: informal_cure, name: x}\n"));
    REQUIRE(!t.empty());
    CHECK(t[0].line == 5);
    CHECK(t[0].to_string().find("informal_care") != std::string::npos);  // did-you-mean on the type
  }
  SECTION("adding a name that is already there") {
    const auto i = issues_of(write_experiment("clash.yaml", "variants:\n  a:\n    add_interventions:\n"
                                                            "      - {type: informal_care, name: coaches}\n"));
    REQUIRE(i.size() == 1);
    CHECK(i[0].line == 5);
    CHECK(i[0].key_path == "variants.a.add_interventions[0].name");
  }
  SECTION("not a list / not names") {
    const auto i = issues_of(write_experiment("shape.yaml", "variants:\n  a:\n    remove_interventions: buddies\n"
                                                            "  b:\n    add_interventions: [coaches]\n"));
    REQUIRE(i.size() == 2);
    CHECK(i[0].key_path == "variants.a.remove_interventions");
    CHECK(i[1].key_path == "variants.b.add_interventions[0]");
    CHECK(i[1].line == 6);
  }
}

TEST_CASE("a variant and the sweep setting the same key is an error naming both lines", "[experiment_variants]") {
  const std::string sweep = "sweep:\n  design: grid\n  parameters:\n    providers.credit_bank.capacity: {values: [50, 70]}\n";
  SECTION("same key, written by name in one and by index in the other") {
    const std::string path = write_experiment("conflict.yaml", "variants:\n  a: {}\n  b:\n"
                                                               "    providers[1].capacity: 10\n" + sweep);
    const auto i = issues_of(path);
    REQUIRE(i.size() == 1);
    CHECK(i[0].file == path);
    CHECK(i[0].line == 5);
    CHECK(i[0].key_path == "variants.b.providers[1].capacity");
    CHECK(i[0].got == "also set by sweep.parameters.providers.credit_bank.capacity at " + path + ":9:37");  // the parameter's value
  }
  SECTION("one key inside the other") {
    const auto i = issues_of(write_experiment("conflict2.yaml", "variants:\n  b:\n"
                                                                "    providers.credit_bank: {name: credit_bank, capacity: 5}\n" + sweep));
    REQUIRE(i.size() == 1);
    CHECK(i[0].line == 4);
  }
  SECTION("different keys are fine, and the sweep reaches a provider by name") {
    const LoadedExperiment e = load_experiment_file(write_experiment(
        "noconflict.yaml", "variants:\n  a: {}\n  b: {providers.wijkteam.capacity: 10}\n" + sweep));
    REQUIRE(e.scenarios.size() == 4);
    CHECK(e.scenarios[1].network.providers[1].capacity == 70);
    CHECK(e.scenarios[3].network.providers[0].capacity == 10);
    CHECK(e.scenarios[3].network.providers[1].capacity == 70);
  }
}
