#pragma once
// ModelTables: the CompiledScenario re-laid-out for the weekly loop (flat arrays indexed
// by domain and severity, coupling row-major, debt amounts pre-rounded). Built once per
// Simulation; const during the run, shared by all threads.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "help_seeking.hpp"
#include "wijksim/compiled_scenario.hpp"

namespace wijksim::models {

// Limits that let the hot loop use fixed-size stack scratch instead of allocating.
inline constexpr int kMaxDomains = 64;
inline constexpr int kMaxEvents = 64;
inline constexpr int kMaxChannels = kMaxDomains + kMaxEvents + 1;  // +1: help-seeking (help_seeking.hpp)

struct ModelTables {
  int n_domains = 0;
  int n_events = 0;
  int n_wijken = 0;
  std::vector<double> worsen;    // [d * 5 + (s - 1)], probability per week
  std::vector<double> improve;   // [d * 5 + (s - 1)]
  bool coupling = false;
  SeverityArray problem_weight{};
  double network_improvement = 0;
  // 1 + network_improvement x (byte / 255) per stored network byte: the same expression
  // as before, evaluated once here, so the hot path does a load instead of a division.
  std::array<double, 256> network_factor{};
  std::vector<EventEligibility> event_eligibility;  // n_events
  std::vector<double> event_rate;                   // n_events
  // The event channels of a household with facts i (event_facts.hpp: index i of
  // kEventFactCombinations), row i of 2 n_events + 1 numbers: the n_events probabilities
  // (rate when eligible, else 0), then their prefix products P[0..n_events] (stay_prefix).
  // Every household's events are one of these rows, and the events come first in the
  // channel order, so a busy week copies them instead of evaluating each eligibility and
  // multiplying the events' part of the chain again.
  std::vector<double> event_rows;
  size_t event_row_stride() const { return 2 * static_cast<size_t>(n_events) + 1; }
  const double* event_row(int facts_index) const {
    return event_rows.data() + static_cast<size_t>(facts_index) * event_row_stride();
  }

  // Debt (CompiledDebt), with euro amounts rounded once here (half away from zero).
  bool debt = false;
  int finances = -1;
  int grows_at_or_below = 0;
  double low_income_threshold = 0;
  // In debt (in_debt: debt.hpp), finances does not improve at or above this level; 0: no
  // ceiling (debt.finances_ceiling_in_debt 5, where finances cannot improve anyway).
  int finances_ceiling = 0;
  double growth_rate = 0;
  int64_t arrears_euros = 0;
  int64_t max_debt = 0;

  // The societal costs (CompiledCosts; empty when costs are off): the cache SimState::societal
  // (costs/societal_conditions.hpp).
  std::vector<costs::SocietalCost> societal;

  CareTables care;  // provider network: help-seeking channel, service effects (help_seeking.hpp)

  // The household kernel's channel tables (household_kernel.hpp), per care class, domain and
  // severity, index (class * n_domains + d) * 5 + severity - 1. Class 0: not in care (or in
  // transit); with P providers, 1 + p: in service at provider p, 1 + P + p: waiting at p,
  // 1 + 2P + p: in after-care after p (care_class, care_channels.hpp). The waiting and
  // after-care classes have the provider's worsening factor baked into `worsen` (base x
  // factor in p's effect domains) and no floor. Rebuilt whenever the care tables change (epochs).
  // `base`: the rates before the household's own factors (network, coupling push) and the
  // service's improvement floor (-1 where the class sets none); the channel is
  //   improve = min(1, base.improve x network factor), worsen = min(base.worsen x max(0, 1 + push), 1 - improve),
  //   improve = max(improve, floor), worsen = min(worsen, 1 - improve).
  // `plain`: that channel when no household factor applies (no coupling and network factor 1
  // for every byte: `plain_channels`), so it is a load instead of the arithmetic.
  struct BaseEntry {
    double worsen, improve, floor, unused;  // 32 bytes: one entry never straddles two lines
  };
  struct PlainEntry {
    double worsen, improve, p, unused;  // p = worsen + improve
  };
  int n_classes = 0;
  bool plain_channels = false;
  std::vector<BaseEntry> base_entries;
  std::vector<PlainEntry> plain_entries;  // empty unless plain_channels
  // The coupling matrix column by column, [j * n_domains + d] = coupling(d, j): the push of
  // domain d is the sum over j in increasing order of coupling(d, j) x problem_weight[severity
  // of j - 1]. Column-wise, a household's push is one pass per domain j whose weight is not 0
  // (most domains of most households are at 3..5, weight 0), each pass adding column j times
  // the weight to every domain's push: the dense sum's terms in its order, less terms that
  // are +-0 (which change no bit of a sum that starts at +0).
  std::vector<double> coupling_by_column;
  // Per domain j, bit d set when coupling(d, j) is not 0: the domains whose coupling factor
  // a change of j's problem weight can change.
  std::vector<uint64_t> coupled_domains;
  // 1 at the severities (1..5; index 0 unused) whose problem weight is not 0.
  std::array<uint8_t, kSeverityLevels + 1> weighted_severity{};
  // True when some event's eligibility reads the household's debt (in_debt, debt_free,
  // after_settlement: debt > 0 or the growth condition, so also the finances severity and
  // income): then every change in a busy week recomputes the event channels.
  bool events_read_debt = false;

  // The copula's cut points of every wijk's initial severities (population.hpp:
  // initial_severity_cuts), for the week-0 population and the newcomers; empty without it.
  std::vector<std::array<double, kSeverityLevels - 1>> severity_cuts;

  // Fills n_classes, base_entries, plain_entries from the rates and the care tables.
  void build_channel_tables();

  // Throws std::invalid_argument naming the field when the scenario exceeds a limit or
  // is internally inconsistent (wrong array sizes); the YAML validator should have
  // caught these, this is the engine's own guard.
  static ModelTables build(const CompiledScenario& s);
};

// One domain's channel from its table entry, the rule in ModelTables' comment: the one
// definition behind the plain entries and the kernel's arithmetic (channels.hpp).
// network_factor and coupling_factor (max(0, 1 + push)) are exactly 1.0 where they do not
// apply, and x 1.0 changes no bit.
inline void domain_channel(const ModelTables::BaseEntry& e, double network_factor, double coupling_factor,
                           double& worsen_out, double& improve_out) {
  double improve = std::min(1.0, e.improve * network_factor);
  const double worsen = std::min(e.worsen * coupling_factor, 1.0 - improve);
  improve = std::max(improve, e.floor);  // the service's floor; -1: none
  worsen_out = std::min(worsen, 1.0 - improve);
  improve_out = improve;
}

}  // namespace wijksim::models
