#pragma once
// ScenarioSpec: the editable form of a scenario, a one-to-one mirror of the YAML file
// with every default filled in. The loader (load.hpp) builds it from YAML and records
// where each value was written (SourceMap) so that validate() can point at file:line;
// compile() turns it into the flat CompiledScenario the engine reads; emit() writes it
// back as scenario.resolved.yaml, which reproduces the run byte for byte.
//
// The fields of every key come from the key lists in keys.hpp (one row per key: type,
// default, check, unit, meaning, source); only the sections are declared here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/scenarios/interventions_spec.hpp"
#include "wijksim/scenarios/keys.hpp"
#include "wijksim/scenarios/providers_spec.hpp"

namespace wijksim::scenarios {

struct DomainSpec {
  WIJKSIM_DOMAIN_KEYS(WIJKSIM_SPEC_FIELD)  // name, worsen, improve, initial (keys.hpp)

  bool operator==(const DomainSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct DynamicsSpec {
  WIJKSIM_DYNAMICS_KEYS(WIJKSIM_SPEC_FIELD)  // coupling, problem_weight, network_improvement

  bool operator==(const DynamicsSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct LifeEventSpec {
  WIJKSIM_LIFE_EVENT_KEYS(WIJKSIM_SPEC_FIELD)

  bool operator==(const LifeEventSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct DebtSpec {
  WIJKSIM_DEBT_KEYS(WIJKSIM_SPEC_FIELD)

  bool operator==(const DebtSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct IncomeSpec {
  WIJKSIM_INCOME_KEYS(WIJKSIM_SPEC_FIELD)

  bool operator==(const IncomeSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct WijkSpec {
  WIJKSIM_WIJK_KEYS(WIJKSIM_SPEC_FIELD)

  bool operator==(const WijkSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct PopulationSpec {
  IncomeSpec income;
  WIJKSIM_POPULATION_KEYS(WIJKSIM_SPEC_FIELD)  // problem_correlation
  std::vector<WijkSpec> wijken;

  bool operator==(const PopulationSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

struct ScenarioSpec {
  WIJKSIM_TOP_KEYS(WIJKSIM_SPEC_FIELD)  // name, description, seed, replication, weeks
  std::vector<DomainSpec> domains;
  DynamicsSpec dynamics;
  std::vector<LifeEventSpec> life_events;
  DebtSpec debt;
  PopulationSpec population;
  std::vector<InterventionSpec> interventions;  // interventions_spec.hpp
  CostsSpec costs;                              // interventions_spec.hpp
  ProvidersSpec network;  // providers, pathways, help_seeking (providers_spec.hpp)

  bool operator==(const ScenarioSpec&) const = default;  // round-trip tests: load(emit(spec)) == spec
};

}  // namespace wijksim::scenarios
