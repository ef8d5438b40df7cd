#pragma once
// Parsers, compiler and emitter of the provider sections (parse_providers.cpp,
// compile_providers.cpp, parse_providers_emit.cpp). Hooks: parse_scenario() calls the
// three parse_* for the keys `providers`, `pathways`, `help_seeking`; validate() appends
// validate_providers(); compile() sets out.network = compile_providers(...); emit()
// calls emit_providers().
#include <ostream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/providers/network.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/providers_spec.hpp"
#include "wijksim/scenarios/validate.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {

void parse_providers(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                     std::vector<ProviderSpec>& out);
void parse_pathways(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                    std::vector<PathwaySpec>& out);
void parse_help_seeking(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                        HelpSeekingSpec& out);

// Names resolved to indices; unknown names are recorded in `issues` (with the key path
// placed by `where`) and left as -1 for the structural checks to skip.
providers::CompiledProviderNetwork compile_providers(const ProvidersSpec& spec,
                                                     const std::vector<std::string>& domains,
                                                     const std::vector<std::string>& wijken,
                                                     const SourceMap& where,
                                                     std::vector<ScenarioIssue>& issues);

// The three sections as resolved YAML (parse_providers_emit.cpp), for emit().
void emit_providers(std::ostream& out, const ProvidersSpec& spec);

// Every network issue (validate_network) as a ScenarioIssue at its key path:
// providers[i], pathways[j], population.wijken[w].
std::vector<ScenarioIssue> validate_providers(const ProvidersSpec& spec,
                                              const std::vector<std::string>& domains,
                                              const std::vector<std::string>& wijken,
                                              const SourceMap& where);

// One-line hooks for validate() and compile(): the whole network section of a spec.
void validate_network_section(const ScenarioSpec& spec, const SourceMap& where,
                              std::vector<ScenarioIssue>& issues);
void compile_network_section(const ScenarioSpec& spec, CompiledScenario& out);

}  // namespace wijksim::scenarios::detail
