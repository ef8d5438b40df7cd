#pragma once
// From files to one YAML tree: reading a file safely (missing, directory, binary, broken
// syntax, empty), resolving `extends:` chains by deep merge, and remembering which file
// each node came from. yaml-cpp nodes carry a Mark (line, column) but no file name, so
// the file of every key path is tracked here in an OriginMap; build_source_map() then
// joins the two into the SourceMap that parsing and validate() use for their messages.
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios::detail {

// key path -> file the node at that path was written in.
using OriginMap = std::map<std::string, std::string>;

// Records `file` as the origin of node and everything below it.
void record_origin(const YAML::Node& node, const std::string& path, const std::string& file, OriginMap& origins);

// Parses text into a tree (no `extends:` handling). On a problem appends an issue and
// returns an undefined node. The root must be a mapping.
YAML::Node parse_yaml_text(const std::string& text, const std::string& display_name,
                           std::vector<ScenarioIssue>& issues);

// Loads `root` (already parsed from `file`) and resolves its `extends:` chain: bases are
// read relative to the directory of `file`, merged under it (maps merge key by key, the
// extending file wins; lists and scalars are replaced whole), and the `extends` key is
// removed. `chain` holds the files being extended, to report cycles.
YAML::Node resolve_extends(YAML::Node root, const std::string& file, OriginMap& origins,
                           std::vector<ScenarioIssue>& issues, std::vector<std::string>& chain);

// Reads and parses a file (with its `extends:` chain).
YAML::Node load_yaml_file(const std::string& path, OriginMap& origins, std::vector<ScenarioIssue>& issues,
                          std::vector<std::string>& chain);

// Deep merge of overlay into base (in place): overlay wins; origins of the winning
// overlay nodes are recorded as overlay_file.
void merge_into(YAML::Node base, const YAML::Node& overlay, const std::string& path,
                const std::string& overlay_file, OriginMap& origins);

// Walks the final tree: file (from origins) and 1-based mark of every key path. Reports
// duplicate keys in a mapping, which yaml-cpp would otherwise keep silently.
SourceMap build_source_map(const YAML::Node& root, const OriginMap& origins, const std::string& default_file,
                           std::vector<ScenarioIssue>& issues);

}  // namespace wijksim::scenarios::detail
