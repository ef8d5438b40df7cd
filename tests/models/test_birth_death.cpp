// Without coupling, events and debt each domain is a birth-death chain on 1..5. After
// burn-in the severity distribution over independent households at one week must match
// the analytic stationary distribution pi (pi P = pi, solved with Eigen), within k = 4
// standard errors SE = sqrt(pi_s (1 - pi_s) / n) at every level. Households are
// independent, so using one time point avoids autocorrelation.
#include <catch2/catch.hpp>

#include <string>

#include <Eigen/Dense>

#include "wijksim/models/synthetic.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

namespace {

Eigen::VectorXd stationary(const DomainRates& r) {
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(5, 5);
  for (int s = 0; s < 5; ++s) {
    const double w = s > 0 ? r.worsen[s] : 0.0, i = s < 4 ? r.improve[s] : 0.0;
    if (s > 0) P(s, s - 1) = w;
    if (s < 4) P(s, s + 1) = i;
    P(s, s) = 1 - w - i;
  }
  // pi (P - I) = 0 with sum(pi) = 1: replace one equation by the normalisation.
  Eigen::MatrixXd A = (P - Eigen::MatrixXd::Identity(5, 5)).transpose();
  A.row(4).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(5);
  rhs(4) = 1;
  return A.fullPivLu().solve(rhs);
}

}  // namespace

TEST_CASE("birth-death chains reach the analytic stationary distribution", "[dynamics][statistical]") {
  const uint64_t n = 200000;
  CompiledScenario s = models::households_ref_scenario(n, 99);
  s.n_domains = 2;
  s.domain_names.resize(2);
  // Domain 0: symmetric-ish; domain 1: asymmetric, level-dependent. Fast enough to mix in
  // ~200 weeks (slowest relaxation ~ 1 / 0.04 weeks).
  s.rates.resize(2);
  s.rates[0].worsen = {0, 0.06, 0.06, 0.06, 0.06};
  s.rates[0].improve = {0.08, 0.08, 0.08, 0.08, 0};
  s.rates[1].worsen = {0, 0.02, 0.09, 0.03, 0.12};
  s.rates[1].improve = {0.10, 0.04, 0.05, 0.15, 0};
  s.coupling = Eigen::MatrixXd::Zero(2, 2);
  s.wijken[0].initial_severity.assign(2, SeverityArray{0.2, 0.2, 0.2, 0.2, 0.2});
  s.wijken[0].initial_severity_low_income = s.wijken[0].initial_severity;

  // The one household kernel must reach the stationary law.
  Simulation sim(s, RunOptions{.threads = 2});
  sim.initialise();
  while (sim.week() < 300) sim.step();
  const AreaMetrics& m = sim.metrics().all;
  for (int d = 0; d < 2; ++d) {
    const Eigen::VectorXd pi = stationary(s.rates[d]);
    for (int l = 0; l < 5; ++l) {
      const double freq = double(m.severity_count[d * 5 + l]) / n;
      const double se = std::sqrt(pi(l) * (1 - pi(l)) / n);
      INFO("domain " << d << " severity " << l + 1 << ": " << freq << " vs pi " << pi(l) << " (4 SE " << 4 * se << ")");
      CHECK(std::abs(freq - pi(l)) <= 4 * se);
    }
  }
}
