#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "wijksim/experiments/design.hpp"
#include "wijksim/experiments/statistics.hpp"

using namespace wijksim::experiments;

TEST_CASE("Student's t quantiles match the tables", "[statistics]") {
  CHECK(t_quantile(9, 0.95) == Approx(2.262157).epsilon(1e-6));
  CHECK(t_quantile(99, 0.95) == Approx(1.984217).epsilon(1e-6));
}

TEST_CASE("summarise: mean, sample sd and t interval", "[statistics]") {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const Summary s = summarise(x);
  CHECK(s.n == 8);
  CHECK(s.mean == Approx(5.0));
  const double sd = std::sqrt(32.0 / 7.0);
  CHECK(s.sd == Approx(sd));
  const double half = 2.364624 * sd / std::sqrt(8.0);  // t_{7, 0.975} = 2.364624
  CHECK(s.ci_low == Approx(5.0 - half).epsilon(1e-6));
  CHECK(s.ci_high == Approx(5.0 + half).epsilon(1e-6));
  CHECK(std::isnan(summarise(std::vector<double>{1.0}).ci_low));
}

TEST_CASE("paired difference: interval of the per-replication differences", "[statistics]") {
  const std::vector<double> base{10, 12, 9, 14, 11};
  const std::vector<double> var{11, 13.5, 9.5, 15, 12};  // differences 1, 1.5, 0.5, 1, 1
  const PairedDifference p = paired_difference(var, base);
  CHECK(p.n == 5);
  CHECK(p.mean_baseline == Approx(11.2));
  CHECK(p.mean_variant == Approx(12.2));
  CHECK(p.mean_difference == Approx(1.0));
  const double sd = std::sqrt(0.5 / 4.0);  // squared deviations 0, .25, .25, 0, 0
  CHECK(p.sd_difference == Approx(sd));
  const double half = 2.776445 * sd / std::sqrt(5.0);  // t_{4, 0.975}
  CHECK(p.ci_low == Approx(1.0 - half).epsilon(1e-6));
  CHECK(p.ci_high == Approx(1.0 + half).epsilon(1e-6));
  CHECK_THROWS_AS(paired_difference(var, std::vector<double>{1, 2}), std::invalid_argument);
}

TEST_CASE("95% t intervals cover the true mean 95% of the time", "[statistics][statistical]") {
  // 4000 samples of n = 10 from N(3, 2^2), seeded. Coverage ~ Binomial(4000, 0.95)/4000 with
  // sd sqrt(0.95 * 0.05 / 4000) = 0.00345; tolerance k = 4 sd = 0.0138.
  std::mt19937_64 gen(20240601);
  auto uniform = [&] { return (static_cast<double>(gen() >> 11) + 0.5) * 0x1.0p-53; };
  const int trials = 4000;
  int covered = 0;
  for (int t = 0; t < trials; ++t) {
    std::vector<double> x(10);
    for (auto& v : x)  // Box-Muller: portable, unlike std::normal_distribution
      v = 3.0 + 2.0 * std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform());
    const Summary s = summarise(x);
    covered += s.ci_low <= 3.0 && 3.0 <= s.ci_high;
  }
  CHECK(static_cast<double>(covered) / trials == Approx(0.95).margin(4 * std::sqrt(0.95 * 0.05 / trials)));
}

TEST_CASE("Ishigami analytic indices (a = 7, b = 0.1)", "[statistics]") {
  const auto a = ishigami_analytic();
  CHECK(a.first[0] == Approx(0.3139).margin(1e-4));
  CHECK(a.first[1] == Approx(0.4424).margin(1e-4));
  CHECK(a.first[2] == 0.0);
  CHECK(a.total[0] == Approx(0.5576).margin(1e-4));
  CHECK(a.total[1] == Approx(0.4424).margin(1e-4));
  CHECK(a.total[2] == Approx(0.2437).margin(1e-4));
}

