#pragma once
// One parse function per top-level section of a scenario file. Each reads the section's
// YAML node (already known to exist) into its part of the spec, using the reader layer.
// To add a section `foo:`: declare parse_foo here, write parse_foo.cpp, call it from
// parse_scenario() and add the field to ScenarioSpec (see ../README.md).
#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/spec.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {

void parse_domains(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::vector<DomainSpec>& out);
void parse_dynamics(ParseContext& ctx, const YAML::Node& node, const std::string& path, DynamicsSpec& out);
void parse_life_events(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                       std::vector<LifeEventSpec>& out);
void parse_debt(ParseContext& ctx, const YAML::Node& node, const std::string& path, DebtSpec& out);
void parse_population(ParseContext& ctx, const YAML::Node& node, const std::string& path, PopulationSpec& out);

// The whole file; the root is a mapping.
ScenarioSpec parse_scenario(ParseContext& ctx, const YAML::Node& root);

}  // namespace wijksim::scenarios::detail
