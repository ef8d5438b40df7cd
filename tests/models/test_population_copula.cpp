// Initial severities with population.problem_correlation (Gaussian copula, helper L): each
// domain's marginal is the scenario's initial row exactly, and problems co-occur more.
#include <catch2/catch.hpp>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

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
