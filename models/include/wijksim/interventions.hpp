#pragma once
// Compiled interventions: named, time-bounded policy changes that a scenario switches on
// for a target group (scenario key `interventions:`). Plain data, names resolved to
// indices by the loader; CompiledScenario holds them as `interventions`. The mechanisms
// live in models/src/interventions/ (one file per type, mechanism documented there).
//
// Design note: one flat struct with the parameters of every type, instead of a variant or
// a class hierarchy. The weekly loop switches on `type` once per intervention and reads
// plain doubles; the loader fills only the fields its type uses and the rest keep their
// defaults, so emit/compare stay trivial. Rejected: virtual "Intervention" objects (a
// virtual call per household-week, and state hidden from the SimState-style arrays).
//
// Money is in whole euro cents (int64) so that budgets and ledgers are exact.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/providers/network.hpp"

namespace wijksim {

enum class InterventionType : uint8_t {
  debt_restructuring = 0,     // saneringskrediet: credit bank settles, household repays
  outreach = 1,               // preventive wijkteam visits (Eropaf, Achter de Voordeur)
  early_signals = 2,          // vroegsignalering: arrears signals -> contact -> coaching
  social_prescribing = 3,     // Welzijn op recept: GP -> welfare activities
  capacity_change = 4,        // a provider's capacity changes from a week on
  pooled_budget = 5,          // ontschotting: one budget, generalists deliver silo work
  informal_care = 6,          // volunteer ambassadors take light demand
  case_manager_continuity = 7,// generalist stays contact person on referral
  collective_day_activities = 8,  // collective instead of individual day activities
};
inline constexpr int kInterventionTypeCount = 9;
inline constexpr std::array<std::string_view, kInterventionTypeCount> kInterventionTypeNames{
    "debt_restructuring", "outreach",      "early_signals",           "social_prescribing",
    "capacity_change",    "pooled_budget", "informal_care",           "case_manager_continuity",
    "collective_day_activities"};

// At most this many interventions per scenario: per-household bookkeeping uses one bit
// per intervention (uint32) and the RNG reserves a draw-index block per intervention.
inline constexpr int kMaxInterventions = 32;

// Who an intervention may reach. Every condition must hold (AND); an empty list or the
// default bound means "no condition". `all: true` in YAML is the all-default target.
struct InterventionTarget {
  std::vector<uint8_t> wijk;                     // per wijk: 1 = targeted; empty = every wijk
  int min_age = 0, max_age = 200;                // head of household, years, inclusive
  uint32_t kinds = providers::kAllKinds;         // bit mask over providers::HouseholdKind
  std::vector<providers::DomainThreshold> any_of;  // ANY domain at or below its level
  double min_income = 0;                         // euros / month net, inclusive
  double max_income = std::numeric_limits<double>::infinity();
  int64_t min_debt = 0;                          // euros, inclusive
  int64_t max_debt = std::numeric_limits<int64_t>::max();
};

// Parameters of every type (only those of `type` are used; see each mechanism's file).
struct InterventionParams {
  // Common: how households are found and what enrolment does.
  double weekly_uptake = 0;        // P(found and enrolled) per targeted household-week
  double contact_probability = 1;  // P(contact accepted | found)
  int duration_weeks = 26;         // weeks enrolled (coaching, activities)
  double dropout_weekly = 0;       // P(leaves early) per enrolled week
  double improve_weekly = 0;       // P(+1 severity) per enrolled week in each effect domain
  std::vector<int> effect_domains; // domains the enrolment improves
  int problem_at_or_below = 2;     // a domain at or below this is a "problem" (outreach)
  int64_t cost_per_enrolment_cents = 0;
  int64_t cost_per_week_cents = 0;
  // debt_restructuring
  double settlement_fraction = 0.6;  // creditors accept this share of the debt
  int repay_months = 36;             // household repays the full debt to the bank over N months
  int finances_after_settlement = 3; // finances severity set to at least this on settlement
  double repay_income_floor = 1200;  // euros / month the household keeps (vrij te laten bedrag)
  double repay_income_share = 1.0;   // share of income above the floor that can go to the bank
  // outreach
  double visits_per_week = 0;        // households visited per week across the target wijken
  // early_signals
  double signal_weekly = 0;          // P(arrears signal) per week while debts grow
  int delay_weeks = 4;               // signal -> contact attempt
  // social_prescribing
  double gp_visit_weekly = 0;        // P(GP visit) per week for a psychosocial complaint
  double referral_probability = 0;   // P(GP refers to welfare | visit)
  int64_t avoided_cost_per_referral_cents = 0;  // GGZ treatment not started (financier below)
  int avoided_financier = 3;         // Financier index of that avoided cost (default zvw)
  // informal_care
  int max_concurrent = 0;            // volunteers x clients each; 0 = no limit
  // collective_day_activities
  int64_t individual_cost_per_week_cents = 0;  // what the replaced individual form costs
  // provider-network changes (capacity_change, pooled_budget, case_manager_continuity)
  std::vector<int> providers;        // provider indices affected
  double capacity_factor = 1.0;      // capacity_change: capacity x factor + delta
  int capacity_delta = 0;
  double loss_reduction = 0;         // pathways lose (1 - this) x as many households
  double dropout_reduction = 0;      // providers' weekly dropout x (1 - this)
  int generalist = -1;               // pooled_budget: provider that takes over silo effects
  int pooled_financier = 0;          // pooled_budget: financier that pays for all of them
};

struct CompiledIntervention {
  std::string name;
  InterventionType type = InterventionType::outreach;
  uint32_t start_week = 1;           // first week (step) in which it acts
  uint32_t end_week = 0xFFFFFFFFu;   // last week it acts (inclusive)
  InterventionTarget target;
  int64_t budget_cents = -1;         // -1 = no budget; else stops enrolling when spent
  int financier = 7;                 // cost-financier index (costs.hpp), default municipality
  InterventionParams params;

  bool active(uint32_t week) const { return week >= start_week && week <= end_week; }
};

}  // namespace wijksim
