// Life events and debt growth against their specification.
#include <catch2/catch.hpp>

#include <cmath>

#include "wijksim/models/synthetic.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"
#include "frozen_city.hpp"

using namespace wijksim;

namespace {

}  // namespace

TEST_CASE("an event with weekly rate r hits r * n * weeks households (4 SE)", "[events][statistical]") {
  const uint64_t n = 50000;
  const uint32_t weeks = 20;
  const double r = 0.01;
  CompiledScenario s = frozen(n, 3);
  CompiledLifeEvent e;
  e.name = "illness";
  e.weekly_rate = r;
  e.severity_delta = {{0, -1}};
  s.events = {e};

  uint64_t hits = 0;
  run_simulation(s, RunOptions{.threads = 2}, weeks, [&](const Simulation& sim) {
    if (sim.week() > 0) hits += sim.metrics().all.events[0];
  });
  // Binomial(n * weeks, r): the rate does not depend on state (eligibility "all").
  const double expected = r * n * weeks;
  const double se = std::sqrt(n * weeks * r * (1 - r));
  INFO("hits " << hits << " expected " << expected << " (4 SE " << 4 * se << ")");
  CHECK(std::abs(double(hits) - expected) <= 4 * se);
}

TEST_CASE("event effects: severity clamped, income, debt, work status, composition", "[events]") {
  CompiledScenario s = frozen(4000, 1);
  CompiledLifeEvent e;
  e.name = "divorce";
  e.eligibility = EventEligibility::couples;
  e.weekly_rate = 1.0;  // every couple, in the first week
  e.severity_delta = {{0, -2}};
  e.income_factor = 0.5;
  e.debt_add = 1000;
  e.creditors_add = 2;
  e.set_work_status = static_cast<int>(WorkStatus::unemployed);
  e.adults_delta = -1;
  e.becomes_single_parent_if_children = true;
  s.events = {e};
  Simulation sim(s, RunOptions{.threads = 1});
  sim.initialise();
  const SimState before = sim.state();
  sim.step();
  const SimState& after = sim.state();
  uint64_t couples = 0;
  for (uint64_t h = 0; h < before.n_households; ++h) {
    if (before.adults[h] < 2) {
      REQUIRE(after.income[h] == before.income[h]);
      continue;
    }
    ++couples;
    REQUIRE(after.severity[h] == 1);  // 1 - 2 clamped to 1
    REQUIRE(after.income[h] == static_cast<uint32_t>(std::floor(before.income[h] * 0.5 + 0.5)));
    REQUIRE(after.debt[h] == before.debt[h] + 1000);
    REQUIRE(after.creditors[h] == before.creditors[h] + 2);
    REQUIRE(after.work_status[h] == static_cast<uint8_t>(WorkStatus::unemployed));
    REQUIRE(after.adults[h] == before.adults[h] - 1);
    REQUIRE(((after.flags[h] & kFlagSingleParent) != 0) == (after.children[h] > 0));
  }
  CHECK(couples > 1000);
  CHECK(sim.metrics().all.events[0] == couples);
}

TEST_CASE("debt grows by rate and arrears in whole euros, capped, only while eligible", "[debt]") {
  const uint64_t n = 3000;
  CompiledScenario s = frozen(n, 2);  // finances <= grows_at_or_below for everyone
  s.debt.enabled = true;
  s.debt.finances_domain = 0;
  s.debt.grows_at_or_below = 2;
  s.debt.low_income_threshold = 3000;  // splits the population by income
  s.debt.weekly_growth_rate = 0.01;
  s.debt.weekly_arrears = 25;
  s.debt.max_debt = 30000;
  s.debt.initial_mean_if_problem = 20000;
  s.debt.initial_creditors_mean = 5;
  s.income.other_mean = 3000;

  Simulation sim(s, RunOptions{.threads = 2});
  sim.initialise();
  std::vector<int64_t> expect(sim.state().debt.begin(), sim.state().debt.end());
  const std::vector<uint32_t> income(sim.state().income.begin(), sim.state().income.end());
  uint64_t growing = 0, capped = 0;
  for (int week = 1; week <= 60; ++week) {
    sim.step();
    int64_t total = 0;
    for (uint64_t h = 0; h < n; ++h) {
      if (income[h] < 3000 && expect[h] < 30000)
        expect[h] = std::min<int64_t>(expect[h] + static_cast<int64_t>(std::floor(expect[h] * 0.01 + 0.5)) + 25, 30000);
      REQUIRE(sim.state().debt[h] == expect[h]);
      total += expect[h];
    }
    REQUIRE(sim.metrics().all.total_debt == total);
  }
  for (uint64_t h = 0; h < n; ++h) {
    growing += income[h] < 3000;
    capped += expect[h] == 30000;
  }
  CHECK(growing > n / 4);          // both branches are exercised
  CHECK(growing < n);
  CHECK(capped > 0);
}

