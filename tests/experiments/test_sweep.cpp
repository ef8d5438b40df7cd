// The sweep runner on the real simulation: common random numbers, thread invariance, and
// the CI-sized 200-run sweep of a 10,000-household city.
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>

#include "fake_runs.hpp"
#include "wijksim/experiments/statistics.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/bench.hpp"
#include "wijksim/models/synthetic.hpp"
#include "wijksim/scenarios/load.hpp"

using namespace wijksim;
using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;

namespace {
// variants x LHS points over network_improvement; scenarios built in code (the experiment
// YAML parser is tested separately).
struct Setup {
  ExperimentRecord record;
  SweepPlan plan;
};

Setup make_setup(uint64_t households, uint32_t weeks, uint32_t points, uint32_t reps, OutputSpec outputs = {}) {
  Setup s;
  CompiledScenario base = models::default_like_scenario(households, 1);
  base.weeks = weeks;
  s.record.name = "sweep-test";
  s.record.seed = 2024;
  s.record.replications = reps;
  s.record.variants = {{"baseline", ""}, {"strong_network", "dynamics.network_improvement: +0.6"}};
  s.record.design = make_design(points > 1 ? DesignKind::latin_hypercube : DesignKind::none,
                                points > 1 ? std::vector<SweepParameter>{{"debt.weekly_arrears", {}, 10, 40, false, 0}}
                                           : std::vector<SweepParameter>{},
                                points, s.record.seed);
  s.record.resolved_text = "sweep-test " + std::to_string(households) + " " + std::to_string(points);
  s.plan.n_points = static_cast<uint32_t>(s.record.design.points.size());
  s.plan.outputs = outputs;
  for (uint32_t v = 0; v < 2; ++v)
    for (const auto& p : s.record.design.points) {
      CompiledScenario c = base;
      if (v == 1) c.network_improvement += 0.6;
      if (!p.empty()) c.debt.weekly_arrears = p[0];
      s.plan.scenarios.push_back(c);
    }
  return s;
}

std::vector<double> values_of(const std::vector<RunValue>& all, uint32_t variant) {
  std::vector<double> v;
  for (const auto& r : all)
    if (r.key.variant == variant) v.push_back(r.value);
  return v;
}
}  // namespace

TEST_CASE("sweep: identical store content with 1 and 2 threads", "[sweep]") {
  const Setup s = make_setup(2000, 10, 3, 2, {{}, 5, true});
  std::string dumps[2];
  for (int t : {1, 2}) {
    ResultStore store(fresh_db("threads" + std::to_string(t) + ".sqlite"), OpenMode::create, &s.record);
    CHECK(run_sweep(s.plan, store, t) == 12);
    dumps[t - 1] = store.dump();
  }
  CHECK(dumps[0] == dumps[1]);
  CHECK(dumps[0].find(",all,") != std::string::npos);
  CHECK(dumps[0].find(",problems.finances,") != std::string::npos);
}

TEST_CASE("sweep: an unknown metric fails before any run", "[sweep]") {
  const Setup s = make_setup(100, 2, 1, 1, {{"multi_problems"}, 1, false});
  ResultStore store(fresh_db("badmetric.sqlite"), OpenMode::create, &s.record);
  CHECK_THROWS_WITH(run_sweep(s.plan, store, 1), Catch::Contains("unknown metric 'multi_problems'"));
  CHECK(store.count_runs(true) == 0);
}

