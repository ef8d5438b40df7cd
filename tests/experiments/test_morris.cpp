// Morris elementary effects: the design (trajectories on the p-level grid), the effects
// (mu, mu*, sigma against analytic values) and `sensitivity` on a store of a morris sweep.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "fake_runs.hpp"
#include "wijksim/experiments/design.hpp"
#include "wijksim/experiments/sensitivity.hpp"
#include "wijksim/experiments/statistics.hpp"

using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;

namespace {
SweepParameter range(const char* name, double low, double high, bool integer = false) {
  return {name, {}, low, high, integer, 0};
}

// mu, mu*, sigma of f over a morris design of `r` trajectories.
template <class F>
MorrisEffects effects_of(const Design& design, uint64_t seed, F f) {
  std::vector<double> y;
  for (const auto& x : design.points) y.push_back(f(x));
  return morris_effects(y, morris_steps(design, seed), static_cast<uint32_t>(design.parameters.size()));
}
}  // namespace

TEST_CASE("morris trajectories: d + 1 grid points, each parameter steps once by +-Delta", "[design][morris]") {
  const uint32_t r = 400;
  const std::vector<int> levels{4, 4, 6, 2};
  const auto m = morris_unit(r, levels, 11);
  const uint32_t d = 4;
  REQUIRE(m.points.size() == r * (d + 1));
  REQUIRE(m.parameter.size() == r * d);
  // Grid level -> how many trajectories start (first) and end (last) there.
  std::vector<std::map<int, int>> first_count(d), last_count(d);
  for (uint32_t t = 0; t < r; ++t) {
    std::set<uint32_t> moved;
    for (uint32_t s = 0; s < d; ++s) {
      const auto& a = m.points[t * (d + 1) + s];
      const auto& b = m.points[t * (d + 1) + s + 1];
      const uint32_t k = m.parameter[t * d + s];
      moved.insert(k);
      const double delta = levels[k] / (2.0 * (levels[k] - 1));
      CHECK(std::abs(m.step[t * d + s]) == Approx(delta));
      CHECK(b[k] - a[k] == Approx(m.step[t * d + s]));
      for (uint32_t j = 0; j < d; ++j)
        if (j != k) CHECK(a[j] == b[j]);
    }
    CHECK(moved.size() == d);  // every parameter once per trajectory
    for (uint32_t s = 0; s <= d; ++s)
      for (uint32_t k = 0; k < d; ++k) {
        const double u = m.points[t * (d + 1) + s][k];
        REQUIRE(u >= 0.0);
        REQUIRE(u <= 1.0);
        const double level = u * (levels[k] - 1);
        CHECK(level == Approx(std::round(level)).margin(1e-12));  // on the grid
        const int l = static_cast<int>(std::round(level));
        if (s == 0) ++first_count[k][l];
        if (s == d) ++last_count[k][l];
      }
  }
  // Every grid level equally likely at the start and at the end of a trajectory: over r
  // independent trajectories a level's count is Binomial(r, 1/p); tolerance k = 4 sd.
  for (uint32_t k = 0; k < d; ++k)
    for (const auto* count : {&first_count[k], &last_count[k]}) {
      REQUIRE(count->size() == static_cast<size_t>(levels[k]));
      const double q = 1.0 / levels[k];
      for (const auto& [level, n] : *count) {
        INFO("parameter " << k << " level " << level);
        CHECK(n == Approx(r * q).margin(4 * std::sqrt(r * q * (1 - q))));
      }
    }
  CHECK(morris_unit(r, levels, 11).points == m.points);
  CHECK(morris_unit(r, levels, 12).points != m.points);
}

TEST_CASE("morris design: trajectory-major points, default 4 levels, ranges only", "[design][morris]") {
  const Design d = make_design(DesignKind::morris, {range("a", 10, 20), range("b", 0, 9, true)}, 5, 3);
  REQUIRE(d.points.size() == 5 * 3);
  CHECK(d.parameters[0].levels == kMorrisDefaultLevels);
  const auto m = morris_unit(5, {4, 4}, 3);
  for (size_t i = 0; i < d.points.size(); ++i) {
    CHECK(d.points[i][0] == Approx(10 + 10 * m.points[i][0]));
    CHECK(d.points[i][1] == std::round(9 * m.points[i][1]));
  }
  CHECK(std::string(to_string(DesignKind::morris)) == "morris");
  CHECK_THROWS_WITH(make_design(DesignKind::morris, {{"k", {1, 2, 3}, 0, 0, false, 0}}, 4, 1),
                    Catch::Contains("design morris needs a range"));
  SweepParameter odd = range("x", 0, 1);
  odd.levels = 3;
  CHECK_THROWS_WITH(make_design(DesignKind::morris, {odd}, 4, 1), Catch::Contains("even number of levels"));
  CHECK_THROWS_AS(make_design(DesignKind::morris, {range("x", 0, 1)}, 0, 1), std::invalid_argument);
  // The steps come back from the parameters and the seed, and another seed is refused.
  CHECK(morris_steps(d, 3).size() == 5 * 2);
  CHECK_THROWS_WITH(morris_steps(d, 4), Catch::Contains("is not the one its parameters and seed 4 give"));
}

