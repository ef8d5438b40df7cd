// emit_resolved_yaml: load(emit(spec)) == spec and emit is a fixed point, for every
// scenario file in the repository.
#include <filesystem>

#include "scenario_fixtures.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;

namespace {
std::vector<std::string> scenario_files() {
  std::vector<std::string> files{source_path("scenarios/default.yaml")};
  for (const auto& entry : std::filesystem::directory_iterator(source_path("scenarios/reference"))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}
}  // namespace

TEST_CASE("every scenario file loads, validates and round-trips byte for byte", "[scenarios][roundtrip]") {
  const auto files = scenario_files();
  REQUIRE(files.size() >= 3);
  for (const auto& file : files) {
    INFO(file);
    const LoadedScenario loaded = load_scenario_file(file);
    CHECK(loaded.warnings.empty());
    const std::string emitted = emit_resolved_yaml(loaded.spec);
    const ScenarioSpec again = load_scenario_text(emitted, file + ".resolved.yaml").spec;
    CHECK(again == loaded.spec);
    CHECK(emit_resolved_yaml(again) == emitted);
  }
}

TEST_CASE("the embedded default is scenarios/default.yaml", "[scenarios][roundtrip]") {
  CHECK(load_default_scenario().spec == load_scenario_file(source_path("scenarios/default.yaml")).spec);
}

TEST_CASE("emit keeps awkward doubles and strings exactly", "[scenarios][roundtrip]") {
  ScenarioSpec spec = load_scenario_text(kMinimal, "inline.yaml").spec;
  spec.name = "quote \" backslash \\ newline \n tab \t colon: # hash é";
  spec.domains[0].worsen = {0, 0.1 + 0.2, 1e-300, 5e-324, 1.0 / 3.0};
  spec.domains[0].improve = {0.3, 0.1, 0.2, 1e-17, 0};
  spec.population.wijken[0].problem_prevalence = {{"finances", 0.123456789012345678}};
  spec.debt.max_debt = 1e22;
  const std::string emitted = emit_resolved_yaml(spec);
  const ScenarioSpec again = load_scenario_text(emitted, "x").spec;
  CHECK(again.name == spec.name);
  CHECK(again == spec);
  CHECK(emit_resolved_yaml(again) == emitted);
  CHECK_THAT(emitted, Catch::Contains("worsen: [0, 0.30000000000000004, 1e-300, 5e-324, 0.3333333333333333]"));
}
