#pragma once
// The `interventions:` and `costs:` sections: parsing (parse_interventions.cpp,
// parse_costs.cpp), checks and compilation (parse_interventions_compile.cpp), and the
// resolved-YAML writer (parse_interventions_emit.cpp). Internal to wijksim::scenarios.
#include <ostream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/scenarios/interventions_spec.hpp"
#include "wijksim/scenarios/spec.hpp"
#include "wijksim/scenarios/validate.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {

// A numeric parameter of an intervention type: YAML key, default, unit and source.
struct ParameterInfo {
  const char* key;
  double default_value;
  const char* note;  // unit; source (DOMAIN-FIGURES section) or "assumed"
};
// The numeric parameters a type accepts, with defaults (the one place they are defined).
const std::vector<ParameterInfo>& intervention_parameters(const std::string& type);
// Non-numeric parameter keys a type accepts (effect_domains, providers, generalist, ...).
const std::vector<std::string>& intervention_list_parameters(const std::string& type);
std::vector<std::string> intervention_type_list();
std::vector<std::string> cost_financier_list();  // costs::kFinancierNames as strings

void parse_interventions(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                         std::vector<InterventionSpec>& out);
void parse_costs(ParseContext& ctx, const YAML::Node& node, const std::string& path, CostsSpec& out);

// Cross-field checks (names exist, ranges). `provider_names`: the scenario's providers,
// for the network-changing types.
void validate_interventions(const ScenarioSpec& spec, const std::vector<std::string>& provider_names,
                            const SourceMap& where, std::vector<ScenarioIssue>& issues);
void validate_costs(const ScenarioSpec& spec, const SourceMap& where, std::vector<ScenarioIssue>& issues);

// Fills out.interventions and out.costs; call after domains, wijken and the provider
// network are compiled (names resolve against `out`). Assumes a validated spec.
void compile_interventions(const ScenarioSpec& spec, CompiledScenario& out);
void compile_costs(const ScenarioSpec& spec, CompiledScenario& out);

// Resolved YAML of both sections (every default written).
void emit_interventions(std::ostream& out, const std::vector<InterventionSpec>& interventions);
void emit_costs(std::ostream& out, const CostsSpec& costs);

}  // namespace wijksim::scenarios::detail