TEST_CASE("Morris on a linear function with an inert parameter: exact effects per range", "[statistics][morris]") {
  // f = 3 x1 - 2 x2 + 0.5 x3 + 0 x4: the effect per full range is c_k (high - low) at every
  // point, so mu = that, mu* = |that| and sigma = 0; x4 is inert (0 exactly).
  const Design d = make_design(DesignKind::morris,
                               {range("x1", 0, 10), range("x2", -1, 1), range("x3", 5, 6), range("x4", 0, 100)}, 20, 7);
  const auto m = effects_of(d, 7, [](const std::vector<double>& x) { return 3 * x[0] - 2 * x[1] + 0.5 * x[2]; });
  REQUIRE(m.trajectories == 20);
  const double expected[] = {30, -4, 0.5, 0};
  for (int k = 0; k < 4; ++k) {
    INFO("x" << k + 1);
    CHECK(m.mu[k] == Approx(expected[k]).margin(1e-9));
    CHECK(m.mu_star[k] == Approx(std::abs(expected[k])).margin(1e-9));
    CHECK(m.sigma[k] == Approx(0).margin(1e-9));
  }
  CHECK(m.mu_star[3] == 0.0);
  CHECK(m.sigma[3] == 0.0);
  CHECK(morris_warnings(m).empty());
  const auto few = effects_of(make_design(DesignKind::morris, {range("x1", 0, 1)}, 5, 1), 1,
                              [](const std::vector<double>& x) { return x[0]; });
  REQUIRE(morris_warnings(few).size() == 1);
  CHECK(morris_warnings(few)[0].find("r = 5 trajectories is below 10") != std::string::npos);
  const auto flat = effects_of(d, 7, [](const std::vector<double>&) { return 4.0; });
  REQUIRE(morris_warnings(flat).size() == 1);
  CHECK(morris_warnings(flat)[0].find("does not change at any step") != std::string::npos);
}

TEST_CASE("Morris on an integer parameter: the effect divides by what the rounded value moved", "[statistics][morris]") {
  // Range [0, 10] rounded, p = 4: levels 0, 3, 7, 10, so a step moves 7 (not 6.67) of 10.
  const Design d = make_design(DesignKind::morris, {range("n", 0, 10, true)}, 12, 5);
  const auto m = effects_of(d, 5, [](const std::vector<double>& x) { return 2 * x[0]; });
  CHECK(m.mu[0] == Approx(20.0).margin(1e-12));
  CHECK(m.sigma[0] == Approx(0.0).margin(1e-12));
}

namespace {
// Saltelli & Sobol's g-function g(x) = prod_k (|4 x_k - 2| + a_k) / (1 + a_k), the usual
// screening test: the smaller a_k, the more x_k matters.
const std::vector<double> kG{0, 1, 4.5, 9, 99};
double g_function(const std::vector<double>& x) {
  double g = 1;
  for (size_t k = 0; k < kG.size(); ++k) g *= (std::abs(4 * x[k] - 2) + kG[k]) / (1 + kG[k]);
  return g;  // x[5], if any, is inert
}
// E[g_k(x)^n] with x uniform on the p = 4 grid {0, 1/3, 2/3, 1}: |4x - 2| is 2 or 2/3.
double g_moment(double a, int n) {
  return (std::pow((2 + a) / (1 + a), n) + std::pow((2.0 / 3 + a) / (1 + a), n)) / 2;
}
}  // namespace

