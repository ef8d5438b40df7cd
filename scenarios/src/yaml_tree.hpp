#pragma once
// From files to one YAML tree: reading a file safely (missing, directory, FIFO or device,
// too large, binary or malformed UTF-8, broken syntax, a second document, empty),
// bounding the tree (nesting, alias expansion, alias cycles: limits.hpp), resolving
// `extends:` chains by deep merge, and remembering which file each node came from.
// yaml-cpp nodes carry a Mark (line, column) but no file name, so the file of every key
// path is tracked here in an OriginMap; build_source_map() then joins the two into the
// SourceMap that parsing and validate() use for their messages.
//
// Every traversal here recurses at most limits::kMaxNesting deep: check_tree() runs on
// each parsed text and on the final tree before anything else walks them.
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios::detail {

// key path -> file the node at that path was written in, and (where the tree's key node
// lost its mark: keys copied by an `extends:` merge) where its key was written.
struct OriginMap {
  std::map<std::string, std::string> file;
  std::map<std::string, SourceLocation> key;
};

// Records `file` as the origin of node and everything below it.
void record_origin(const YAML::Node& node, const std::string& path, const std::string& file, OriginMap& origins);

// Reads a whole file as text: refuses what is not a regular file (a FIFO would block, a
// device never ends) and files over limits::kMaxFileBytes. `what` names the expected
// input in the message ("a scenario file"). False (and an issue) on a problem.
bool read_text_file(const std::string& path, const std::string& what, std::string& text,
                    std::vector<ScenarioIssue>& issues);

// Strict UTF-8 (no overlong forms, surrogates or code points above U+10FFFF): the offset
// of the first bad byte, or npos.
size_t find_bad_utf8(const std::string& text);

// Checks a tree against limits::kMaxNesting, kMaxNodes and kMaxExpandedBytes (aliases
// expanded), alias cycles
// and malformed UTF-8 in scalars (from escapes such as "\uD800"). Appends an issue placed
// at the offending node of `display_name` and returns false on the first problem.
bool check_tree(const YAML::Node& root, const std::string& display_name, std::vector<ScenarioIssue>& issues);

// Parses text into a tree (no `extends:` handling). On a problem appends an issue and
// returns an undefined node. The text must be one document whose root is a mapping;
// its size with aliases expanded is checked from the parser's events before it is loaded
// (a billion-laughs file costs the time to read it), then the tree passes check_tree().
YAML::Node parse_yaml_text(const std::string& text, const std::string& display_name,
                           std::vector<ScenarioIssue>& issues);

// Loads `root` (already parsed from `file`) and resolves its `extends:` chain: bases are
// read relative to the directory of `file`, merged under it (maps merge key by key, the
// extending file wins; lists and scalars are replaced whole), and the `extends` key is
// removed. `chain` holds the files being extended, to report cycles and chains deeper
// than limits::kMaxExtendsDepth.
YAML::Node resolve_extends(YAML::Node root, const std::string& file, OriginMap& origins,
                           std::vector<ScenarioIssue>& issues, std::vector<std::string>& chain);

// Reads and parses a file (with its `extends:` chain).
YAML::Node load_yaml_file(const std::string& path, OriginMap& origins, std::vector<ScenarioIssue>& issues,
                          std::vector<std::string>& chain);

// Deep merge of overlay into base (in place): overlay wins; origins of the winning
// overlay nodes (and their keys) are recorded as overlay_file.
void merge_into(YAML::Node base, const YAML::Node& overlay, const std::string& path,
                const std::string& overlay_file, OriginMap& origins);

// Walks the final tree: file (from origins) and 1-based mark of every key path. Reports
// duplicate keys in a mapping, which yaml-cpp would otherwise keep silently.
SourceMap build_source_map(const YAML::Node& root, const OriginMap& origins, const std::string& default_file,
                           std::vector<ScenarioIssue>& issues);

}  // namespace wijksim::scenarios::detail
