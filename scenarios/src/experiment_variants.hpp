#pragma once
// Internal: a variant of an experiment as the overrides it applies to the base scenario.
//
// `add_interventions:` / `remove_interventions:` become one override of the whole
// `interventions:` list (the base list minus the removed, plus the added, in that order),
// applied before the variant's key-path overrides, which come before the sweep's. Every
// override also carries its canonical key path (names resolved to [i] indices in the
// variant's tree): issues are matched and conflicts found on that form, so
// `providers.credit_bank.capacity` and `providers[2].capacity` are the same key.
#include <string>
#include <vector>

#include "experiment_parse.hpp"

namespace wijksim::scenarios::detail {

struct PlacedOverride {
  Override override;        // as applied
  std::string canonical;    // key path with list names resolved to indices
  SourceLocation where;     // where it was written in the experiment file
  std::string context;      // "variants.strong" or "sweep.parameters.x = 3", for issue key paths
  bool placement_only = false;  // not applied: only places issues below `canonical` (an added intervention)
};

struct ResolvedVariant {
  YAML::Node tree;                       // the base tree with the variant's interventions list
  std::vector<PlacedOverride> overrides; // interventions list first, then key-path overrides
  std::string described;                 // human-readable, for the store's variants table
};

// The base scenario's YAML tree (extends resolved), for names and canonical paths. The
// base has loaded without errors before this is called.
YAML::Node base_scenario_tree(const std::string& scenario_file, const std::string& inline_text,
                              const std::string& display_name);

// Problems (unknown removed name, added name already present) go to `issues`.
ResolvedVariant resolve_variant(const ExperimentVariantSpec& v, const YAML::Node& base_tree,
                                std::vector<ScenarioIssue>& issues);

// A variant and the sweep setting the same key (or one inside the other) is an error at
// the variant's line naming the sweep parameter's position: otherwise the sweep would
// silently win.
void check_sweep_conflicts(const ExperimentSpec& spec, const std::vector<ResolvedVariant>& variants,
                           std::vector<ScenarioIssue>& issues);

// True when `path` is `prefix` or lies below it (prefix. or prefix[).
bool key_path_under(const std::string& path, const std::string& prefix);

}  // namespace wijksim::scenarios::detail