TEST_CASE("Morris on the g-function: mu* ranks the parameters, mu, mu*, sigma match the analytic values",
          "[statistics][morris][statistical]") {
  // Analytic values on the p = 4 grid (Delta = 2/3). A step of x_i moves |4 x_i - 2|
  // between 2 and 2/3, so its effect is +-(4/3) / (1 + a_i) / Delta * prod_{j != i} g_j(x_j)
  // = +-2 / (1 + a_i) * prod_{j != i} g_j(x_j), the sign + for the level pair {1/3, 1} and
  // - for {0, 2/3}, each with probability 1/2, and every other x_j independently uniform
  // on the grid when x_i steps. Hence mu = 0,
  //   mu*_i = 2 / (1 + a_i) * prod_{j != i} E[g_j],  E[EE_i^2] = 4 / (1 + a_i)^2 * prod E[g_j^2],
  // sigma_i^2 = E[EE_i^2] (mu = 0), and E[EE_i^4] = 16 / (1 + a_i)^4 prod E[g_j^4].
  // Tolerances: k = 4 standard errors over r independent trajectories: sd(|EE|) / sqrt(r)
  // for mu*, sigma / sqrt(r) for mu, and for sigma the delta method on the sample variance,
  // sqrt((E[EE^4] - sigma^4) / r) / (2 sigma).
  const uint32_t r = 2000;
  std::vector<SweepParameter> params;
  for (const char* name : {"x1", "x2", "x3", "x4", "x5", "inert"}) params.push_back(range(name, 0, 1));
  const Design d = make_design(DesignKind::morris, params, r, 2024);
  const auto m = effects_of(d, 2024, g_function);
  const double k = 4;
  for (size_t i = 0; i < kG.size(); ++i) {
    double m1 = 2 / (1 + kG[i]), m2 = m1 * m1, m4 = m2 * m2;
    for (size_t j = 0; j < kG.size(); ++j)
      if (j != i) {
        m1 *= g_moment(kG[j], 1);
        m2 *= g_moment(kG[j], 2);
        m4 *= g_moment(kG[j], 4);
      }
    const double sigma = std::sqrt(m2);
    INFO("x" << i + 1 << ": mu " << m.mu[i] << " mu* " << m.mu_star[i] << " (analytic " << m1 << ") sigma "
              << m.sigma[i] << " (analytic " << sigma << ")");
    CHECK(m.mu_star[i] == Approx(m1).margin(k * std::sqrt((m2 - m1 * m1) / r)));
    CHECK(m.mu[i] == Approx(0).margin(k * sigma / std::sqrt(r)));
    CHECK(m.sigma[i] == Approx(sigma).margin(k * std::sqrt((m4 - m2 * m2) / r) / (2 * sigma)));
  }
  // The ranking: x1 (a = 0) > x2 > x3 > x4 > x5 (a = 99) > the inert one, which is exactly 0.
  for (size_t i = 0; i + 1 < params.size(); ++i) CHECK(m.mu_star[i] > m.mu_star[i + 1]);
  CHECK(m.mu_star[5] == 0.0);
  CHECK(m.sigma[5] == 0.0);
  // A small design ranks them the same (the screening use: r = 20).
  const auto small = effects_of(make_design(DesignKind::morris, params, 20, 99), 99, g_function);
  for (size_t i = 0; i + 1 < params.size(); ++i) CHECK(small.mu_star[i] > small.mu_star[i + 1]);
}

TEST_CASE("Morris effect sizes are checked", "[statistics][morris]") {
  CHECK_THROWS_AS(morris_effects(std::vector<double>(5), {{0, 0.5}, {1, 0.5}}, 2), std::invalid_argument);
  CHECK_THROWS_WITH(morris_effects(std::vector<double>(3), {{0, 0.5}, {0, 0.5}}, 2),
                    Catch::Contains("moves 2 times in 1 trajectories"));
}

TEST_CASE("sensitivity of a morris store: mu, mu*, sigma of a known function stored as runs",
          "[analysis][morris]") {
  ExperimentRecord rec;
  rec.name = "morris";
  rec.resolved_text = "morris";
  rec.seed = 17;
  rec.replications = 2;
  rec.variants = {{"only", ""}};
  rec.design = make_design(DesignKind::morris, {range("a", 0, 2), range("b", 10, 20), range("c", 0, 1)}, 8, rec.seed);
  ResultStore store(fresh_db("morris.sqlite"), OpenMode::create, &rec);
  // y = 5 a + 0.1 b^2 (+ the replication, which the mean over replications turns into a
  // constant): the effect of a is 5 * 2 = 10 per range, c is inert, and b's is
  // 0.1 (b_after^2 - b_before^2) / ((b_after - b_before) / 10) = b_before + b_after.
  for (const auto& k : store.runs(true)) {
    const auto& x = rec.design.points[k.point];
    RunOutput out;
    out.summaries = {{"y", 5 * x[0] + 0.1 * x[1] * x[1] + k.replication}};
    store.record_run(k, out);
  }
  const SensitivityResult r = sensitivity(store, "y");
  REQUIRE(r.kind == DesignKind::morris);
  REQUIRE(r.parameters == std::vector<std::string>{"a", "b", "c"});
  CHECK(r.morris.trajectories == 8);
  CHECK(r.morris.mu_star[0] == Approx(10.0));
  CHECK(r.morris.sigma[0] == Approx(0.0).margin(1e-9));
  CHECK(r.morris.mu_star[2] == 0.0);
  // b's mu recomputed from the stored points and the design's own steps.
  const auto steps = morris_steps(rec.design, rec.seed);
  double sum = 0;
  for (size_t j = 0; j < steps.size(); ++j)
    if (steps[j].parameter == 1) {
      const size_t before = j / 3 * 4 + j % 3;
      sum += rec.design.points[before][1] + rec.design.points[before + 1][1];
    }
  CHECK(r.morris.mu[1] == Approx(sum / 8));
  CHECK(r.morris.mu_star[1] == Approx(sum / 8));
  REQUIRE(r.warnings.size() == 1);  // r = 8 < 10
  std::ostringstream table;
  print_sensitivity_table(table, r, "y");
  CHECK(table.str().find("Morris elementary effects of y (r = 8 trajectories") != std::string::npos);
  CHECK(table.str().find("mu*") != std::string::npos);
}
