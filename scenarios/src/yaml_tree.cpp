#include "yaml_tree.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {
namespace fs = std::filesystem;

namespace {

ScenarioIssue file_issue(const std::string& file, int line, int column, std::string expected, std::string got) {
  return ScenarioIssue{file, line, column, "", std::move(expected), std::move(got), false};
}

// yaml-cpp marks count from 0 and are -1 when unknown; ours count from 1, 0 = unknown.
SourceLocation location_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  return SourceLocation{file, mark.line < 0 ? 0 : mark.line + 1, mark.column < 0 ? 0 : mark.column + 1};
}

// A NUL byte or malformed UTF-8 means this is not a text file; yaml-cpp would report
// a confusing syntax error (or none), so say so directly, with the position.
bool find_binary(const std::string& text, size_t& offset) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (c == 0) {
      offset = i;
      return true;
    }
    if (c < 0x80) extra = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2) extra = 1;
    else if ((c & 0xF0) == 0xE0) extra = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) extra = 3;
    else {
      offset = i;
      return true;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        offset = i;
        return true;
      }
    }
    i += extra + 1;
  }
  return false;
}

void line_column_of(const std::string& text, size_t offset, int& line, int& column) {
  line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
  const size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  column = static_cast<int>(offset - (line_start == std::string::npos || offset == 0 ? 0 : line_start + 1)) + 1;
}

}  // namespace

void record_origin(const YAML::Node& node, const std::string& path, const std::string& file, OriginMap& origins) {
  origins[path] = file;
  if (node.IsMap()) {
    for (const auto& entry : node) record_origin(entry.second, child_path(path, entry.first.Scalar()), file, origins);
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) record_origin(node[i], index_path(path, i), file, origins);
  }
}

YAML::Node parse_yaml_text(const std::string& text, const std::string& display_name,
                           std::vector<ScenarioIssue>& issues) {
  size_t offset = 0;
  if (find_binary(text, offset)) {
    int line = 0, column = 0;
    line_column_of(text, offset, line, column);
    std::ostringstream got;
    got << "binary data (byte 0x" << std::hex << static_cast<int>(static_cast<unsigned char>(text[offset]))
        << " at offset " << std::dec << offset << ")";
    issues.push_back(file_issue(display_name, line, column, "a UTF-8 YAML text file", got.str()));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    issues.push_back(file_issue(display_name, e.mark.line + 1, e.mark.column + 1, "valid YAML syntax",
                                "a syntax error: " + e.msg));
    return YAML::Node(YAML::NodeType::Undefined);
  } catch (const YAML::Exception& e) {  // other yaml-cpp failures (e.g. bad anchors)
    issues.push_back(file_issue(display_name, e.mark.line + 1, e.mark.column + 1, "valid YAML", e.msg));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (root.IsNull()) {
    issues.push_back(file_issue(display_name, 1, 1, "a scenario mapping (name:, domains:, population:, ...)",
                                "an empty file"));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!root.IsMap()) {
    const SourceLocation at = location_of(root, display_name);
    issues.push_back(file_issue(display_name, at.line, at.column,
                                "a scenario mapping (name:, domains:, population:, ...) at the top level",
                                describe(root)));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return root;
}

void merge_into(YAML::Node base, const YAML::Node& overlay, const std::string& path,
                const std::string& overlay_file, OriginMap& origins) {
  for (const auto& entry : overlay) {
    const std::string key = entry.first.Scalar();
    const std::string key_path = child_path(path, key);
    const YAML::Node& const_base = base;
    YAML::Node existing = const_base[key];
    if (existing && existing.IsMap() && entry.second.IsMap()) {
      merge_into(existing, entry.second, key_path, overlay_file, origins);
    } else {
      base[key] = entry.second;
      record_origin(entry.second, key_path, overlay_file, origins);
    }
  }
}

YAML::Node resolve_extends(YAML::Node root, const std::string& file, OriginMap& origins,
                           std::vector<ScenarioIssue>& issues, std::vector<std::string>& chain) {
  const YAML::Node& const_root = root;
  const YAML::Node extends = const_root["extends"];
  if (!extends) {
    record_origin(root, "", file, origins);
    return root;
  }
  const SourceLocation at = location_of(extends, file);
  if (!extends.IsScalar() || extends.Scalar().empty()) {
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends", "a file name (the base scenario)",
                                   describe(extends), false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const fs::path base_path = fs::path(file).parent_path() / extends.Scalar();
  std::error_code ec;
  const std::string key = fs::weakly_canonical(base_path, ec).string();
  if (std::find(chain.begin(), chain.end(), key) != chain.end()) {
    std::string cycle;
    for (const auto& f : chain) cycle += f + " -> ";
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends", "a base scenario that does not extend itself",
                                   "a cycle: " + cycle + key, false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!fs::is_regular_file(base_path, ec)) {
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends",
                                   "an existing base scenario file (relative to " + file + ")",
                                   "'" + extends.Scalar() + "' (" + base_path.string() + " does not exist)", false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const size_t issues_before = issues.size();
  YAML::Node base = load_yaml_file(base_path.string(), origins, issues, chain);
  if (!base.IsDefined() || issues.size() != issues_before) return YAML::Node(YAML::NodeType::Undefined);
  root.remove("extends");
  merge_into(base, root, "", file, origins);
  return base;
}

YAML::Node load_yaml_file(const std::string& path, OriginMap& origins, std::vector<ScenarioIssue>& issues,
                          std::vector<std::string>& chain) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    issues.push_back(file_issue(path, 0, 0, "a scenario file", "a directory"));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  std::ifstream in(path, std::ios::binary);
  if (!fs::exists(path, ec) || !in) {
    issues.push_back(file_issue(path, 0, 0, "a readable scenario file",
                                fs::exists(path, ec) ? "a file that cannot be read" : "no such file"));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  std::ostringstream text;
  text << in.rdbuf();
  YAML::Node root = parse_yaml_text(text.str(), path, issues);
  if (!root.IsDefined()) return root;
  chain.push_back(fs::weakly_canonical(path, ec).string());
  YAML::Node resolved = resolve_extends(root, path, origins, issues, chain);
  chain.pop_back();
  return resolved;
}

namespace {
void walk(const YAML::Node& node, const std::string& path, const OriginMap& origins, const std::string& default_file,
          SourceMap& where, std::vector<ScenarioIssue>& issues) {
  auto origin = origins.find(path);
  const std::string file = origin == origins.end() ? default_file : origin->second;
  where.set(path, location_of(node, file));
  if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const std::string key_path = child_path(path, key);
      if (!seen.insert(key).second) {
        const SourceLocation at = location_of(entry.first, file);
        issues.push_back(ScenarioIssue{at.file, at.line, at.column, key_path, "each key once in a mapping",
                                       "'" + key + "' again", false});
      }
      where.set_key(key_path, location_of(entry.first, file));
      walk(entry.second, key_path, origins, default_file, where, issues);
    }
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) walk(node[i], index_path(path, i), origins, default_file, where, issues);
  }
}
}  // namespace

SourceMap build_source_map(const YAML::Node& root, const OriginMap& origins, const std::string& default_file,
                           std::vector<ScenarioIssue>& issues) {
  SourceMap where(default_file);
  walk(root, "", origins, default_file, where, issues);
  return where;
}

}  // namespace wijksim::scenarios::detail
