#pragma once
// Internal: the experiment file's own sections, read with the scenario reader layer.
#include <string>
#include <vector>

#include "wijksim/experiments/design.hpp"
#include "wijksim/experiments/outputs.hpp"
#include "wijksim/scenarios/validate.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {

struct ExperimentOverride {
  Override override;        // key path and YAML value text
  SourceLocation where;     // where it was written in the experiment file
};
struct ExperimentVariantSpec {
  std::string name;
  std::vector<ExperimentOverride> overrides;
  // `add_interventions:` (intervention mappings, checked by the scenario parser like the
  // scenario's own) and `remove_interventions:` (names in the base scenario).
  std::vector<YAML::Node> add_interventions;
  std::vector<SourceLocation> add_where;
  std::vector<std::string> remove_interventions;
  std::vector<SourceLocation> remove_where;
};
struct ExperimentSpec {
  std::string name;
  unsigned long long seed = 1;
  long long replications = 1;
  std::string scenario_path;     // set when `scenario:` is a path
  YAML::Node scenario_inline;    // set when `scenario:` is a mapping
  std::vector<ExperimentVariantSpec> variants;
  experiments::DesignKind design = experiments::DesignKind::none;
  long long samples = 0;
  std::vector<experiments::SweepParameter> parameters;
  std::vector<SourceLocation> parameter_where;
  experiments::OutputSpec outputs;
};

// A node as one line of YAML flow text (the value text of an Override).
std::string flow_text(const YAML::Node& node);

ExperimentSpec parse_experiment(ParseContext& ctx, const YAML::Node& root);

}  // namespace wijksim::scenarios::detail
