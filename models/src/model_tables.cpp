// Builds ModelTables from a CompiledScenario and checks the engine's own limits.
#include "model_tables.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "channels.hpp"
#include "event_facts.hpp"
#include "population.hpp"


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
    const auto nd = static_cast<size_t>(t.n_domains);
    t.coupling_by_column.assign(nd * nd, 0.0);
    t.coupled_domains.assign(nd, 0);
    for (int i = 0; i < t.n_domains; ++i)
      for (int j = 0; j < t.n_domains; ++j) {
        t.coupling_by_column[static_cast<size_t>(j) * nd + static_cast<size_t>(i)] = s.coupling(i, j);
        if (s.coupling(i, j) != 0.0) t.coupled_domains[static_cast<size_t>(j)] |= uint64_t{1} << i;
      }
  }
  t.problem_weight = s.problem_weight;
  for (int l = 1; l <= kSeverityLevels; ++l) t.weighted_severity[l] = t.problem_weight[l - 1] != 0.0;
  t.network_improvement = s.network_improvement;
  for (int b = 0; b < 256; ++b) t.network_factor[b] = 1.0 + t.network_improvement * (b / 255.0);

  for (const auto& e : s.events) {
    if (!(e.weekly_rate >= 0 && e.weekly_rate <= 1))
      fail("events." + e.name + ".weekly_rate: expected a probability in [0, 1]");
    for (const auto& [d, delta] : e.severity_delta)
      if (d < 0 || d >= t.n_domains) fail("events." + e.name + ".severity_delta: domain index out of range");
    for (const auto* bounds : {&e.severity_at_least, &e.severity_at_most})
      for (const auto& [d, level] : *bounds)
        if (d < 0 || d >= t.n_domains || level < 1 || level > kSeverityLevels)
          fail("events." + e.name + ".severity_at_least/at_most: domain index or level out of range");
    t.event_eligibility.push_back(e.eligibility);
    t.events_read_debt |= e.eligibility == EventEligibility::in_debt || e.eligibility == EventEligibility::debt_free ||
                          e.eligibility == EventEligibility::after_settlement;
    t.event_rate.push_back(e.weekly_rate);
  }

  const auto ne = static_cast<size_t>(t.n_events);
  t.event_rows.assign(kEventFactCombinations * t.event_row_stride(), 0.0);
  for (int i = 0; i < kEventFactCombinations; ++i) {
    double* row = t.event_rows.data() + static_cast<size_t>(i) * t.event_row_stride();
    const EventFacts facts = event_facts_of_index(i);
    for (size_t e = 0; e < ne; ++e) row[e] = eligible(t.event_eligibility[e], facts) ? t.event_rate[e] : 0.0;
    stay_prefix(row, t.n_events, row + ne);
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
    t.finances_ceiling = debt.finances_ceiling_in_debt < kSeverityLevels ? debt.finances_ceiling_in_debt : 0;
  }

  for (size_t w = 0; w < s.wijken.size(); ++w) {
    const auto& wk = s.wijken[w];
    if (static_cast<int>(wk.initial_severity.size()) != t.n_domains ||
        static_cast<int>(wk.initial_severity_low_income.size()) != t.n_domains)
      fail("wijken[" + std::to_string(w) + "] (" + wk.name +
           "): expected initial_severity and initial_severity_low_income with one row per domain");
  }
  if (s.costs.enabled) t.societal = s.costs.societal;
  t.care = CareTables::build(s, s.network);  // providers (help_seeking.hpp); epochs: model.cpp
  t.severity_cuts = initial_severity_cuts(s);
  t.build_channel_tables();
  return t;
}

void ModelTables::build_channel_tables() {
  const int nd = n_domains;
  const size_t providers = care.network ? care.improve.size() / static_cast<size_t>(nd) : 0;
  n_classes = static_cast<int>(1 + 3 * providers);  // not in care; in service, waiting, after-care at p
  bool unit_network = true;
  for (const double f : network_factor) unit_network = unit_network && f == 1.0;
  plain_channels = !coupling && unit_network;
  const size_t n = static_cast<size_t>(n_classes) * static_cast<size_t>(nd) * kSeverityLevels;
  base_entries.assign(n, {});
  plain_entries.assign(plain_channels ? n : 0, {});
  for (size_t cls = 0; cls < static_cast<size_t>(n_classes); ++cls) {
    for (int d = 0; d < nd; ++d) {
      for (int l = 0; l < kSeverityLevels; ++l) {
        const size_t i = (cls * static_cast<size_t>(nd) + static_cast<size_t>(d)) * kSeverityLevels + static_cast<size_t>(l);
        BaseEntry& e = base_entries[i];
        e.worsen = worsen[static_cast<size_t>(d) * kSeverityLevels + static_cast<size_t>(l)];
        e.improve = improve[static_cast<size_t>(d) * kSeverityLevels + static_cast<size_t>(l)];
        e.floor = -1.0;  // below every improvement: max(improve, floor) = improve
        if (cls > 0) {
          const size_t kind = (cls - 1) / providers, p = (cls - 1) % providers;
          const size_t pd = p * static_cast<size_t>(nd) + static_cast<size_t>(d);
          if (kind == 0) {  // in service: the service's improvement (help_seeking.hpp), never from 5
            if (care.improve[pd] > 0 && l + 1 < kSeverityLevels) e.floor = std::min(1.0, care.improve[pd]);
          } else {          // waiting (1) or after-care (2): worsening x the provider's factor
            e.worsen *= kind == 1 ? care.waiting_worsen[pd] : care.after_care_worsen[pd];
          }
        }
        if (plain_channels) {
          double w = 0, b = 0;
          domain_channel(e, 1.0, 1.0, w, b);
          plain_entries[i] = {w, b, w + b, 0.0};
        }
      }
    }
  }
}

}  // namespace wijksim::models
