#pragma once
// Synthetic households for provider tests: owns the per-household arrays the machinery
// reads and writes, and builds small networks in one line each.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/providers/network.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::providers::test {

struct Population {
  int n_domains = 1;
  std::vector<uint8_t> severity, status;
  std::vector<int16_t> provider, case_manager;

  Population(uint64_t n, int domains, uint8_t initial_severity = 2)
      : n_domains(domains), severity(n * domains, initial_severity), status(n, 0),
        provider(n, -1), case_manager(n, -1) {}
  CareArrays care() {
    return {status.size(), status.data(), provider.data(), case_manager.data()};
  }
  HouseholdView view() const { return {severity.data(), n_domains, nullptr, nullptr, nullptr}; }
};

inline CompiledProvider make_provider(std::string name, ProviderType type, int32_t capacity,
                                      double mean_weeks) {
  CompiledProvider p;
  p.name = std::move(name);
  p.type = type;
  p.type_name = std::string(name_of(type));
  p.capacity = capacity;
  p.mean_weeks = mean_weeks;
  return p;
}

inline CompiledPathway make_pathway(const CompiledProviderNetwork& net, int from, int to,
                                    double probability, int delay, double loss = 0.0,
                                    PathwayTrigger trigger = PathwayTrigger::discharge) {
  CompiledPathway pw;
  pw.from = from;
  pw.to = to;
  pw.from_name = from >= 0 ? net.providers[from].name : "?";
  pw.to_name = to >= 0 ? net.providers[to].name : "?";
  pw.probability = probability;
  pw.delay_weeks = delay;
  pw.loss = loss;
  pw.trigger = trigger;
  return pw;
}

inline Draws test_draws(uint64_t seed) { return {philox_key(seed), 0}; }

// P(K = k), k = 0..n, for K ~ Binomial(n, p): the exact laws the queue tests compare with.
inline std::vector<double> binomial_pmf(int n, double p) {
  std::vector<double> pmf(static_cast<size_t>(n) + 1);
  for (int k = 0; k <= n; ++k)
    pmf[k] = std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0)) *
             std::pow(p, k) * std::pow(1 - p, n - k);
  return pmf;
}

}  // namespace wijksim::providers::test