TEST_CASE("Sobol indices of the Ishigami function: analytic values inside the bootstrap intervals",
          "[statistics][sobol]") {
  const double pi = std::numbers::pi;
  std::vector<SweepParameter> params;
  for (const char* name : {"x1", "x2", "x3"}) params.push_back({name, {}, -pi, pi, false, 0});
  const uint32_t n = 4096;
  const Design d = make_design(DesignKind::sobol, params, n, 1);
  std::vector<double> y;
  for (const auto& p : d.points) y.push_back(ishigami(p[0], p[1], p[2]));
  const SobolIndices s = sobol_indices_from_design_order(y, n, 3, {.bootstrap_resamples = 500, .level = 0.95, .seed = 3});
  const auto exact = ishigami_analytic();
  for (int i = 0; i < 3; ++i) {
    INFO("parameter x" << i + 1 << ": S1 " << s.first[i] << " [" << s.first_low[i] << ", " << s.first_high[i]
                       << "], ST " << s.total[i] << " [" << s.total_low[i] << ", " << s.total_high[i] << "]");
    CHECK(s.first_low[i] <= exact.first[i]);
    CHECK(exact.first[i] <= s.first_high[i]);
    CHECK(s.total_low[i] <= exact.total[i]);
    CHECK(exact.total[i] <= s.total_high[i]);
    // The intervals are informative, not merely wide.
    CHECK(s.first_high[i] - s.first_low[i] < 0.15);
    CHECK(s.total_high[i] - s.total_low[i] < 0.15);
  }
  // Reproducible resampling.
  const SobolIndices again = sobol_indices_from_design_order(y, n, 3, {.bootstrap_resamples = 500, .level = 0.95, .seed = 3});
  CHECK(again.first_low == s.first_low);
  CHECK(again.total_high == s.total_high);
}

TEST_CASE("Sobol indices: a function of x1 alone has S1 = ST = 1 for x1 and 0 for the others",
          "[statistics][sobol]") {
  std::vector<SweepParameter> params{{"x1", {}, 0, 1, false, 0}, {"x2", {}, 0, 1, false, 0}};
  // The Saltelli first-order estimator is not exact for finite N (mean_j (f(B)_j - m)
  // (f(AB_1)_j - f(A)_j) is not V), so S1 gets a margin; Jansen's total and both indices
  // of x2 are exact here.
  const uint32_t n = 4096;
  const Design d = make_design(DesignKind::sobol, params, n, 1);
  std::vector<double> y;
  for (const auto& p : d.points) y.push_back(3 * p[0] + 1);
  const SobolIndices s = sobol_indices_from_design_order(y, n, 2, {.bootstrap_resamples = 100});
  CHECK(s.first[0] == Approx(1.0).margin(0.02));
  CHECK(s.total[0] == Approx(1.0).margin(0.02));
  CHECK(s.first[1] == Approx(0.0).margin(1e-12));
  CHECK(s.total[1] == Approx(0.0).margin(1e-12));
  CHECK_THROWS_AS(sobol_indices_from_design_order(std::vector<double>(10), n, 2), std::invalid_argument);
}

namespace {
struct IshigamiRun {
  SobolIndices indices;
  std::vector<double> y;
};
// Sobol indices of Ishigami + shift on the Saltelli design of N base samples.
IshigamiRun ishigami_indices(uint32_t n, double shift, uint32_t resamples = 500) {
  const double pi = std::numbers::pi;
  std::vector<SweepParameter> params;
  for (const char* name : {"x1", "x2", "x3"}) params.push_back({name, {}, -pi, pi, false, 0});
  const Design d = make_design(DesignKind::sobol, params, n, 1);
  IshigamiRun run;
  for (const auto& p : d.points) run.y.push_back(ishigami(p[0], p[1], p[2]) + shift);
  run.indices = sobol_indices_from_design_order(run.y, n, 3, {.bootstrap_resamples = resamples, .level = 0.95, .seed = 3});
  return run;
}
}  // namespace

