#pragma once
// CompiledScenario: the flat, immutable description of a city that the engine and the
// models read. It is produced once by scenarios/ (YAML -> ScenarioSpec -> validate ->
// compile) and never changes during a run; all names are resolved to indices here, so
// the weekly loop never compares strings. The engine target does not link yaml-cpp:
// this header is plain data only.
//
// Conventions: severities are ZRM levels 1..5 (1 acute, 5 fully self-sufficient); arrays
// indexed "by severity" have 5 entries, index 0 = severity 1. Money is in euros; rates
// are probabilities per weekly step.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "wijksim/costs.hpp"
#include "wijksim/interventions.hpp"
#include "wijksim/providers/network.hpp"

namespace wijksim {

inline constexpr int kSeverityLevels = 5;
using SeverityArray = std::array<double, kSeverityLevels>;

enum class WorkStatus : uint8_t { employed = 0, unemployed = 1, benefits = 2, retired = 3, student = 4 };
inline constexpr int kWorkStatusCount = 5;

// Per-domain weekly transition probabilities. With one uniform u per domain and week:
// u < worsen[s-1] -> severity s-1; else u < worsen[s-1] + improve[s-1] -> s+1.
// worsen[0] (already acute) and improve[4] (already fully self-sufficient) are 0.
struct DomainRates {
  SeverityArray worsen{};
  SeverityArray improve{};
};

// Which households a life event can hit.
enum class EventEligibility : uint8_t {
  all = 0,
  employed = 1,        // work_status == employed
  couples = 2,         // adults >= 2
  with_children = 3,   // children >= 1
  // Appended (issue 14): the debt and work exits and entries as life events.
  in_debt = 4,         // debt > 0, or debt grows this week (finances low, income low): stable in quiet weeks
  debt_free = 5,       // not in_debt
  unemployed = 6,      // work_status == unemployed
  on_benefits = 7,     // work_status == benefits
  couples_without_children = 8,  // adults >= 2, children == 0
  singles = 9,         // adults == 1 (with or without children)
  // Appended (issue 14, deaths): retired (65+ at arrival) singles and couples. Work status
  // and composition change only through events, so a quiet week never changes these either.
  retired_singles = 10,  // work_status == retired, adults == 1
  retired_couples = 11,  // work_status == retired, adults >= 2
  // Appended (issue 14, debt assistance): a provider settled the household's debt
  // (kFlagDebtSettled) and it is debt_free: the relapse risk after a schuldregeling.
  after_settlement = 12,
};

struct CompiledLifeEvent {
  std::string name;
  EventEligibility eligibility = EventEligibility::all;
  double weekly_rate = 0.0;                     // probability per eligible household per week (required)
  std::vector<std::pair<int, int>> severity_delta;  // (domain index, delta); negative = worse
  double income_factor = 1.0;                   // income multiplied by this
  double debt_add = 0.0;                        // euros of new debt
  int creditors_add = 0;                        // new creditors
  int set_work_status = -1;                     // WorkStatus value, or -1 = unchanged
  int adults_delta = 0;                         // e.g. relationship breakdown: -1
  int children_delta = 0;                       // e.g. a young person turning 18: -1
  bool becomes_single_parent_if_children = false;
  bool clear_debt = false;                      // debt and creditors set to 0, before debt_add
  std::vector<std::pair<int, int>> severity_at_least;  // (domain, level): severity raised to at least level
  std::vector<std::pair<int, int>> severity_at_most;   // (domain, level): severity lowered to at most level
  // The household leaves the city (moves out, or its last member dies) and a newcomer moves
  // into its dwelling (models/src/turnover.hpp); none of the week's other effects apply.
  bool leaves_city = false;
  // Index of the provider the household is referred to (refers_to:), -1 = none. Providers
  // keep their index in every network epoch.
  int refers_to = -1;
};

// Defaults of the parameter structs below equal the scenario schema's
// (scenarios/include/wijksim/scenarios/keys.hpp, where they are declared with unit and
// source; tests/scenarios/test_schema.cpp checks they agree), so that a scenario built
// in code (models/src/synthetic.cpp, tests) starts from the same city as a YAML file.
// Exceptions, named where they are: what only compile() can know (indices, `enabled`).

struct CompiledDebt {
  bool enabled = false;              // off unless compiled from a scenario with a finances domain
  int finances_domain = -1;          // index of the domain whose severity drives debt
  int grows_at_or_below = 2;         // debt grows while finances severity <= this ...
  double low_income_threshold = 1800;  // ... and monthly net income (euros) is below this
  double weekly_growth_rate = 0.0015;  // multiplicative growth per week (interest, fees)
  double weekly_arrears = 25;        // euros of new arrears per week
  double max_debt = 250000;          // cap, euros
  double initial_mean_if_problem = 40000;  // mean initial debt (euros) when finances <= 2
  double initial_creditors_mean = 13;
  int finances_ceiling_in_debt = 5;  // in debt, finances does not improve at or above this (5: none)
};

struct CompiledWijk {
  std::string name;
  uint32_t households = 0;             // required in a scenario: no default
  double single_parent_share = 0.074;
  double couple_share = 0.45;          // adults == 2 (the rest, not single parents, are singles)
  double with_children_share = 0.35;   // among non-single-parent households
  double low_income_share = 0.08;
  double benefits_share = 0.05;
  std::array<double, 4> age_group_share{0.07, 0.32, 0.33, 0.28};  // head of household 18-26, 27-44, 45-64, 65+
  double network_strength_mean = 0.55;  // 0..1
  double care_avoidance_mean = 0.3;    // 0..1
  // Initial severity distribution per domain (n_domains x 5, rows sum to 1), for a
  // household that is not low income, and for one that is.
  std::vector<SeverityArray> initial_severity;
  std::vector<SeverityArray> initial_severity_low_income;
};

struct CompiledIncome {
  double low_income_mean = 1400;   // euros / month, net
  double other_mean = 3300;
  double benefits_mean = 1300;
  double sd_fraction = 0.25;       // sd as a fraction of the mean (lognormal-ish)
  double problem_correlation = 0;  // population.problem_correlation: copula rho of initial severities
  double unemployed_share = 0;     // population.unemployed_share: of the employed, unemployed at week 0
};

struct CompiledScenario {
  std::string name;
  uint64_t seed = 0;
  uint32_t replication = 0;
  uint32_t weeks = 0;

