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

namespace wijksim::scenarios {

// Who an intervention may reach; every given condition must hold.
struct TargetSpec {
  bool all = false;                         // `all: true`: explicitly everybody (no other key allowed)
  std::vector<std::string> wijken;          // empty = every wijk
  std::vector<long long> age;               // [min, max] of the head of household, inclusive; empty = any
  std::vector<std::string> household_types; // single | couple | single_parent | couple_with_children
  std::map<std::string, int> domains;       // ANY domain at or below its level; empty = any
  std::vector<double> income;               // [min, max] euros / month net; empty = any
  std::vector<double> debt;                 // [min, max] euros; empty = any

  bool operator==(const TargetSpec&) const = default;
};

struct InterventionSpec {
  std::string type;                         // one of kInterventionTypeNames
  std::string name;
  long long start_week = 1;
  long long end_week = -1;                  // -1 = until the end of the run
  TargetSpec target;
  double budget = -1;                       // euros; -1 = no budget
  std::string financier = "municipality";   // who pays the intervention's own costs
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
  std::string name;
  std::map<std::string, int> when;          // ALL domains at or below these levels
  std::string work_status;                  // "" = any
  bool needs_children = false;
  double weekly_probability = 0;
  double unit_cost = 0;                     // euros per event
  std::string financier = "municipality";

  bool operator==(const SocietalCostSpec&) const = default;
};

// Default societal costs (DOMAIN-FIGURES §3.2; "assumed" where no Dutch figure exists).
std::vector<SocietalCostSpec> default_societal_costs();

struct CostsSpec {
  bool enabled = true;
  double discount_rate = 0.0225;            // per year; Dutch MKBA guideline rate
  std::vector<SocietalCostSpec> societal = default_societal_costs();

  bool operator==(const CostsSpec&) const = default;
};

}  // namespace wijksim::scenarios
