#pragma once
// A frozen city for the event and debt tests: households-ref cut to one domain (finances)
// with no transitions and no coupling, everyone starting at `severity`; a test adds the one
// mechanism it measures, so what it counts is that mechanism alone.
#include <cstdint>

#include <Eigen/Dense>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/models/synthetic.hpp"

namespace wijksim {

inline CompiledScenario frozen(uint64_t n, int severity) {
  CompiledScenario s = models::households_ref_scenario(n, 11);
  s.n_domains = 1;
  s.domain_names = {"finances"};
  s.rates.assign(1, DomainRates{});
  s.coupling = Eigen::MatrixXd::Zero(1, 1);
  SeverityArray dist{};
  dist[severity - 1] = 1.0;
  s.wijken[0].initial_severity.assign(1, dist);
  s.wijken[0].initial_severity_low_income.assign(1, dist);
  return s;
}

}  // namespace wijksim