TEST_CASE("common random numbers give a narrower paired-difference interval than independent seeds",
          "[sweep][statistical]") {
  // Default-like city, 3000 households, 26 weeks, 30 replications; metric: mean number of
  // multi-problem households over the weeks. Independent seeds: the variant's replication
  // r is paired with the baseline's replication r + 1000 (different streams).
  const uint32_t reps = 30;
  const Setup s = make_setup(3000, 26, 1, reps);
  ResultStore store(fresh_db("crn.sqlite"), OpenMode::create, &s.record);
  run_sweep(s.plan, store, 2);
  const auto all = store.metric_values("multi_problem.mean");
  const auto baseline = values_of(all, 0), variant = values_of(all, 1);
  REQUIRE(baseline.size() == reps);
  const PairedDifference crn = paired_difference(variant, baseline);

  std::vector<double> independent;
  for (uint32_t r = 0; r < reps; ++r) {
    const RunKey k{0, 0, 0, r + 1000, s.record.seed};
    for (const auto& m : simulate_run(s.plan.scenarios[0], k, {}, 1).summaries)
      if (m.metric == "multi_problem.mean") independent.push_back(m.value);
  }
  const PairedDifference ind = paired_difference(variant, independent);
  const double w_crn = crn.ci_high - crn.ci_low, w_ind = ind.ci_high - ind.ci_low;
  std::cout << "CRN: difference " << crn.mean_difference << " 95% CI [" << crn.ci_low << ", " << crn.ci_high
            << "] width " << w_crn << "; independent seeds: " << ind.mean_difference << " [" << ind.ci_low << ", "
            << ind.ci_high << "] width " << w_ind << '\n';
  CHECK(w_crn < w_ind);
  CHECK(w_crn < 0.75 * w_ind);  // a clear gain, not noise
}

TEST_CASE("common random numbers on the real default city (scenarios/default.yaml, providers on)",
          "[sweep][statistical]") {
  // The embedded default city scaled to 10,000 households, 26 weeks, 20 replications; the
  // policy: stronger informal networks (dynamics.network_improvement + 0.6). CRN pairs the
  // variant's replication r with the baseline's replication r; the independent comparison
  // pairs it with baseline replication r + 1000 (other streams). Same statistic, same n.
  const uint32_t reps = 20;
  CompiledScenario base = scale_households(scenarios::compile(scenarios::load_default_scenario().spec), 10000);
  base.weeks = 26;
  REQUIRE(base.network.enabled());
  CompiledScenario policy = base;
  policy.network_improvement += 0.6;
  ExperimentRecord record;
  record.name = "crn-default-city";
  record.seed = 7;
  record.replications = reps;
  record.variants = {{"baseline", ""}, {"strong_network", "dynamics.network_improvement: +0.6"}};
  record.design = make_design(DesignKind::none, {}, 1, record.seed);
  record.resolved_text = "crn-default-city";
  SweepPlan plan;
  plan.n_points = 1;
  plan.scenarios = {base, policy};
  ResultStore store(fresh_db("crn-default.sqlite"), OpenMode::create, &record);
  run_sweep(plan, store, 2);
  const auto all = store.metric_values("multi_problem.mean");
  const auto baseline = values_of(all, 0), variant = values_of(all, 1);
  REQUIRE(baseline.size() == reps);
  REQUIRE(variant.size() == reps);
  std::vector<double> independent;
  for (uint32_t r = 0; r < reps; ++r) {
    const RunKey k{0, 0, 0, r + 1000, record.seed};
    for (const auto& m : simulate_run(base, k, {}, 1).summaries)
      if (m.metric == "multi_problem.mean") independent.push_back(m.value);
  }
  const PairedDifference crn = paired_difference(variant, baseline);
  const PairedDifference ind = paired_difference(variant, independent);
  const double w_crn = crn.ci_high - crn.ci_low, w_ind = ind.ci_high - ind.ci_low;
  std::cout << "default city CRN: difference " << crn.mean_difference << " 95% CI [" << crn.ci_low << ", "
            << crn.ci_high << "] width " << w_crn << "; independent seeds: " << ind.mean_difference << " ["
            << ind.ci_low << ", " << ind.ci_high << "] width " << w_ind << '\n';
  CHECK(w_crn < 0.75 * w_ind);  // a clear gain, not noise
}

TEST_CASE("CI-sized sweep: 200 runs of a 10,000-household city on 2 threads", "[sweep][ci]") {
  // 2 variants x 10 Latin-hypercube points x 10 replications, 12 weeks, metrics every 4 weeks.
  const Setup s = make_setup(10000, 12, 10, 10, {{}, 4, false});
  ResultStore store(fresh_db("ci200.sqlite"), OpenMode::create, &s.record);
  const auto start = std::chrono::steady_clock::now();
  CHECK(run_sweep(s.plan, store, 2) == 200);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "200-run sweep, 10,000 households, 12 weeks, 2 threads: " << seconds << " s, "
            << 200.0 / seconds * 60.0 << " runs/min\n";
  CHECK(store.count_runs(true) == 200);
  CHECK(store.metric_values("households").size() == 200);
  CHECK(store.metric_values("households").front().value == 10000);
}
