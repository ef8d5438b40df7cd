// compare and sensitivity on a store filled with known outputs.
#include <catch2/catch.hpp>

#include <numbers>
#include <sstream>

#include "fake_runs.hpp"
#include "wijksim/experiments/analysis.hpp"
#include "wijksim/experiments/sensitivity.hpp"

using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;

TEST_CASE("sensitivity: the engine's code on Ishigami outputs stored as runs recovers the analytic indices",
          "[analysis][sobol]") {
  const double pi = std::numbers::pi;
  ExperimentRecord rec;
  rec.name = "ishigami";
  rec.resolved_text = "ishigami";
  rec.replications = 1;
  rec.variants = {{"only", ""}};
  std::vector<SweepParameter> params;
  for (const char* name : {"x1", "x2", "x3"}) params.push_back({name, {}, -pi, pi, false, 0});
  rec.design = make_design(DesignKind::sobol, params, 2048, 1);
  ResultStore store(fresh_db("ishigami.sqlite"), OpenMode::create, &rec);
  for (const auto& k : store.runs(true)) {
    const auto& x = rec.design.points[k.point];
    const double y = ishigami(x[0], x[1], x[2]);
    RunOutput out;
    out.summaries = {{"y", y}, {"y_plus_1000", y + 1000}};
    store.record_run(k, out);
  }
  const SobolOptions options{.bootstrap_resamples = 300, .level = 0.95, .seed = 1};
  const SensitivityResult r = sensitivity(store, "y", "", {}, options);
  const auto exact = ishigami_analytic();
  REQUIRE(r.kind == DesignKind::sobol);
  REQUIRE(r.parameters == std::vector<std::string>{"x1", "x2", "x3"});
  // The outputs shifted by 1000 read from the store give the same indices (centred).
  const SensitivityResult shifted = sensitivity(store, "y_plus_1000", "", {}, options);
  for (size_t i = 0; i < 3; ++i) {
    INFO("x" << i + 1);
    CHECK(r.indices.first_low[i] <= exact.first[i]);
    CHECK(exact.first[i] <= r.indices.first_high[i]);
    CHECK(r.indices.total_low[i] <= exact.total[i]);
    CHECK(exact.total[i] <= r.indices.total_high[i]);
    CHECK(shifted.indices.first[i] == Approx(r.indices.first[i]).margin(1e-9));
    CHECK(shifted.indices.first_high[i] == Approx(r.indices.first_high[i]).margin(1e-9));
  }
  CHECK(r.warnings.empty());  // N = 2048: every interval narrower than 0.2
  CHECK(shifted.warnings.empty());
  std::ostringstream table;
  print_sensitivity_table(table, r, "y");
  CHECK(table.str().find("x3") != std::string::npos);
  CHECK(table.str().find("Saltelli 2010 on centred outputs") != std::string::npos);
}

