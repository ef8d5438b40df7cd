#pragma once
// The reader layer every section parser uses (internal to wijksim::scenarios; section
// files in this folder include it). A MapCursor walks one YAML map that knows its key
// path; each typed read marks its key as known, reports a type mismatch with the node's
// file:line:column, and leaves the spec default in place when the key is absent.
// finish() then reports every key that no read asked for, with a did-you-mean.
//
// Type checks only: ranges and cross-field rules belong to validate(), which runs on
// the spec and so also checks specs built in code.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios::detail {

// Shared by all section parsers of one load: where values came from, and the issues.
class ParseContext {
 public:
  ParseContext(const SourceMap& where, std::vector<ScenarioIssue>& issues) : where_(where), issues_(issues) {}
  // Records an error at key_path (placed by the source map) and remembers the path so that
  // validate() does not report the same value again as out of range.
  void error(const std::string& key_path, std::string expected, std::string got);
  // The same, placed at the key rather than its value (unknown keys).
  void key_error(const std::string& key_path, std::string expected, std::string got);
  const std::vector<std::string>& failed_paths() const { return failed_; }
  const SourceMap& where() const { return where_; }

 private:
  const SourceMap& where_;
  std::vector<ScenarioIssue>& issues_;
  std::vector<std::string> failed_;
};

// "1.7", "a mapping", "a list of 3 entries", "nothing (null)".
std::string describe(const YAML::Node& node);
std::string child_path(const std::string& parent, const std::string& key);
std::string index_path(const std::string& parent, size_t index);

// Typed reads of one node (not a map entry); false (and an issue) on a type mismatch.
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, double& out);
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, long long& out);
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, int& out);
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, unsigned long long& out);
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, bool& out);
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::string& out);
template <class T>
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::vector<T>& out);
template <class T>
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::map<std::string, T>& out);

// Checks that `node` is a list and calls item(node_i, path_i) for each entry.
template <class F>
bool for_each_item(ParseContext& ctx, const YAML::Node& node, const std::string& path, F item) {
  if (!node.IsSequence()) {
    ctx.error(path, "a list", describe(node));
    return false;
  }
  for (size_t i = 0; i < node.size(); ++i) item(node[i], index_path(path, i));
  return true;
}

template <class T>
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::vector<T>& out) {
  std::vector<T> values;
  bool items_ok = true;
  const bool is_list = for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    T value{};
    items_ok = read_value(ctx, item, item_path, value) && items_ok;
    values.push_back(value);
  });
  if (is_list && items_ok) out = std::move(values);
  return is_list && items_ok;
}

template <class T>
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::map<std::string, T>& out) {
  if (!node.IsMap()) {
    ctx.error(path, "a mapping of name: value", describe(node));
    return false;
  }
  std::map<std::string, T> values;
  bool ok = true;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    T value{};
    ok = read_value(ctx, entry.second, child_path(path, key), value) && ok;
    values[key] = value;
  }
  if (ok) out = std::move(values);
  return ok;
}

class MapCursor {
 public:
  // `what` names the map in the type error when the node is not a map ("a domain").
  MapCursor(ParseContext& ctx, const YAML::Node& node, std::string path, const std::string& what = "a mapping");
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  ParseContext& context() { return ctx_; }

  // The value under key (marking it known), or nullopt when absent (an issue if required).
  std::optional<YAML::Node> take(const std::string& key, bool required = false);
  // Reads key into out when present; the default in `out` stays otherwise.
  template <class T>
  void read(const std::string& key, T& out, bool required = false) {
    if (auto node = take(key, required)) read_value(ctx_, *node, child_path(path_, key), out);
  }
  // Unknown keys: everything in the map that no take()/read() asked for.
  void finish();

 private:
  ParseContext& ctx_;
  YAML::Node node_;
  std::string path_;
  bool ok_ = false;
  std::vector<std::string> known_;
};

}  // namespace wijksim::scenarios::detail
