// summary.json's costs.vs_baseline is (variant - baseline) per financier, where the
// baseline is a separate run of the same city with the same seed and no interventions.
// Network interventions used to rewrite the run's scenario, so the baseline behind
// vs_baseline inherited the last week's network (zvw difference reported as 0 for a
// tripled ggz capacity). This test recomputes the difference from two independent runs.
#include <catch2/catch.hpp>

#include <string>

#include "harness.hpp"
#include "wijksim/models/costs/summary.hpp"

using namespace wijksim;

namespace {

// Spending in euros of a ledger's financier row (what vs_baseline's "costs" compares):
// intervention + provider + repayment, undiscounted and discounted.
double spent(const costs::CostLedger& l, int f) {
  return static_cast<double>(l.total[f][costs::intervention] + l.total[f][costs::provider] +
                             l.total[f][costs::repayment]) / 100.0;
}
double spent_discounted(const costs::CostLedger& l, int f) {
  return (l.discounted[f][costs::intervention] + l.discounted[f][costs::provider] +
          l.discounted[f][costs::repayment]) / 100.0;
}

costs::CostLedger final_ledger(const CompiledScenario& sc) {
  Simulation sim(sc, RunOptions{});
  sim.initialise();
  while (sim.week() < sc.weeks) sim.step();
  return sim.interventions().ledger;
}

CompiledScenario default_city(const std::string& extra, int weeks) {
  const auto loaded = scenarios::load_scenario_text(test::default_city_text() + "\n" + extra, "<test>",
                                                    {{"weeks", std::to_string(weeks)}});
  return scenarios::compile(loaded.spec);
}

void check_vs_separate_baseline(const std::string& interventions) {
  constexpr int kWeeks = 104;
  const CompiledScenario baseline_scenario = default_city("", kWeeks);
  const CompiledScenario variant_scenario = default_city(interventions, kWeeks);
  REQUIRE(baseline_scenario.seed == variant_scenario.seed);
  const costs::CostLedger baseline = final_ledger(baseline_scenario);

  RunOptions options;
  Simulation variant(variant_scenario, options);
  variant.initialise();
  while (variant.week() < kWeeks) variant.step();
  const costs::CostLedger& v = variant.interventions().ledger;
  const nlohmann::json vs = models::cost_summary_json(variant, options, true)["vs_baseline"];
  REQUIRE(vs.is_object());

  double zvw_costs = 0;
  for (int f = 0; f < costs::kFinancierCount; ++f) {
    const std::string name(costs::kFinancierNames[f]);
    INFO("financier " << name);
    const nlohmann::json& row = vs.at(name);
    const double costs = spent(v, f) - spent(baseline, f);
    const double avoided = static_cast<double>(baseline.total[f][costs::societal] - v.total[f][costs::societal]) / 100.0;
    CHECK(row.at("costs").get<double>() == Approx(costs).margin(0.005));
    CHECK(row.at("avoided").get<double>() == Approx(avoided).margin(0.005));
    CHECK(row.at("net").get<double>() == Approx(avoided - costs).margin(0.005));
    CHECK(row.at("costs_discounted").get<double>() ==
          Approx(spent_discounted(v, f) - spent_discounted(baseline, f)).margin(0.005));
    if (name == "zvw") zvw_costs = costs;
  }
  // A tripled ggz capacity admits more clients, paid by the Zvw: the difference is not 0
  // (it was reported as 0 before the fix). In the default city ggz reaches its capacity
  // (120) around week 70, hence the window of the second case.
  CHECK(zvw_costs > 100.0);
}

}  // namespace

TEST_CASE("vs_baseline equals variant minus a separate baseline run: capacity_change to the end") {
  check_vs_separate_baseline(R"(
interventions:
  - {type: capacity_change, name: triple-ggz, target: all, parameters: {providers: [ggz], capacity_factor: 3}}
)");
}

TEST_CASE("vs_baseline equals variant minus a separate baseline run: capacity_change that ends early") {
  check_vs_separate_baseline(R"(
interventions:
  - {type: capacity_change, name: triple-ggz, start_week: 50, end_week: 90, target: all,
     parameters: {providers: [ggz], capacity_factor: 3}}
)");
}