  // Domains (data, not code).
  std::vector<std::string> domain_names;
  int n_domains = 0;
  std::vector<DomainRates> rates;          // n_domains
  // Cross-domain coupling: worsening probability of domain i is multiplied by
  // (1 + sum_j coupling(i, j) * problem_weight[severity_j - 1]). Zero matrix = off.
  Eigen::MatrixXd coupling;                // n_domains x n_domains
  SeverityArray problem_weight{};          // problem intensity per severity level
  bool coupling_enabled = false;           // any non-zero entry
  double network_improvement = 0;          // improve *= 1 + network_improvement * network

  std::vector<CompiledLifeEvent> events;
  CompiledDebt debt;
  CompiledIncome income;
  std::vector<CompiledWijk> wijken;
  // Providers, referral pathways and help-seeking (engine/include/wijksim/providers/).
  // Empty = no provider network: the run is dynamics only.
  providers::CompiledProviderNetwork network;
  // Interventions (wijksim/interventions.hpp), in scenario order; empty = none.
  std::vector<CompiledIntervention> interventions;
  // Unit costs of societal events, discounting (wijksim/costs.hpp).
  costs::CompiledCosts costs;

  uint64_t total_households() const {
    uint64_t n = 0;
    for (const auto& w : wijken) n += w.households;
    return n;
  }
};

}  // namespace wijksim
