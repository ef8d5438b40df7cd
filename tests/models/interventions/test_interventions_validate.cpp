// Programme scenarios with interventions, run against the validating models library
// (WIJKSIM_VALIDATE=1: Simulation::step() also runs the engine's own invariant checks
// and throws std::logic_error on a broken one). On top, every week this test checks
// what interventions could break: households conserved (one ZRM level per domain each),
// care accounted for, no provider above the capacity in force (capacity_change and the
// network rebuilds included), no budget exceeded (spent + committed <= budget), and the
// ledger: per-financier rows add up to the all-financier row, in the week and in the
// totals, and the intervention category equals what the interventions' counters spent.
#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

#include "wijksim/models/interventions/state.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

namespace {

constexpr int kHouseholdsPerWijk = 1000;  // a fifth of the default city, 10 wijken
constexpr int kWeeks = 104;

CompiledScenario programme(const std::string& file, std::vector<scenarios::Override> overrides) {
  overrides.push_back({"weeks", std::to_string(kWeeks)});
  for (int w = 0; w < 10; ++w)
    overrides.push_back({"population.wijken[" + std::to_string(w) + "].households", std::to_string(kHouseholdsPerWijk)});
  const auto path = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/programmes/" + file;
  return scenarios::compile(scenarios::load_scenario_file(path, overrides).spec);
}

void check_ledger_sums(const costs::CostLedger& l) {
  for (int c = 0; c < costs::kCategoryCount; ++c) {
    int64_t week = 0, total = 0;
    for (int f = 0; f < costs::kFinancierCount; ++f) {
      week += l.week[f][c];
      total += l.total[f][c];
    }
    INFO("category " << costs::kCategoryNames[c]);
    REQUIRE(week == l.week_all[c]);
    REQUIRE(total == l.total_all[c]);
  }
}

struct Seen {
  uint64_t enrolled = 0, refused_budget = 0, admissions = 0;
};

Seen run_checked(const CompiledScenario& sc) {
  Simulation sim(sc, RunOptions{.threads = 2});
  sim.initialise();
  Seen seen;
  int64_t spent_before = 0;
  while (sim.week() < sc.weeks) {
    sim.step();  // throws from the WIJKSIM_VALIDATE checks on a broken invariant
    INFO("week " << sim.week());
    const auto& m = sim.metrics();
    REQUIRE(m.all.households == sc.total_households());
    for (int d = 0; d < sc.n_domains; ++d) {
      uint64_t at_some_level = 0;
      for (int s = 0; s < kSeverityLevels; ++s) at_some_level += m.all.severity_count[d * kSeverityLevels + s];
      REQUIRE(at_some_level == m.all.households);
    }
    REQUIRE(m.care[0] + m.care[1] + m.care[2] + m.care[3] == m.all.households);
    // Care: the queues and services of the providers are the metrics' waiting / in service.
    const auto& ps = sim.providers();
    std::array<uint64_t, 4> care{m.care[0], 0, 0, m.care[3]};
    for (size_t p = 0; p < ps.week_counters.size(); ++p) {
      const auto& wc = ps.week_counters[p];
      INFO("provider " << sc.network.providers[p].name << " capacity " << ps.capacity[p]);
      REQUIRE(wc.in_service <= static_cast<uint32_t>(ps.capacity[p]));
      care[1] += wc.queue_length;
      care[2] += wc.in_service;
      seen.admissions += wc.admissions;
    }
    REQUIRE(care == m.care);

    const auto& iv = sim.interventions();
    int64_t spent = 0;
    for (size_t i = 0; i < sc.interventions.size(); ++i) {
      const auto& k = iv.counters[i];
      INFO("intervention " << sc.interventions[i].name);
      REQUIRE(k.committed_cents >= 0);
      if (sc.interventions[i].budget_cents >= 0) REQUIRE(k.spent_cents + k.committed_cents <= sc.interventions[i].budget_cents);
      spent += k.spent_cents;
    }
    check_ledger_sums(iv.ledger);
    REQUIRE(iv.ledger.week_all[costs::intervention] == spent - spent_before);
    spent_before = spent;
  }
  for (const auto& k : sim.interventions().counters) {
    seen.enrolled += k.enrolled;
    seen.refused_budget += k.refused_budget;
  }
  return seen;
}

}  // namespace

// Budgets are cut to the smaller city so that the caps really bind in two years.
TEST_CASE("programme scenarios under WIJKSIM_VALIDATE: people, care, capacity, budgets and ledger hold every week",
          "[interventions][validate]") {
  SECTION("leiden-debt-to-no-debt (debt_restructuring: settlements, repayments)") {
    const auto sc = programme("leiden-debt-to-no-debt.yaml",
                              {{"interventions[0].budget", "20000"}, {"interventions[0].parameters.weekly_uptake", "0.05"}});
    const Seen s = run_checked(sc);
    CHECK(s.enrolled > 0);
    CHECK(s.refused_budget > 0);  // the cap bound
  }
  SECTION("leiden-sleutelteam (outreach with a budget, case_manager_continuity rebuilding the network)") {
    const auto sc = programme("leiden-sleutelteam.yaml", {{"interventions[0].budget", "15000"}});
    const Seen s = run_checked(sc);
    CHECK(s.enrolled > 0);
    CHECK(s.refused_budget > 0);
    CHECK(s.admissions > 100);
  }
  SECTION("lelystad-compact-wijkteams (outreach, social_prescribing, pooled_budget)") {
    const Seen s = run_checked(programme("lelystad-compact-wijkteams.yaml", {}));
    CHECK(s.enrolled > 0);
    CHECK(s.admissions > 100);
  }
}
