// population.problem_correlation: parsed, validated to [0, 1), compiled, emitted (helper L).
#include "scenario_fixtures.hpp"
#include "wijksim/scenarios/validate.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;

TEST_CASE("problem_correlation round-trips through the resolved YAML and compiles", "[scenarios][population]") {
  ScenarioSpec spec = load_scenario_text(kMinimal, "inline.yaml").spec;
  CHECK(spec.population.problem_correlation == 0);  // default: independent draws
  spec.population.problem_correlation = 0.1 + 0.2;  // an awkward double
  const std::string emitted = emit_resolved_yaml(spec);
  CHECK_THAT(emitted, Catch::Contains("  problem_correlation: 0.30000000000000004\n"));
  const ScenarioSpec again = load_scenario_text(emitted, "x").spec;
  CHECK(again.population.problem_correlation == spec.population.problem_correlation);
  CHECK(again == spec);
  CHECK(compile(again).income.problem_correlation == spec.population.problem_correlation);
}

TEST_CASE("problem_correlation outside 0 <= c < 1 is an error at its key", "[scenarios][population]") {
  for (const char* bad : {"1", "-0.1", "1.5", ".nan"}) {
    INFO(bad);
    const std::string err = load_error(kMinimal, {{"population.problem_correlation", bad}});
    CHECK_THAT(err, Catch::Contains("population.problem_correlation"));
    CHECK_THAT(err, Catch::Contains("a correlation in [0, 1)"));
  }
  CHECK_THAT(load_error(kMinimal, {{"population.problem_correlation", "high"}}),
             Catch::Contains("population.problem_correlation"));
}

TEST_CASE("the default city sets a problem correlation", "[scenarios][population]") {
  const double rho = load_default_scenario().spec.population.problem_correlation;
  CHECK(rho > 0);
  CHECK(rho < 1);
}
