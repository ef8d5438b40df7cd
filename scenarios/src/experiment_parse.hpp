#pragma once
// Internal: the experiment file's own sections, read with the scenario reader layer.
#include <string>
#include <vector>

#include "wijksim/experiments/design.hpp"
#include "wijksim/experiments/outputs.hpp"
#include "wijksim/experiments/store.hpp"
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
  long long replications = 1;    // the most replications there may be (rule.max)
  experiments::ReplicationRule rule;          // replications: N, or a stopping rule
  std::vector<SourceLocation> until_where;    // where each criterion of rule.until was written
  bool common_random_numbers = true;
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

// experiment_replications.cpp: `replications:` (a count or a stopping rule), the rule's
// variant names, and the refusal of a variant (or sweep parameter) that sets seed or
// replication.
void parse_replications(ParseContext& ctx, const YAML::Node& node, ExperimentSpec& spec);
void check_replication_rule(ParseContext& ctx, const ExperimentSpec& spec);
void check_variant_key(ParseContext& ctx, const std::string& key, const std::string& path);

}  // namespace wijksim::scenarios::detail
