#pragma once
// `--set key.path=value` on the YAML tree, before parsing: a bad value is then reported
// by the normal type checks and validate(), and a key the schema does not know by the
// normal unknown-key check, both with file "<--set>". Experiments apply their variant
// overrides through the same function (or through load_scenario_text(..., overrides)).
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/load.hpp"
#include "yaml_tree.hpp"

namespace wijksim::scenarios::detail {

inline constexpr const char* kOverrideFile = "<--set>";

// One step of a key path: a map key, or a list index.
struct PathStep {
  std::string key;   // empty for an index step
  size_t index = 0;
};
// "population.wijken[0].households" -> population, wijken, [0], households. False on bad syntax.
bool split_key_path(const std::string& key_path, std::vector<PathStep>& steps);

// An issue placed at "<--set>" (no line: the value has no file).
ScenarioIssue override_issue(const std::string& key_path, std::string expected, std::string got);

// Applies each override in order. Absent map keys along the path are created (so an
// optional section can be set from the command line); a list index must exist, or be
// the list's size (appends). Problems go to `issues` with file "<--set>".
void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, OriginMap& origins,
                     std::vector<ScenarioIssue>& issues);

}  // namespace wijksim::scenarios::detail