TEST_CASE("compare: paired differences per variant and metric, unknown names are store errors", "[analysis]") {
  const auto rec = testing::fake_experiment(4);
  ResultStore store(fresh_db("compare.sqlite"), OpenMode::create, &rec);
  for (const auto& k : store.runs(true)) store.record_run(k, testing::fake_run(k, 3));
  // fake_run: total_debt = 2.5 * (100 v + 10 p + r), so the paired difference is exactly 250.
  const auto rows = compare(store, {.baseline = "baseline", .metrics = {"total_debt"}, .pool = true}).cells;
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at.variant == "more_capacity");
  CHECK(rows[0].difference.n == 20);
  CHECK(rows[0].difference.mean_difference == Approx(250.0));
  CHECK(rows[0].difference.ci_low == Approx(250.0));
  const auto at_week = compare(store, {.baseline = "more_capacity", .metrics = {"households"}, .week = 2u, .pool = true}).cells;
  REQUIRE(at_week.size() == 1);
  CHECK(at_week[0].at.variant == "baseline");
  CHECK_THROWS_WITH(compare(store, {.baseline = "nope"}), Catch::Contains("no variant 'nope'"));
  CHECK_THROWS_WITH(compare(store, {.baseline = "baseline", .metrics = {"debt"}}), Catch::Contains("available: multi_problem, total_debt"));
  CHECK_THROWS_WITH(sensitivity(store, "total_debt"), Catch::Contains("design: sobol"));

  // Per sweep point (the default): one cell per point, its parameter values, n = replications.
  const Comparison per_point = compare(store, {.metrics = {"total_debt"}});
  REQUIRE(per_point.cells.size() == rec.design.points.size());
  for (size_t p = 0; p < per_point.cells.size(); ++p) {
    const auto& c = per_point.cells[p];
    CHECK(c.at.point == static_cast<int64_t>(p));
    CHECK(c.at.point_values == rec.design.points[p]);
    CHECK(c.difference.n == 4);
    // baseline mean over r = 0..3 of 2.5 (10 p + r): 25 p + 3.75.
    CHECK(c.difference.mean_baseline == Approx(25.0 * static_cast<double>(p) + 3.75));
    CHECK(c.relative_difference == Approx(250.0 / (25.0 * static_cast<double>(p) + 3.75)));
    CHECK(c.unit == "EUR");
  }
  CHECK_FALSE(per_point.frame.partial());
  std::ostringstream csv, printed;
  write_comparison_csv(csv, per_point);
  CHECK(csv.str().rfind("variant,baseline,point,dynamics.network_improvement,providers.credit_bank.capacity,area,"
                        "metric,unit,week,year,n,replications,baseline_mean,mean,difference,",
                        0) == 0);
  print_comparison(printed, per_point);
  CHECK(printed.str().find("more_capacity vs baseline, point 0 (dynamics.network_improvement = ") != std::string::npos);
  CHECK_THROWS_WITH(compare(store, {.area = "noord"}), Catch::Contains("needs a week or a year"));
  CHECK_THROWS_WITH(compare(store, {.per_year = true}), Catch::Contains("no yearly values"));
}

TEST_CASE("compare: a partial store uses the pairs whose two runs are done and says how many", "[analysis]") {
  const auto rec = testing::fake_experiment(4);
  ResultStore store(fresh_db("compare-partial.sqlite"), OpenMode::create, &rec);
  // Every baseline run; of the variant only replications 0 and 1 at point 0 and 0..2 at point 3.
  size_t done = 0;
  for (const auto& k : store.runs(true))
    if (k.variant == 0 || (k.point == 0 && k.replication < 2) || (k.point == 3 && k.replication < 3)) {
      store.record_run(k, testing::fake_run(k, 3));
      ++done;
    }
  const Comparison c = compare(store, {.metrics = {"total_debt"}});
  CHECK(c.frame.partial());
  CHECK(c.frame.runs_done == done);
  CHECK(c.frame.runs_total == 2 * 5 * 4);
  const std::vector<size_t> expected_n{2, 0, 0, 3, 0};
  REQUIRE(c.cells.size() == 5);
  for (size_t p = 0; p < 5; ++p) {
    CHECK(c.cells[p].difference.n == expected_n[p]);
    CHECK(c.cells[p].at.pairs_expected == 4);
  }
  CHECK(c.cells[0].difference.mean_difference == Approx(250.0));
  const Comparison pooled = compare(store, {.metrics = {"total_debt"}, .pool = true});
  REQUIRE(pooled.cells.size() == 1);
  CHECK(pooled.cells[0].difference.n == 5);
  CHECK(pooled.cells[0].at.pairs_expected == 20);
  std::ostringstream printed;
  print_comparison(printed, c);
  CHECK(printed.str().find("PARTIAL") != std::string::npos);
  CHECK(printed.str().find("2/4") != std::string::npos);
  CHECK(printed.str().find("(no pairs yet)") != std::string::npos);
}
