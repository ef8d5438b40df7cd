// The `interventions:` and `costs:` sections: defaults filled, round trip through the
// resolved YAML, and bad input reported with key path and what was expected.
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "wijksim/scenarios/load.hpp"

using namespace wijksim;

namespace {

std::string issues_of(const std::string& extra) {
  try {
    test::small_city(extra, 100, 4);
  } catch (const scenarios::ScenarioError& e) {
    std::string all;
    for (const auto& i : e.issues()) all += i.to_string() + "\n";
    return all;
  }
  return "";
}

}  // namespace

TEST_CASE("interventions: defaults are filled and the resolved YAML loads back to the same spec") {
  const std::string text = test::default_city_text() + R"(
interventions:
  - type: debt_restructuring
    name: debt-to-no-debt
    start_week: 26
    target: {age: [18, 27], wijken: [oost, west], domains: {finances: 2}}
    budget: 1200000
costs:
  discount_rate: 0.03
)";
  const auto loaded = scenarios::load_scenario_text(text, "<test>");
  REQUIRE(loaded.spec.interventions.size() == 1);
  const auto& iv = loaded.spec.interventions[0];
  CHECK(iv.parameters.at("repay_months") == 36);
  CHECK(iv.parameters.at("contact_probability") == 0.6);
  CHECK(iv.effect_domains == std::vector<std::string>{"finances"});
  CHECK(loaded.spec.costs.discount_rate == 0.03);
  CHECK(loaded.spec.costs.societal.size() == 5);
  const std::string resolved = scenarios::emit_resolved_yaml(loaded.spec);
  const auto again = scenarios::load_scenario_text(resolved, "<resolved>");
  CHECK(again.spec == loaded.spec);
  CHECK(scenarios::emit_resolved_yaml(again.spec) == resolved);
  const auto sc = scenarios::compile(loaded.spec);
  REQUIRE(sc.interventions.size() == 1);
  CHECK(sc.interventions[0].budget_cents == 120000000);
  CHECK(sc.interventions[0].start_week == 26);
  CHECK(sc.interventions[0].target.min_age == 18);
  CHECK(sc.costs.discount_rate == 0.03);
}

TEST_CASE("interventions: bad input names the key path and what was expected") {
  CHECK_THAT(issues_of("interventions:\n  - {type: outreach, name: a, parameters: {visits_per_wek: 3}}\n"),
             Catch::Contains("interventions[0].parameters.visits_per_wek") && Catch::Contains("visits_per_week"));
  CHECK_THAT(issues_of("interventions:\n  - {type: outreach, name: a, target: {wijken: [oostt]}}\n"),
             Catch::Contains("interventions[0].target.wijken[0]") && Catch::Contains("oost"));
  CHECK_THAT(issues_of("interventions:\n  - {type: outrech, name: a}\n"),
             Catch::Contains("interventions[0].type") && Catch::Contains("outreach"));
  CHECK_THAT(issues_of("interventions:\n  - {type: outreach, name: a, budget: -5}\n"),
             Catch::Contains("interventions[0].budget"));
  CHECK_THAT(issues_of("interventions:\n  - {type: outreach, name: a, parameters: {contact_probability: 1.5}}\n"),
             Catch::Contains("interventions[0].parameters.contact_probability") && Catch::Contains("probability"));
  CHECK_THAT(issues_of("interventions:\n  - {type: outreach, name: a, start_week: 10, end_week: 5}\n"),
             Catch::Contains("interventions[0].end_week"));
  CHECK_THAT(issues_of("costs:\n  societal:\n    - {name: x, weekly_probability: 0.1, unit_cost: 5, financier: bank}\n"),
             Catch::Contains("costs.societal[0].financier"));
  // File and line are given: the appended text starts after default.yaml's lines.
  CHECK_THAT(issues_of("interventions:\n  - {type: outreach, name: a, target: {age: [30, 20]}}\n"),
             Catch::Contains("<test>:") && Catch::Contains("interventions[0].target.age"));
}

TEST_CASE("interventions: a network intervention refuses a target (it would be ignored), target: all is fine") {
  for (const std::string type : {"capacity_change", "pooled_budget", "case_manager_continuity"}) {
    INFO(type);
    const std::string head = "interventions:\n  - {type: outreach, name: a}\n  - {type: " + type +
                             ", name: b, parameters: {providers: [kredietbank]}, ";
    CHECK_THAT(issues_of(head + "target: {wijken: [oost]}}\n"),
               Catch::Contains("interventions[1].target: " + type +
                               " acts on a provider, not on households: remove target"));
    CHECK_THAT(issues_of(head + "target: {age: [18, 27]}}\n"), Catch::Contains("interventions[1].target"));
    CHECK(issues_of(head + "target: all}\n").empty());
    CHECK(issues_of(head + "start_week: 3}\n").empty());
  }
}