// debt.finances_ceiling_in_debt: in debt (debt > 0 here: no arrears start, the low-income
// threshold is 0), finances does not improve at or above the ceiling. A frozen city at
// finances 2, all in debt, improving 2 -> 3 with r2 and 3 -> 4 with r3, and a debt_ends
// event (rate q, in_debt, clear_debt). The exact law, week by week on the start-of-week
// state: the event and the improvement are independent channels; the ceiling reads the
// start-of-week debt, so a household whose debt ends this week improves from next week.
namespace {

struct CeilingCity {
  uint64_t n;
  double r2, r3, q;
  int ceiling;
};

CompiledScenario ceiling_city(const CeilingCity& c) {
  CompiledScenario s = frozen(c.n, 2);
  s.rates[0].improve = {0, c.r2, c.r3, 0, 0};
  s.debt.enabled = true;
  s.debt.finances_domain = 0;
  s.debt.low_income_threshold = 0;  // no arrears start: in debt iff debt > 0
  s.debt.initial_mean_if_problem = 20000;
  s.debt.finances_ceiling_in_debt = c.ceiling;
  if (c.q > 0) {
    CompiledLifeEvent e;
    e.name = "debt_ends";
    e.eligibility = EventEligibility::in_debt;
    e.weekly_rate = c.q;
    e.clear_debt = true;
    s.events = {e};
  }
  return s;
}

// P(finances = 4 after `weeks`) for a household starting at 2 in debt (d) or not.
double p_level4(const CeilingCity& c, bool in_debt, int weeks) {
  double p[2][6] = {};  // [debt][severity]
  p[in_debt ? 1 : 0][2] = 1.0;
  const double r[6] = {0, 0, c.r2, c.r3, 0, 0};
  for (int w = 0; w < weeks; ++w) {
    double next[2][6] = {};
    for (int d = 0; d < 2; ++d)
      for (int v = 2; v <= 4; ++v) {
        const double e = d ? c.q : 0.0;
        const double up = d && v >= c.ceiling ? 0.0 : r[v];
        for (int fired_e = 0; fired_e < 2; ++fired_e)
          for (int fired_up = 0; fired_up < 2; ++fired_up) {
            const double pr = (fired_e ? e : 1 - e) * (fired_up ? up : 1 - up);
            next[d && !fired_e][v + fired_up] += p[d][v] * pr;
          }
      }
    std::copy(&next[0][0], &next[0][0] + 12, &p[0][0]);
  }
  return p[0][4] + p[1][4];
}

}  // namespace

TEST_CASE("finances ceiling in debt: no household in debt climbs above it, the exact law with debt exits",
          "[debt][statistical][issue14]") {
  const int weeks = 40;
  SECTION("without exits, no household in debt ever reaches finances 4") {
    const CeilingCity c{20000, 0.05, 0.04, 0.0, 3};
    Simulation sim(ceiling_city(c), RunOptions{.threads = 2});
    sim.initialise();
    uint64_t at3 = 0;
    for (int w = 1; w <= weeks; ++w) {
      sim.step();
      const SimState& st = sim.state();
      for (uint64_t h = 0; h < c.n; ++h) REQUIRE((st.debt[h] == 0 || st.severity[h] <= 3));
    }
    for (uint64_t h = 0; h < c.n; ++h) at3 += sim.state().debt[h] > 0 && sim.state().severity[h] == 3;
    CHECK(at3 > c.n / 2);  // the ceiling binds for most of the city
  }
  for (const int ceiling : {3, 5}) {
    DYNAMIC_SECTION("with debt exits, ceiling " << ceiling << ": finances 4 after 40 weeks against the exact chain") {
      const CeilingCity c{20000, 0.05, 0.04, 0.02, ceiling};
      Simulation sim(ceiling_city(c), RunOptions{.threads = 2});
      sim.initialise();
      double expected = 0, var = 0;
      for (uint64_t h = 0; h < c.n; ++h) {
        const double p = p_level4(c, sim.state().debt[h] > 0, weeks);
        expected += p;
        var += p * (1 - p);
      }
      for (int w = 1; w <= weeks; ++w) sim.step();
      uint64_t at4 = 0;
      for (uint64_t h = 0; h < c.n; ++h) at4 += sim.state().severity[h] == 4;
      INFO("ceiling " << ceiling << ": at finances 4 " << at4 << ", exact " << expected << " (4 SE " << 4 * std::sqrt(var) << ")");
      CHECK(std::abs(static_cast<double>(at4) - expected) <= 4 * std::sqrt(var));
    }
  }
}
