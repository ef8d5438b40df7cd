#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "wijksim/experiments/design.hpp"

using namespace wijksim::experiments;

TEST_CASE("grid: Cartesian product, last parameter fastest, levels include both ends", "[design]") {
  SweepParameter a{"a", {1, 2}, 0, 0, false, 0};
  SweepParameter b{"b", {}, 0.0, 1.0, false, 3};
  const Design d = make_design(DesignKind::grid, {a, b}, 0, 1);
  REQUIRE(d.points.size() == 6);
  CHECK(d.points[0] == std::vector<double>{1, 0.0});
  CHECK(d.points[1] == std::vector<double>{1, 0.5});
  CHECK(d.points[2] == std::vector<double>{1, 1.0});
  CHECK(d.points[3] == std::vector<double>{2, 0.0});
  CHECK(d.points[5] == std::vector<double>{2, 1.0});
}

TEST_CASE("no sweep: one point with no values", "[design]") {
  const Design d = make_design(DesignKind::latin_hypercube, {}, 10, 1);
  CHECK(d.kind == DesignKind::none);
  REQUIRE(d.points.size() == 1);
  CHECK(d.points[0].empty());
}

TEST_CASE("latin hypercube: one point per stratum in every dimension, reproducible, seed-dependent", "[design]") {
  const uint32_t n = 50, dims = 3;
  const auto u = latin_hypercube_unit(n, dims, 7);
  for (uint32_t k = 0; k < dims; ++k) {
    std::set<int> strata;
    for (const auto& row : u) {
      REQUIRE(row[k] >= 0.0);
      REQUIRE(row[k] < 1.0);
      strata.insert(static_cast<int>(row[k] * n));
    }
    CHECK(strata.size() == n);  // every stratum hit exactly once
  }
  CHECK(latin_hypercube_unit(n, dims, 7) == u);
  CHECK(latin_hypercube_unit(n, dims, 8) != u);
  // The permutations differ between dimensions (not the diagonal design).
  int same = 0;
  for (const auto& row : u) same += static_cast<int>(row[0] * n) == static_cast<int>(row[1] * n);
  CHECK(same < 10);
}

TEST_CASE("sobol: Boost's sequence (zero point skipped)", "[design]") {
  const auto u = sobol_unit(5, 2);
  // First points of the 2-d Sobol sequence as documented by boost/random/sobol.hpp.
  const std::vector<std::vector<double>> expected{{0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375},
                                                  {0.875, 0.875}};
  CHECK(u == expected);
}

TEST_CASE("Saltelli matrices: AB_i is A with column i taken from B", "[design]") {
  const uint32_t n = 16, dims = 3;
  const auto m = saltelli_unit(n, dims);
  const auto base = sobol_unit(n, 2 * dims);
  REQUIRE(m.ab.size() == dims);
  for (uint32_t j = 0; j < n; ++j)
    for (uint32_t k = 0; k < dims; ++k) {
      CHECK(m.a[j][k] == base[j][k]);
      CHECK(m.b[j][k] == base[j][dims + k]);
      for (uint32_t i = 0; i < dims; ++i) CHECK(m.ab[i][j][k] == (i == k ? m.b[j][k] : m.a[j][k]));
    }
}

TEST_CASE("sobol design: N * (d + 2) points in blocks A, B, AB_1..AB_d", "[design]") {
  SweepParameter x{"x", {}, -1.0, 1.0, false, 0};
  SweepParameter y{"y", {}, 10, 20, true, 0};
  const Design d = make_design(DesignKind::sobol, {x, y}, 8, 1);
  REQUIRE(d.points.size() == 8 * 4);
  CHECK(d.sobol_base_samples == 8);
  const auto m = saltelli_unit(8, 2);
  CHECK(d.points[0][0] == Approx(-1.0 + 2.0 * m.a[0][0]));
  CHECK(d.points[8 + 3][0] == Approx(-1.0 + 2.0 * m.b[3][0]));
  for (const auto& p : d.points) CHECK(p[1] == std::round(p[1]));
  // Block AB_1 (index 2) shares column 1 with A and column 0 with B.
  for (int j = 0; j < 8; ++j) {
    CHECK(d.points[16 + j][0] == d.points[8 + j][0]);
    CHECK(d.points[16 + j][1] == d.points[j][1]);
  }
}

TEST_CASE("map_unit: value lists choose uniformly, ranges scale and round", "[design]") {
  SweepParameter list{"k", {3, 5, 9}, 0, 0, false, 0};
  CHECK(map_unit(list, 0.0) == 3);
  CHECK(map_unit(list, 0.34) == 5);
  CHECK(map_unit(list, 0.999) == 9);
  SweepParameter range{"r", {}, 100, 200, true, 0};
  CHECK(map_unit(range, 0.254) == 125);
}

TEST_CASE("malformed sweep parameters are rejected", "[design]") {
  SweepParameter inverted{"r", {}, 2, 1, false, 0};
  CHECK_THROWS_AS(make_design(DesignKind::latin_hypercube, {inverted}, 4, 1), std::invalid_argument);
  SweepParameter no_levels{"r", {}, 0, 1, false, 0};
  CHECK_THROWS_AS(make_design(DesignKind::grid, {no_levels}, 0, 1), std::invalid_argument);
  SweepParameter ok{"r", {}, 0, 1, false, 0};
  CHECK_THROWS_AS(make_design(DesignKind::sobol, {ok}, 0, 1), std::invalid_argument);
}
