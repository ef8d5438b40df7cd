#pragma once
// ScenarioSpec: the editable form of a scenario, a one-to-one mirror of the YAML file
// with every default filled in. The loader (load.hpp) builds it from YAML and records
// where each value was written (SourceMap) so that validate() can point at file:line;
// compile() turns it into the flat CompiledScenario the engine reads; emit() writes it
// back as scenario.resolved.yaml, which reproduces the run byte for byte.
//
// Defaults live here, next to the field, with unit and source. Sources refer to
// ../shared/reference/DOMAIN-FIGURES.md sections; "assumed" says why.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/scenarios/interventions_spec.hpp"
#include "wijksim/scenarios/providers_spec.hpp"

namespace wijksim::scenarios {

struct DomainSpec {
  std::string name;
  // Weekly probabilities by severity 1..5 (index 0 = severity 1).
  std::vector<double> worsen;    // worsen[0] must be 0 (cannot fall below acute)
  std::vector<double> improve;   // improve[4] must be 0 (cannot rise above 5)
  std::vector<double> initial;   // initial severity distribution, sums to 1

  bool operator==(const DomainSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct DynamicsSpec {
  // coupling[i][j]: how much a problem in domain j raises the worsening of domain i.
  // Empty = no coupling. Must be n_domains x n_domains when given.
  std::vector<std::vector<double>> coupling;
  std::vector<double> problem_weight{2.0, 1.0, 0.0, 0.0, 0.0};  // by severity; assumed: acute counts double
  double network_improvement = 0.5;  // improve *= 1 + this * network strength; assumed

  bool operator==(const DynamicsSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct LifeEventSpec {
  std::string name;
  double weekly_rate = 0;                  // probability per eligible household per week
  std::string applies_to = "all";          // all | employed | couples | with_children
  std::map<std::string, int> severity;     // domain name -> delta (negative = worse)
  double income_factor = 1.0;
  double debt_add = 0;
  int creditors_add = 0;
  std::string work_status;                 // "" = unchanged, else a work status name
  int adults_delta = 0;
  int children_delta = 0;
  bool becomes_single_parent_if_children = false;

  bool operator==(const LifeEventSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct DebtSpec {
  bool enabled = true;
  std::string finances_domain = "finances";
  int grows_at_or_below = 2;
  double low_income_threshold = 1800;        // euros/month net; assumed near 120% social minimum
  double weekly_growth_rate = 0.0015;        // ~8%/year interest and collection fees; assumed
  double weekly_arrears = 25;                // euros/week; assumed
  double max_debt = 250000;
  double initial_mean_if_problem = 40000;    // NVVK 2019-2022 average debt (§2.2)
  double initial_creditors_mean = 13;        // NVVK average creditors (§2.2)

  bool operator==(const DebtSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct IncomeSpec {
  double low_income_mean = 1400;   // euros/month net; assumed (CBS low-income line)
  double other_mean = 3300;        // assumed, CBS median disposable household income
  double benefits_mean = 1300;     // bijstand norm for a single adult incl. holiday pay; assumed
  double sd_fraction = 0.25;

  bool operator==(const IncomeSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct WijkSpec {
  std::string name;
  long long households = 0;                 // > 0
  double single_parent_share = 0.074;       // CBS 2023, §5.2
  double couple_share = 0.45;               // assumed (CBS: 39.5% one-person)
  double with_children_share = 0.35;        // among non-single-parent households; assumed
  double low_income_share = 0.08;           // CBS KWB HuishoudensMetEenLaagInkomen, national ~8%
  double benefits_share = 0.05;             // CBS 85585NED, ~397k bijstand / 8.3M households
  std::map<std::string, double> age_groups{{"age_18_26", 0.07}, {"age_27_44", 0.32},
                                           {"age_45_64", 0.33}, {"age_65_plus", 0.28}};
  std::map<std::string, double> problem_prevalence;  // domain -> share at severity <= 2
  double low_income_risk_ratio = 2.5;       // problem prevalence ratio low vs other income; assumed
  double network_strength_mean = 0.55;
  double care_avoidance_mean = 0.3;

  bool operator==(const WijkSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct PopulationSpec {
  IncomeSpec income;
  // Gaussian-copula correlation of the initial severities across domains (one latent
  // vulnerability per household); 0 = independent draws. In [0, 1).
  double problem_correlation = 0;
  std::vector<WijkSpec> wijken;

  bool operator==(const PopulationSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct ScenarioSpec {
  std::string name = "scenario";
  std::string description;
  unsigned long long seed = 1;
  unsigned long long replication = 0;
  long long weeks = 520;
  std::vector<DomainSpec> domains;
  DynamicsSpec dynamics;
  std::vector<LifeEventSpec> life_events;
  DebtSpec debt;
  PopulationSpec population;
  std::vector<InterventionSpec> interventions;  // interventions_spec.hpp (helper F)
  CostsSpec costs;                              // interventions_spec.hpp (helper F)
  ProvidersSpec network;  // providers, pathways, help_seeking (providers_spec.hpp)

  bool operator==(const ScenarioSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

}  // namespace wijksim::scenarios
