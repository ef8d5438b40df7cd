#pragma once
// The compiled provider network: providers (who helps, how many at once, for how long,
// with what effect, at whose cost) and referral pathways between them. Plain data, names
// resolved to indices by the loader; CompiledScenario holds one as `network`.
//
// Design note: providers and pathways are flat vectors indexed by int, and the derived
// per-provider outgoing lists are data + offsets (tskit style), so the weekly loop walks
// contiguous arrays. The Boost.Graph view (graph.hpp) is built from this only for
// validation; keeping the graph out of the hot loop avoids its per-vertex allocations.
// Money is stored in whole euro cents (int64) so cost sums are exact and independent of
// the order in which threads finish.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/providers/names.hpp"

namespace wijksim::providers {

// Household composition as eligibility sees it (bit i of Eligibility::kinds).
enum class HouseholdKind : uint8_t { single = 0, couple = 1, single_parent = 2, couple_with_children = 3 };
inline constexpr uint32_t kAllKinds = 0xF;

// "domain at severity <= level" (ZRM 1..5; 1 acute).
struct DomainThreshold {
  int domain = 0;
  int at_or_below = 2;
};

// While a household is in service, domain `domain` improves one level per week with
// probability `weekly_improve` instead of its base improvement rate (when higher). The
// models' dynamics phase applies it; the provider machinery only tracks who is served.
struct DomainEffect {
  int domain = 0;
  double weekly_improve = 0.0;
};

struct Eligibility {
  // Empty: no severity condition. Otherwise eligible when ANY listed domain is at or
  // below its level (a provider for money problems takes anyone with finances <= 2).
  std::vector<DomainThreshold> any_of;
  int min_age = 0;                  // age of the head of household, years, inclusive
  int max_age = 200;
  uint32_t kinds = kAllKinds;       // bit mask over HouseholdKind
};

struct CompiledProvider {
  std::string name;                 // unique within the scenario
  ProviderType type = ProviderType::wijkteam;
  std::string type_name;            // written type (differs from name_of(type) for `user`)
  std::vector<int> wijken;          // wijk indices served; empty = the whole city
  int32_t capacity = 0;             // concurrent clients (FTE x caseload resolved by the loader)
  // > 0: capacity is this many clients per household of the served wijken, resolved when a
  // run starts (resolve_capacities), so it follows `--households` scaling. households-ref:
  // 0.01 (N/100).
  double capacity_share = 0.0;
  DurationKind duration = DurationKind::geometric;
  double mean_weeks = 8.0;          // mean service length, weeks (>= 1)
  double dropout_weekly = 0.0;      // probability per week in service of dropping out
  // Waiting lists (issue 14). A household on the queue gives up with this probability per
  // week from the week after it joined (one Purpose::reneging draw per waiting household
  // and week; 0 = off and no draw at all, so common random numbers hold).
  double leave_waiting_weekly = 0.0;
  // Patience per household: household h gives up with min(1, leave_waiting_weekly x (1 +
  // leave_waiting_avoidance x care_avoidance_h)), so those who avoid care leave first and
  // the list's time to giving up is a mixture of geometrics. 0 = everybody alike (the same
  // probability to the bit, so common random numbers hold).
  double leave_waiting_avoidance = 0.0;
  // While waiting here, the worsening probability of the effect domains is multiplied by
  // this (capped so that worsen + improve <= 1): deterioration while waiting. 1 = none.
  double waiting_worsen_factor = 1.0;
  // After a service here ends (no dropout, no onward referral) the household spends this
  // many weeks in after-care (CareStatus::after_care: no help-seeking, its effect domains'
  // worsening x after_care_worsen_factor), then leaves care. 0 = off.
  int after_care_weeks = 0;
  double after_care_worsen_factor = 1.0;
  // The care a city already has at week 0 (issue 14: a run that starts with empty lists
  // spends its first years filling them). place_initial_care puts `initial_in_service`
  // households in service (at most the capacity) and the next `initial_waiting` on the
  // waiting list, the eligible households not yet in care with the worst severity in the
  // effect domains first (ties by a keyed draw). The head of that list has waited
  // `initial_waited_weeks`, the others evenly less down to 1 (a FIFO list fed at a constant
  // rate); 0 = everybody joined at week 0. All 0 = nothing placed, no draw.
  int32_t initial_in_service = 0;
  int32_t initial_waiting = 0;
  int32_t initial_waited_weeks = 0;
  // Debt assistance (issue 14): a household whose service here ends as planned (not a
  // dropout) has its debt settled with this probability (a schuldregeling that ends
  // debt-free). The engine only lists those completions (ProviderState::completed); the
  // models, which own debt, draw and settle (models/src/debt_settlement.cpp). 0 = off:
  // nothing listed, no draw.
  double settles_debt = 0.0;
  std::vector<DomainEffect> effects;
  int discharge_at_or_above = 0;    // discharge early when every effect domain is >= this; 0 = off
  Eligibility eligibility;
  QueueDiscipline discipline = QueueDiscipline::fifo;
  int64_t cost_per_week_cents = 0;  // per client-week in service
  int64_t intake_cost_cents = 0;    // one-off, per admission
  Financier financier = Financier::wmo;
};

struct CompiledPathway {
  int from = -1;                    // provider index; -1 = unknown (see from_name)
  int to = -1;
  std::string from_name, to_name;   // as written, for messages
  PathwayTrigger trigger = PathwayTrigger::discharge;
  std::vector<DomainThreshold> condition;  // ALL must hold; empty = always
  double probability = 1.0;         // chance the pathway is taken when its condition holds
  int delay_weeks = 0;              // >= 0; 0 = joins the queue in the same week
  double loss = 0.0;                // chance the household never arrives ("tussen wal en schip")
  bool continuity = false;          // referring generalist stays case manager
};

struct CompiledHelpSeeking {
  bool enabled = false;
  // Probability per week that a household not in care asks for help, by its worst
  // severity (index 0 = severity 1), before care avoidance.
  std::array<double, 5> weekly_by_worst{};
  double avoidance_effect = 1.0;    // p *= 1 - avoidance_effect * care_avoidance (0..1)
  // Entry point by the domain of the household's worst problem: provider types in
  // preference-free order (one is drawn among those serving the wijk). Empty row ->
  // default_entry.
  std::vector<std::vector<ProviderType>> entry_by_domain;  // n_domains (may be empty)
  std::vector<ProviderType> default_entry{ProviderType::wijkteam};
};

struct CompiledProviderNetwork {
  std::vector<CompiledProvider> providers;
  std::vector<CompiledPathway> pathways;
  CompiledHelpSeeking help_seeking;

  // Derived by finalise_network(): outgoing pathways of provider p, in pathway order,
  // are out_pathways[out_offsets[p] .. out_offsets[p+1]).
  std::vector<int> out_offsets, out_pathways;
  // Entry candidates for (wijk w, worst domain d): entry_providers[entry_offsets[w*D+d]
  // .. entry_offsets[w*D+d+1]), D = n_domains.
  int n_domains = 0;
  std::vector<int> entry_offsets, entry_providers;

  bool enabled() const { return !providers.empty(); }
  bool serves(int provider, int wijk) const;
};

// Capacity of each provider for a run: `capacity`, or capacity_share x households of the
// served wijken (rounded down, at least 1 when the share is positive) when a share is set.
std::vector<int32_t> resolve_capacities(const CompiledProviderNetwork& net,
                                        const std::vector<uint64_t>& wijk_households);

// Fills the derived members. Pathways with an unknown endpoint are left out of the
// outgoing lists (validation reports them). Call after the loader resolved names.
void finalise_network(CompiledProviderNetwork& net, int n_wijken, int n_domains);

}  // namespace wijksim::providers
