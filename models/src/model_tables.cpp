// Builds ModelTables from a CompiledScenario and checks the engine's own limits.
#include "model_tables.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "lean_kernel.hpp"

namespace wijksim::models {

namespace {
[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument("wijksim: CompiledScenario: " + what);
}
}  // namespace

ModelTables ModelTables::build(const CompiledScenario& s) {
  ModelTables t;
  t.n_domains = s.n_domains;
  t.n_events = static_cast<int>(s.events.size());
  t.n_wijken = static_cast<int>(s.wijken.size());
  if (t.n_domains < 1 || t.n_domains > kMaxDomains)
    fail("n_domains: expected 1.." + std::to_string(kMaxDomains) + ", got " + std::to_string(t.n_domains));
  if (t.n_events > kMaxEvents)
    fail("events: expected at most " + std::to_string(kMaxEvents) + ", got " + std::to_string(t.n_events));
  if (static_cast<int>(s.rates.size()) != t.n_domains)
    fail("rates: expected one entry per domain (" + std::to_string(t.n_domains) + "), got " +
         std::to_string(s.rates.size()));
  if (t.n_wijken < 1 || t.n_wijken > 65535) fail("wijken: expected 1..65535 wijken");

  t.worsen.resize(static_cast<size_t>(t.n_domains) * kSeverityLevels);
  t.improve.resize(t.worsen.size());
  for (int d = 0; d < t.n_domains; ++d) {
    for (int l = 0; l < kSeverityLevels; ++l) {
      const double w = s.rates[d].worsen[l], i = s.rates[d].improve[l];
      if (!(w >= 0 && i >= 0 && w + i <= 1))
        fail("rates[" + std::to_string(d) + "] at severity " + std::to_string(l + 1) +
             ": expected worsen, improve >= 0 with worsen + improve <= 1");
      // Severity cannot leave 1..5: no worsening from 1, no improvement from 5.
      t.worsen[d * kSeverityLevels + l] = l == 0 ? 0.0 : w;
      t.improve[d * kSeverityLevels + l] = l == kSeverityLevels - 1 ? 0.0 : i;
    }
  }

  t.coupling = s.coupling_enabled;
  if (t.coupling) {
    if (s.coupling.rows() != t.n_domains || s.coupling.cols() != t.n_domains)
      fail("coupling: expected an n_domains x n_domains matrix");
    t.coupling_rm.resize(static_cast<size_t>(t.n_domains) * t.n_domains);
    for (int i = 0; i < t.n_domains; ++i)
      for (int j = 0; j < t.n_domains; ++j) t.coupling_rm[i * t.n_domains + j] = s.coupling(i, j);
  }
  t.problem_weight = s.problem_weight;
  t.network_improvement = s.network_improvement;
  for (int b = 0; b < 256; ++b) t.network_factor[b] = 1.0 + t.network_improvement * (b / 255.0);

  for (const auto& e : s.events) {
    if (!(e.weekly_rate >= 0 && e.weekly_rate <= 1))
      fail("events." + e.name + ".weekly_rate: expected a probability in [0, 1]");
    for (const auto& [d, delta] : e.severity_delta)
      if (d < 0 || d >= t.n_domains) fail("events." + e.name + ".severity_delta: domain index out of range");
    t.event_eligibility.push_back(e.eligibility);
    t.event_rate.push_back(e.weekly_rate);
  }

  const CompiledDebt& debt = s.debt;
  t.debt = debt.enabled;
  if (t.debt) {
    if (debt.finances_domain < 0 || debt.finances_domain >= t.n_domains)
      fail("debt.finances_domain: expected a domain index, got " + std::to_string(debt.finances_domain));
    t.finances = debt.finances_domain;
    t.grows_at_or_below = debt.grows_at_or_below;
    t.low_income_threshold = debt.low_income_threshold;
    t.growth_rate = debt.weekly_growth_rate;
    t.arrears_euros = std::llround(debt.weekly_arrears);
    t.max_debt = std::llround(debt.max_debt);
  }

  for (size_t w = 0; w < s.wijken.size(); ++w) {
    const auto& wk = s.wijken[w];
    if (static_cast<int>(wk.initial_severity.size()) != t.n_domains ||
        static_cast<int>(wk.initial_severity_low_income.size()) != t.n_domains)
      fail("wijken[" + std::to_string(w) + "] (" + wk.name +
           "): expected initial_severity and initial_severity_low_income with one row per domain");
  }
  t.care = CareTables::build(s, s.network);  // providers (help_seeking.hpp); epochs: model.cpp
  build_lean_entries(t);
  t.kernel = choose_kernel(t, RunOptions::Kernel::automatic);
  return t;
}

}  // namespace wijksim::models