TEST_CASE("Sobol indices are centred: Ishigami and Ishigami + 1000 give the same indices within their intervals",
          "[statistics][sobol]") {
  // Before centring, f + 1000 at N = 1024 moved S1 from (0.33, 0.44, 0.02) to (0.27, 0.26,
  // -0.03) with intervals of +-16 (the f(B) factor of the first-order estimator carried the
  // 1000). Centred, the indices and intervals differ only by rounding (1000 + f keeps ~13
  // of f's 16 digits).
  const uint32_t n = 1024;
  const auto plain = ishigami_indices(n, 0).indices;
  const auto shifted = ishigami_indices(n, 1000).indices;
  const auto exact = ishigami_analytic();
  for (int i = 0; i < 3; ++i) {
    INFO("x" << i + 1 << ": S1 " << plain.first[i] << " vs " << shifted.first[i] << " [" << shifted.first_low[i]
             << ", " << shifted.first_high[i] << "]; ST " << plain.total[i] << " vs " << shifted.total[i]);
    CHECK(shifted.first_low[i] <= plain.first[i]);
    CHECK(plain.first[i] <= shifted.first_high[i]);
    CHECK(shifted.total_low[i] <= plain.total[i]);
    CHECK(plain.total[i] <= shifted.total_high[i]);
    CHECK(shifted.first[i] == Approx(plain.first[i]).margin(1e-9));
    CHECK(shifted.total[i] == Approx(plain.total[i]).margin(1e-9));
    CHECK(shifted.first_high[i] - shifted.first_low[i] == Approx(plain.first_high[i] - plain.first_low[i]).margin(1e-9));
    // And both estimators agree with the analytic indices at this moderate N.
    CHECK(shifted.first_low[i] <= exact.first[i]);
    CHECK(exact.first[i] <= shifted.first_high[i]);
    CHECK(shifted.total_low[i] <= exact.total[i]);
    CHECK(exact.total[i] <= shifted.total_high[i]);
  }
  CHECK(shifted.variance == Approx(plain.variance).epsilon(1e-9));
}

TEST_CASE("Sobol warnings: too few base samples, wide intervals, indices outside [0, 1], a constant output",
          "[statistics][sobol]") {
  const std::vector<std::string> names{"x1", "x2", "x3"};
  // N = 4096: intervals of about +-0.05, no warning.
  CHECK(sobol_warnings(ishigami_indices(4096, 1000, 200).indices, names).empty());
  // N = 32: below the 100 base samples the bootstrap needs, and intervals wider than 0.2.
  const auto small = ishigami_indices(32, 1000, 200).indices;
  const auto w = sobol_warnings(small, names);
  auto has = [&](const std::string& text) {
    return std::any_of(w.begin(), w.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; });
  };
  CHECK(has("N = 32 base samples is below 100"));
  CHECK(has("is wider than 0.2"));
  CHECK(has("about N = "));
  // An index whose whole interval lies below 0 (hand-made: estimation noise cannot do it).
  SobolIndices negative = ishigami_indices(4096, 0, 200).indices;
  negative.first[2] = -0.5;
  negative.first_low[2] = -0.55;
  negative.first_high[2] = -0.45;
  const auto wn = sobol_warnings(negative, names);
  REQUIRE(wn.size() == 1);
  CHECK(wn[0].find("S1 of x3 = -0.5") != std::string::npos);
  CHECK(wn[0].find("outside [0, 1]") != std::string::npos);
  // A constant output: undefined, said once.
  SobolIndices flat = negative;
  flat.variance = 0;
  REQUIRE(sobol_warnings(flat, names).size() == 1);
  CHECK(sobol_warnings(flat, names)[0].find("does not vary") != std::string::npos);
}

TEST_CASE("unpaired (Welch) difference: a pair worked by hand, and the degenerate cases", "[statistics]") {
  // x = 1..5, y = 2, 4, .., 10: difference -3, se = sqrt(2.5/5 + 10/5) = sqrt(2.5),
  // Welch-Satterthwaite df = 2.5^2 / (0.5^2/4 + 2^2/4) = 6.25 / 1.0625 = 5.882353.
  const std::vector<double> x{1, 2, 3, 4, 5}, y{2, 4, 6, 8, 10};
  const auto d = unpaired_difference(x, y);
  CHECK(d.mean_difference == Approx(-3.0));
  const double half = t_quantile(6.25 / 1.0625, 0.95) * std::sqrt(2.5);
  CHECK(d.ci_low == Approx(-3.0 - half).epsilon(1e-12));
  CHECK(d.ci_high == Approx(-3.0 + half).epsilon(1e-12));
  CHECK(d.sd_difference / std::sqrt(5.0) == Approx(std::sqrt(2.5)));
  // Unequal sizes are fine unpaired; one value has no interval.
  CHECK(unpaired_difference(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2}).n == 2);
  CHECK(std::isnan(unpaired_difference(std::vector<double>{1}, std::vector<double>{1, 2}).ci_low));
}
