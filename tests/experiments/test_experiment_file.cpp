// Experiment YAML: variants, sweep and outputs become one compiled scenario per
// (variant, point); bad input is a ScenarioError at the experiment file's line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "fake_runs.hpp"
#include "wijksim/scenarios/experiment.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
using wijksim::experiments::testing::fresh_db;

namespace {
const std::string kTiny = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/tiny.yaml";

std::string write_experiment(const std::string& name, const std::string& text) {
  const std::string path = fresh_db(name);
  std::ofstream(path) << text;
  return path;
}

ScenarioIssue first_issue(const std::string& path) {
  try {
    load_experiment_file(path);
  } catch (const ScenarioError& e) {
    REQUIRE(!e.issues().empty());
    return e.issues().front();
  }
  FAIL("expected a ScenarioError");
  return {};
}
}  // namespace

TEST_CASE("experiment file: variants x sweep points, overrides applied", "[experiment_file]") {
  const std::string path = write_experiment("ok.yaml", "name: arrears\nseed: 9\nreplications: 3\nscenario: " + kTiny +
                                                           "\nvariants:\n  baseline: {}\n"
                                                           "  strong_network: {dynamics.network_improvement: 0.9}\n"
                                                           "sweep:\n  design: latin_hypercube\n  samples: 4\n"
                                                           "  parameters:\n    debt.weekly_arrears: {range: [10, 40]}\n"
                                                           "outputs: {metrics: [multi_problem, problems.finances], every: 4}\n");
  const LoadedExperiment e = load_experiment_file(path);
  CHECK(e.record.name == "arrears");
  CHECK(e.record.seed == 9);
  CHECK(e.record.replications == 3);
  REQUIRE(e.n_points == 4);
  REQUIRE(e.scenarios.size() == 8);
  CHECK(e.record.variants[1].name == "strong_network");
  CHECK(e.record.variants[1].overrides == "dynamics.network_improvement: 0.9");
  for (uint32_t p = 0; p < 4; ++p) {
    CHECK(e.scenarios[p].debt.weekly_arrears == Approx(e.record.design.points[p][0]));
    CHECK(e.scenarios[4 + p].debt.weekly_arrears == Approx(e.record.design.points[p][0]));
    CHECK(e.scenarios[4 + p].network_improvement == Approx(0.9));
  }
  CHECK(e.scenarios[0].network_improvement != Approx(0.9));
  CHECK(e.outputs.every_weeks == 4);
  CHECK(e.record.resolved_text.find("base scenario, resolved") != std::string::npos);
  CHECK(load_experiment_file(path).record.resolved_text == e.record.resolved_text);  // stable hash input
}

TEST_CASE("experiment file: a bad variant value is reported at its line in the experiment", "[experiment_file]") {
  const std::string path = write_experiment("badvariant.yaml", "scenario: " + kTiny +
                                                                   "\nvariants:\n  baseline: {}\n  broken:\n"
                                                                   "    dynamics.network_improvement: lots\n");
  const ScenarioIssue i = first_issue(path);
  CHECK(i.file == path);
  CHECK(i.line == 5);  // the line of `dynamics.network_improvement: lots`
  CHECK(i.key_path.find("variants.broken") != std::string::npos);
  CHECK(i.key_path.find("dynamics.network_improvement") != std::string::npos);
}

TEST_CASE("experiment file: a misspelt variant key is reported at the variant's line", "[experiment_file]") {
  const std::string path = write_experiment("typo.yaml", "scenario: " + kTiny +
                                                             "\nvariants:\n  a: {dynamics.network_improvment: 2}\n");
  const ScenarioIssue i = first_issue(path);
  CHECK(i.file == path);
  CHECK(i.line == 3);
  CHECK(i.to_string().find("network_improvement") != std::string::npos);  // did-you-mean
}

TEST_CASE("experiment file: unknown keys, bad design and ranges name file, line and key path", "[experiment_file]") {
  SECTION("unknown key with did-you-mean") {
    const std::string path = write_experiment("unknown.yaml", "scenario: " + kTiny + "\nreplicatons: 4\n");
    const ScenarioIssue i = first_issue(path);
    CHECK(i.file == path);
    CHECK(i.line == 2);
    CHECK(i.to_string().find("replications") != std::string::npos);
  }
  SECTION("bad design") {
    const std::string path = write_experiment("design.yaml", "scenario: " + kTiny +
                                                                 "\nsweep:\n  design: halton\n  samples: 3\n"
                                                                 "  parameters: {debt.weekly_arrears: {range: [1, 2]}}\n");
    const ScenarioIssue i = first_issue(path);
    CHECK(i.line == 3);
    CHECK(i.key_path == "sweep.design");
  }
  SECTION("inverted range") {
    const std::string path = write_experiment("range.yaml", "scenario: " + kTiny +
                                                                "\nsweep:\n  samples: 3\n  parameters:\n"
                                                                "    debt.weekly_arrears: {range: [5, 1]}\n");
    const ScenarioIssue i = first_issue(path);
    CHECK(i.line == 5);
    CHECK(i.key_path == "sweep.parameters.debt.weekly_arrears.range");
  }
  SECTION("missing scenario file") {
    const std::string path = write_experiment("missing.yaml", "name: x\nscenario: no_such_base.yaml\n");
    const ScenarioIssue i = first_issue(path);
    CHECK(i.line == 2);
    CHECK(i.key_path == "scenario");
  }
  SECTION("unknown metric") {
    const std::string path = write_experiment("metric.yaml", "scenario: " + kTiny + "\noutputs:\n  metrics: [multi_problems]\n");
    const ScenarioIssue i = first_issue(path);
    CHECK(i.line == 3);
    CHECK(i.got.find("multi_problems") != std::string::npos);
  }
}

TEST_CASE("experiment file: an inline scenario's errors point at the experiment file's lines", "[experiment_file]") {
  std::ifstream in(kTiny);
  std::string tiny((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string indented = "  ";
  for (char c : tiny) indented += c == '\n' ? std::string("\n  ") : std::string(1, c);
  const std::string good = write_experiment("inline.yaml", "replications: 2\nscenario:\n" + indented + "\nseed: 3\n");
  CHECK(load_experiment_file(good).scenarios.size() == 1);
  // Break `weeks: 52` (line 8 of tiny.yaml, line 10 of the experiment).
  const auto at = indented.find("weeks: 52");
  REQUIRE(at != std::string::npos);
  std::string broken = indented;
  broken.replace(at, 9, "weeks: soon");
  const std::string bad = write_experiment("inline-bad.yaml", "replications: 2\nscenario:\n" + broken + "\nseed: 3\n");
  const ScenarioIssue i = first_issue(bad);
  CHECK(i.file == bad);
  CHECK(i.line == 10);
  CHECK(i.key_path == "weeks");
}
