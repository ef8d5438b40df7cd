// `--set key.path=value`: parsing, application before validation, "<--set>" positions.
#include "scenario_fixtures.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;

TEST_CASE("parse_override splits at the first '='", "[scenarios][overrides]") {
  const Override o = parse_override("population.wijken[0].households=250");
  CHECK(o.key_path == "population.wijken[0].households");
  CHECK(o.value == "250");
  CHECK(parse_override("name=a=b").value == "a=b");
  CHECK(parse_override("dynamics.coupling[1][0]=0.5").key_path == "dynamics.coupling[1][0]");
  CHECK_THROWS_AS(parse_override("no-equals-sign"), ScenarioError);
  CHECK_THROWS_AS(parse_override("=3"), ScenarioError);
  CHECK_THROWS_AS(parse_override("a..b=3"), ScenarioError);
  CHECK_THROWS_AS(parse_override("a[x]=3"), ScenarioError);
  CHECK_THROWS_WITH(parse_override("a.=3"), Catch::Contains("<--set>: expected key.path=value"));
}

TEST_CASE("overrides change values, index lists and create absent optional keys", "[scenarios][overrides]") {
  const std::vector<Override> overrides{
      parse_override("population.wijken[0].households=250"),
      parse_override("domains[1].worsen[4]=0.03"),
      parse_override("dynamics.network_improvement=0.9"),      // dynamics: absent -> created
      parse_override("population.wijken[0].problem_prevalence={finances: 0.2}"),
      parse_override("life_events=[{name: x, weekly_rate: 0.01}]"),
      parse_override("name=renamed"),
  };
  const ScenarioSpec spec = load_scenario_text(kMinimal, "inline.yaml", overrides).spec;
  CHECK(spec.population.wijken[0].households == 250);
  CHECK(spec.domains[1].worsen[4] == 0.03);
  CHECK(spec.dynamics.network_improvement == 0.9);
  CHECK(spec.population.wijken[0].problem_prevalence.at("finances") == 0.2);
  REQUIRE(spec.life_events.size() == 1);
  CHECK(spec.life_events[0].name == "x");
  CHECK(spec.name == "renamed");
  // Index == size appends.
  const ScenarioSpec more = load_scenario_text(
      kMinimal, "inline.yaml", {parse_override("population.wijken[1]={name: b, households: 5}")}).spec;
  CHECK(more.population.wijken.size() == 2);
}

TEST_CASE("bad override values and keys are reported like any other, at <--set>", "[scenarios][overrides]") {
  CHECK_THAT(load_error(kMinimal, {parse_override("population.wijken[0].households=-3")}),
             Catch::Contains("<--set>:1:1: population.wijken[0].households: expected a count > 0"));
  CHECK_THAT(load_error(kMinimal, {parse_override("domains[0].worsen[1]=abc")}),
             Catch::Contains("<--set>:1:1: domains[0].worsen[1]: expected a number, got 'abc'"));
  CHECK_THAT(load_error(kMinimal, {parse_override("debt.weekly_arears=3")}),
             Catch::Contains("<--set>: debt.weekly_arears: unknown key 'weekly_arears'; did you mean 'weekly_arrears'?"));
  CHECK_THAT(load_error(kMinimal, {parse_override("domains[5].name=x")}),
             Catch::Contains("<--set>: domains[5]: expected an index below 3, got 5"));
  CHECK_THAT(load_error(kMinimal, {parse_override("name.first=x")}),
             Catch::Contains("<--set>: name.first: expected a mapping at name, got 'minimal'"));
  CHECK_THAT(load_error(kMinimal, {parse_override("weeks=[1, 2")}),
             Catch::Contains("<--set>:1:"));
  // Several at once: all reported together with the file's own issues.
  std::string text = kMinimal;
  text.replace(text.find("households: 100"), 15, "households: 0");
  const std::string message = load_error(text, {parse_override("weeks=-1"), parse_override("seed=x")});
  CHECK_THAT(message, Catch::Contains("3 problems"));
  CHECK_THAT(message, Catch::Contains("inline.yaml:14:19: population.wijken[0].households"));
}
