// Initial severities with population.problem_correlation (Gaussian copula, helper L): each
// domain's marginal is the scenario's initial row exactly, and problems co-occur more.
#include <catch2/catch.hpp>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "population.hpp"
#include "wijksim/models/synthetic.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

namespace {

constexpr uint64_t kHouseholds = 200000;
constexpr double kSigmas = 4;  // k in k * SE: ~6e-5 two-sided per check under the null
const SeverityArray kRow{0.02, 0.05, 0.13, 0.30, 0.50};  // households-ref's initial row

// Week-0 metrics of households-ref with the same initial row for every income group, so
// each domain's severity count is Binomial(n, kRow[s]) whatever rho is.
AreaMetrics week0(double rho) {
  CompiledScenario s = models::households_ref_scenario(kHouseholds, 7);
  for (auto& w : s.wijken) {
    w.initial_severity.assign(s.n_domains, kRow);
    w.initial_severity_low_income = w.initial_severity;
  }
  s.income.problem_correlation = rho;
  Simulation sim(s, {.threads = 2});
  sim.initialise();
  return sim.metrics().all;
}

// P(>= 3 of n_domains domains at severity <= 2) under the copula: given the latent z, the
// domains are independent with q(z) = Phi((Phi^-1(p) - sqrt(rho) z) / sqrt(1 - rho)), so
// integrate the binomial tail over z ~ N(0, 1) (midpoint rule on [-8, 8], 4000 steps).
double expected_multi_share(double p, double rho, int n_domains) {
  const boost::math::normal std_normal;
  const double t = boost::math::quantile(std_normal, p);
  double sum = 0;
  const int steps = 4000;
  const double lo = -8, hi = 8, dz = (hi - lo) / steps;
  for (int i = 0; i < steps; ++i) {
    const double z = lo + (i + 0.5) * dz;
    const double q = boost::math::cdf(std_normal, (t - std::sqrt(rho) * z) / std::sqrt(1 - rho));
    const double tail = q <= 0 ? 0 : q >= 1 ? 1
        : boost::math::cdf(boost::math::complement(boost::math::binomial(n_domains, q), 2.0));
    sum += tail * boost::math::pdf(std_normal, z) * dz;
  }
  return sum;
}

}  // namespace

TEST_CASE("problem_correlation keeps every domain's initial marginal (4 SE, 200k households)",
          "[population][statistical]") {
  for (double rho : {0.0, 0.3}) {
    const AreaMetrics m = week0(rho);
    REQUIRE(m.households == kHouseholds);
    const size_t nd = m.severity_count.size() / 5;
    REQUIRE(nd == 10);
    for (size_t d = 0; d < nd; ++d)
      for (int lv = 0; lv < 5; ++lv) {
        const double p = kRow[lv];
        const double se = std::sqrt(kHouseholds * p * (1 - p));
        const double got = static_cast<double>(m.severity_count[d * 5 + lv]);
        INFO("rho " << rho << " domain " << d << " severity " << lv + 1 << ": " << got << " vs "
                    << kHouseholds * p << " (4 SE " << kSigmas * se << ")");
        CHECK(std::abs(got - kHouseholds * p) <= kSigmas * se);
      }
  }
}

TEST_CASE("problem_correlation raises the multi-problem share to the copula's value (4 SE)",
          "[population][statistical]") {
  const double p = kRow[0] + kRow[1];  // severity <= 2
  double share[2];
  int i = 0;
  for (double rho : {0.0, 0.3}) {
    const AreaMetrics m = week0(rho);
    const double expected = expected_multi_share(p, rho, 10);
    const double se = std::sqrt(expected * (1 - expected) / kHouseholds);
    share[i++] = static_cast<double>(m.multi_problem) / kHouseholds;
    INFO("rho " << rho << ": multi-problem share " << share[i - 1] << " expected " << expected << " (4 SE "
                << kSigmas * se << ")");
    CHECK(std::abs(share[i - 1] - expected) <= kSigmas * se);
  }
  // Independent draws: 1 - sum_{k<3} C(10,k) 0.07^k 0.93^(10-k) = 0.0283; the copula at
  // rho 0.3 roughly doubles it (the integral above), far beyond sampling noise.
  CHECK(share[1] > 1.5 * share[0]);
}

namespace {

// The definition the cut points replace: u = Phi(x) = 0.5 erfc(-x / sqrt 2), then the first
// level whose cumulative share (summed in row order) exceeds u, the last absorbing the rest.
int level_by_erfc(double x, const SeverityArray& row) {
  const double u = 0.5 * std::erfc(-x / std::sqrt(2.0));
  double acc = 0;
  for (int i = 0; i < kSeverityLevels - 1; ++i) {
    acc += row[i];
    if (u < acc) return i + 1;
  }
  return kSeverityLevels;
}

// Households whose level differs between the two rules, over 4,000 doubles around every
// finite cut and 400,000 spread over [-10, 10].
uint64_t mismatches(const SeverityArray& row, const models::SeverityCuts& cuts) {
  uint64_t bad = 0;
  for (const double c : cuts) {
    if (!std::isfinite(c)) continue;
    double lo = c, hi = c;
    for (int k = 0; k < 2000; ++k) {
      bad += models::level_at(lo, cuts) != level_by_erfc(lo, row);
      bad += models::level_at(hi, cuts) != level_by_erfc(hi, row);
      lo = std::nextafter(lo, -INFINITY);
      hi = std::nextafter(hi, INFINITY);
    }
  }
  for (int i = 0; i < 400000; ++i) {
    const double x = -10.0 + 20.0 * (i + 0.5) / 400000.0;
    bad += models::level_at(x, cuts) != level_by_erfc(x, row);
  }
  return bad;
}

}  // namespace

TEST_CASE("the copula's cut points give the inverse-CDF level of Phi(x) bit for bit", "[population][copula]") {
  const std::vector<SeverityArray> rows = {
      kRow,
      {0.2, 0.2, 0.2, 0.2, 0.2},
      {1.0, 0.0, 0.0, 0.0, 0.0},                   // every household at 1: cut 0 is +inf
      {0.0, 0.0, 0.0, 0.0, 1.0},                   // every household at 5: cuts -inf
      {1e-12, 1e-9, 0.3, 0.4, 0.3 - 1e-9 - 1e-12},  // deep in the tail
      {0.1, 0.2, 0.3, 0.4, 0.0},                   // the last level empty
      {0.05, 0.1, 0.35, 0.3, 0.2 + 1e-15},         // a sum a hair above 1
  };
  for (const SeverityArray& row : rows) {
    INFO("row " << row[0] << " " << row[1] << " " << row[2] << " " << row[3] << " " << row[4]);
    const models::SeverityCuts cuts = models::severity_cuts(row);
    CHECK(mismatches(row, cuts) == 0);
  }
  // Negative control: one cut a single double too high misclassifies the cut itself.
  models::SeverityCuts off = models::severity_cuts(kRow);
  const double c = off[1];
  off[1] = std::nextafter(c, INFINITY);
  CHECK(models::level_at(c, off) != level_by_erfc(c, kRow));
  CHECK(mismatches(kRow, off) > 0);
}
