// Built against wijksim_models_validating (WIJKSIM_VALIDATE=1): every step runs the full
// invariant check (households conserved, severities 1..5, metrics = recount, caches fresh).
#include <catch2/catch.hpp>

#include "metrics_tally.hpp"
#include "model_tables.hpp"
#include "validate.hpp"
#include "wijksim/models/synthetic.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

#ifndef WIJKSIM_VALIDATE
#error "test_validate must be compiled with WIJKSIM_VALIDATE"
#endif

TEST_CASE("a 10-year default-like run keeps every invariant (checked after each step)", "[validate]") {
  const CompiledScenario s = models::default_like_scenario(20000, 3);
  Simulation sim(s, RunOptions{.threads = 2});
  sim.initialise();
  while (sim.week() < 520) REQUIRE_NOTHROW(sim.step());
  CHECK(sim.metrics().all.households == 20000);
}

TEST_CASE("an open population keeps every invariant (departures, newcomers)", "[validate][issue14]") {
  // Issue 14: households leave (leaves_city) and newcomers move in; the tallies, caches and
  // flags of the replaced households are checked after every step like any other.
  CompiledScenario s = models::default_like_scenario(5000, 3);
  CompiledLifeEvent leave;
  leave.name = "moves_out";
  leave.weekly_rate = 0.01;
  leave.leaves_city = true;
  s.events.push_back(leave);
  Simulation sim(s, RunOptions{.threads = 2});
  sim.initialise();
  uint64_t departures = 0;
  while (sim.week() < 104) {
    REQUIRE_NOTHROW(sim.step());
    departures += sim.metrics().all.departures;
  }
  CHECK(departures > 4000);  // 5,000 x 104 x 0.01 = 5,200 expected
  CHECK(sim.metrics().all.households == 5000);
}

TEST_CASE("the invariant check catches broken states", "[validate]") {
  const CompiledScenario s = models::default_like_scenario(2000, 3);
  Simulation sim(s, RunOptions{.threads = 1});
  sim.initialise();
  sim.step();
  const models::ModelTables t = models::ModelTables::build(s);
  const models::MetricsLayout L(s.n_domains, static_cast<int>(s.events.size()), static_cast<int>(s.wijken.size()));
  std::vector<uint64_t> per_wijk;
  for (const auto& w : s.wijken) per_wijk.push_back(w.households);
  SimState st = sim.state();
  std::vector<int64_t> totals = models::recount(L, st);
  REQUIRE_NOTHROW(models::validate_state(t, L, st, totals, per_wijk, 1));

  SimState bad_severity = st;
  bad_severity.severity[5] = 6;
  CHECK_THROWS_AS(models::validate_state(t, L, bad_severity, totals, per_wijk, 1), std::logic_error);

  std::vector<int64_t> bad_totals = totals;
  bad_totals[L.multi()] += 1;
  CHECK_THROWS_WITH(models::validate_state(t, L, st, bad_totals, per_wijk, 1), Catch::Contains("recount"));

  SimState stale = st;
  stale.quiet_threshold[3] ^= 1;
  CHECK_THROWS_WITH(models::validate_state(t, L, stale, totals, per_wijk, 1), Catch::Contains("quiet_threshold"));

  std::vector<uint64_t> wrong_count = per_wijk;
  wrong_count[0] += 1;
  CHECK_THROWS_WITH(models::validate_state(t, L, st, totals, wrong_count, 1), Catch::Contains("household count"));
}
