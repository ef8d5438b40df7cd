#pragma once
// `--set key.path=value` on the YAML tree, before parsing: a bad value is then reported
// by the normal type checks and validate(), and a key the schema does not know by the
// normal unknown-key check, both with file "<--set>". Experiments apply their variant
// overrides through the same function (or through load_scenario_text(..., overrides)).
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/load.hpp"
#include "yaml_tree.hpp"

namespace wijksim::scenarios::detail {

inline constexpr const char* kOverrideFile = "<--set>";

// One step of a key path: a map key, or a list index. A key step that meets a list of
// mappings addresses the element whose `name:` equals the key, so the issue's
// `providers.credit_bank.capacity` works on our `providers:` list (also interventions,
// wijken, domains); `[i]` indices keep working.
struct PathStep {
  std::string key;   // empty for an index step
  size_t index = 0;  // SIZE_MAX when the digits do not fit
  std::string index_text;  // the digits as written (messages quote them, never a wrapped number)
};
// "population.wijken[0].households" -> population, wijken, [0], households. False on bad
// syntax. Paths of more than limits::kMaxKeyPathParts steps are split (the caller refuses them).
bool split_key_path(const std::string& key_path, std::vector<PathStep>& steps);

// Index of the element of `list` (a sequence) whose `name:` scalar is `name`.
std::optional<size_t> find_named_element(const YAML::Node& list, const std::string& name);
// The `name:` scalars of a list's elements, in order (for did-you-mean).
std::vector<std::string> element_names(const YAML::Node& list);

// The key path with every name-addressed list step replaced by its index in `root`
// ("providers.credit_bank.capacity" -> "providers[2].capacity"): the form source maps
// and issues use. Steps that do not resolve are kept as written; bad syntax = unchanged.
std::string canonical_key_path(const YAML::Node& root, const std::string& key_path);

// An issue placed at "<--set>" (no line: the value has no file).
ScenarioIssue override_issue(const std::string& key_path, std::string expected, std::string got);

// Applies each override in order. Absent map keys along the path are created (so an
// optional section can be set from the command line); a list index must exist, or be
// the list's size (appends); a name-addressed list element must exist (else an issue with
// a did-you-mean). Problems go to `issues` with file "<--set>": also `extends` (resolved
// when a file is read, so an override of it would be ignored), key paths of more than
// limits::kMaxKeyPathParts steps, and values that are not valid UTF-8 or exceed the tree
// limits (check_tree).
void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, OriginMap& origins,
                     std::vector<ScenarioIssue>& issues);

}  // namespace wijksim::scenarios::detail
