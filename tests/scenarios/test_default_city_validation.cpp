// Validation of the embedded default city against published Dutch figures and against its
// own week 0 (stationarity of the baseline). These are VALIDATION figures, not statistical
// tests on sampling noise: the bands say how far a plausible city may sit from a national
// survey figure, or how much a baseline may drift in ten years before a municipal
// strategist would read a trend into it. With 50,000 households the sampling sd of a share
// near 10% is sqrt(0.1 x 0.9 / 50,000) = 0.13 percentage points, far inside every band, so
// the bands below are about the model, not about the seed.
//
// The rates that make this pass come from scenarios/tools/calibrate_default.py (3 seeds,
// measured deviation <= 8% relative per domain); the seed is the file's. ~1-2 s at 2 threads.
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"

namespace {

struct Snapshot {
  std::vector<double> share_le2;  // per domain: share of households at severity <= 2
  double multi_problem = 0;
  double households_in_debt = 0;
};

Snapshot snapshot(const wijksim::WeekMetrics& m, std::size_t n_domains) {
  Snapshot s;
  const double n = static_cast<double>(m.all.households);
  for (std::size_t d = 0; d < n_domains; ++d)
    s.share_le2.push_back(static_cast<double>(m.all.severity_count[d * 5] + m.all.severity_count[d * 5 + 1]) / n);
  s.multi_problem = static_cast<double>(m.all.multi_problem);
  s.households_in_debt = static_cast<double>(m.all.households_in_debt);
  return s;
}

std::size_t domain_index(const wijksim::CompiledScenario& c, const std::string& name) {
  for (std::size_t d = 0; d < c.domain_names.size(); ++d)
    if (c.domain_names[d] == name) return d;
  FAIL("default city has no domain " << name);
  return 0;
}

}  // namespace

TEST_CASE("default city: published prevalences at week 0 and 520, stationary baseline", "[scenarios][validation]") {
  const auto compiled = wijksim::scenarios::compile(wijksim::scenarios::load_default_scenario().spec);
  REQUIRE(compiled.weeks == 520);
  wijksim::Simulation sim(compiled, {.threads = 2});
  sim.initialise();
  const std::size_t nd = compiled.domain_names.size();
  const Snapshot start = snapshot(sim.metrics(), nd);
  while (sim.week() < 520) sim.step();
  const Snapshot end = snapshot(sim.metrics(), nd);

  const std::size_t fin = domain_index(compiled, "finances");
  const std::size_t mental = domain_index(compiled, "mental_health");
  const std::size_t social = domain_index(compiled, "social_network");
  for (const Snapshot* s : {&start, &end}) {
    INFO((s == &start ? "week 0" : "week 520"));
    // CBS registered problematic debt 7.6-8.3% of households (DOMAIN-FIGURES.md §2.1),
    // widened to 6.5-10%: ZRM finances <= 2 ("increasing debts" or worse) is not the same
    // population as CBS's registered debts, which lag real problems by years.
    CHECK(s->share_le2[fin] >= 0.065);
    CHECK(s->share_le2[fin] <= 0.10);
    // NEMESIS-2: 18% any mental disorder in 12 months, RIVM 10% at high risk of anxiety or
    // depression (§5.3). ZRM mental_health <= 2 is the more severe part, so 8-20%.
    CHECK(s->share_le2[mental] >= 0.08);
    CHECK(s->share_le2[mental] <= 0.20);
    // 14.2% of adults strongly lonely, GGD regions 10.8-21.2% (§5.3): 10-19%.
    CHECK(s->share_le2[social] >= 0.10);
    CHECK(s->share_le2[social] <= 0.19);
  }

  // Stationarity: a baseline without policy should not trend. The uncalibrated model went
  // finances 8.1% -> 13.7% and work_education 7.1% -> 15.5% in ten years (+70%, +118%);
  // +-15% relative is a drift a strategist would not read as a trend over ten years.
  for (std::size_t d = 0; d < nd; ++d) {
    INFO("domain " << compiled.domain_names[d] << ": week 0 " << start.share_le2[d] << ", week 520 "
                   << end.share_le2[d]);
    CHECK(end.share_le2[d] >= 0.85 * start.share_le2[d]);
    CHECK(end.share_le2[d] <= 1.15 * start.share_le2[d]);
  }
  // Multi-problem households (>= 3 domains at <= 2): +-20%. With independent initial draws
  // (given income) they rose +25% (2,358 -> 2,952) with every marginal flat, because coupling
  // and multi-domain life events correlate domains; population.problem_correlation 0.05 (a
  // Gaussian copula that keeps the marginals) starts them correlated: measured 2,949 -> 2,918
  // (-1%) (helper L).
  INFO("multi-problem: week 0 " << start.multi_problem << ", week 520 " << end.multi_problem);
  CHECK(end.multi_problem >= 0.80 * start.multi_problem);
  CHECK(end.multi_problem <= 1.20 * start.multi_problem);
  // Households with debt > 0 (the model clears debt only through debt_restructuring, so
  // this stock can only grow in a baseline): it went x4.1 in ten years before calibration
  // (turning_18 arrears); measured now x1.31. At most +50%: it must not triple.
  INFO("households in debt: week 0 " << start.households_in_debt << ", week 520 " << end.households_in_debt);
  CHECK(end.households_in_debt <= 1.5 * start.households_in_debt);
}
