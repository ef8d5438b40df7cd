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
    store.record_run(k, {{}, {{"y", ishigami(x[0], x[1], x[2])}}, 0});
  }
  const SensitivityResult r = sensitivity(store, "y", "", {}, {.bootstrap_resamples = 300, .level = 0.95, .seed = 1});
  const auto exact = ishigami_analytic();
  REQUIRE(r.parameters == std::vector<std::string>{"x1", "x2", "x3"});
  for (size_t i = 0; i < 3; ++i) {
    INFO("x" << i + 1);
    CHECK(r.indices.first_low[i] <= exact.first[i]);
    CHECK(exact.first[i] <= r.indices.first_high[i]);
    CHECK(r.indices.total_low[i] <= exact.total[i]);
    CHECK(exact.total[i] <= r.indices.total_high[i]);
  }
  std::ostringstream table;
  print_sensitivity_table(table, r, "y");
  CHECK(table.str().find("x3") != std::string::npos);
}

TEST_CASE("compare: paired differences per variant and metric; unknown names are store errors", "[analysis]") {
  const auto rec = testing::fake_experiment(4);
  ResultStore store(fresh_db("compare.sqlite"), OpenMode::create, &rec);
  for (const auto& k : store.runs(true)) store.record_run(k, testing::fake_run(k, 3));
  // fake_run: total_debt = 2.5 * (100 v + 10 p + r), so the paired difference is exactly 250.
  const auto rows = compare_variants(store, "baseline", {"total_debt"});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].variant == "more_capacity");
  CHECK(rows[0].difference.n == 20);
  CHECK(rows[0].difference.mean_difference == Approx(250.0));
  CHECK(rows[0].difference.ci_low == Approx(250.0));
  const auto at_week = compare_variants(store, "more_capacity", {"households"}, 2u);
  REQUIRE(at_week.size() == 1);
  CHECK(at_week[0].variant == "baseline");
  CHECK_THROWS_WITH(compare_variants(store, "nope", {}), Catch::Contains("no variant 'nope'"));
  CHECK_THROWS_WITH(compare_variants(store, "baseline", {"debt"}), Catch::Contains("available: multi_problem, total_debt"));
  CHECK_THROWS_WITH(sensitivity(store, "total_debt"), Catch::Contains("design: sobol"));
  std::ostringstream csv;
  write_comparison_csv(csv, rows, "baseline");
  CHECK(csv.str().rfind("variant,baseline,metric,n,", 0) == 0);
}
