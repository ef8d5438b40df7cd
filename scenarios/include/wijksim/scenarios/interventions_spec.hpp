#pragma once
// The editable form of the `interventions:` and `costs:` sections, one-to-one with the
// YAML, defaults filled in. Parsed by scenarios/src/parse_interventions.cpp and
// parse_costs.cpp, checked and compiled by parse_interventions_compile.cpp, written back
// by parse_interventions_emit.cpp. The mechanisms are documented in
// models/src/interventions/ (one file per type).
//
// Money is in euros here (as written); compile() turns it into cents.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/scenarios/keys.hpp"

namespace wijksim::scenarios {

// Who an intervention may reach; every given condition must hold.
struct TargetSpec {
  WIJKSIM_TARGET_KEYS(WIJKSIM_SPEC_FIELD)  // every given condition must hold (keys.hpp)
  bool operator==(const TargetSpec&) const = default;
};

struct InterventionSpec {
  WIJKSIM_INTERVENTION_KEYS(WIJKSIM_SPEC_FIELD)  // type, name, start_week, end_week, target, budget, financier
  // Type-specific parameters, as written (checked against the type's known keys). Numbers
  // only, except the list-valued keys below.
  std::map<std::string, double> parameters;
  std::vector<std::string> effect_domains;  // parameters.effect_domains
  std::vector<std::string> providers;       // parameters.providers (network changes)
  std::string generalist;                   // parameters.generalist (pooled_budget)
  std::string pooled_financier;             // parameters.pooled_financier (pooled_budget)
  std::string avoided_financier;            // parameters.avoided_financier (social_prescribing)

  bool operator==(const InterventionSpec&) const = default;
};

struct SocietalCostSpec {
  WIJKSIM_SOCIETAL_COST_KEYS(WIJKSIM_SPEC_FIELD)
  bool operator==(const SocietalCostSpec&) const = default;
};

// Default societal costs (DOMAIN-FIGURES §3.2; "assumed" where no Dutch figure exists).
std::vector<SocietalCostSpec> default_societal_costs();

struct CostsSpec {
  WIJKSIM_COSTS_KEYS(WIJKSIM_SPEC_FIELD)  // enabled, discount_rate
  std::vector<SocietalCostSpec> societal = default_societal_costs();

  bool operator==(const CostsSpec&) const = default;
};

}  // namespace wijksim::scenarios
