#include "yaml_reader.hpp"

#include <algorithm>

#include "suggest.hpp"

namespace wijksim::scenarios::detail {

void ParseContext::error(const std::string& key_path, std::string expected, std::string got) {
  const SourceLocation at = where_.find(key_path);
  issues_.push_back(ScenarioIssue{at.file, at.line, at.column, key_path, std::move(expected), std::move(got), false});
  failed_.push_back(key_path);
}

void ParseContext::key_error(const std::string& key_path, std::string expected, std::string got) {
  const SourceLocation at = where_.find_key(key_path);
  issues_.push_back(ScenarioIssue{at.file, at.line, at.column, key_path, std::move(expected), std::move(got), false});
  failed_.push_back(key_path);
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return node.Scalar().empty() ? std::string("an empty string") : "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "a list of " + std::to_string(node.size()) + (node.size() == 1 ? " entry" : " entries");
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing (null)";
}

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}
std::string index_path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

namespace {
// yaml-cpp's own conversion (it knows YAML's spellings: 1e-3, .inf, 0x1F, true/yes/on),
// with a typed message on failure instead of an exception.
template <class T>
bool decode_scalar(ParseContext& ctx, const YAML::Node& node, const std::string& path, T& out,
                   const char* expected) {
  T value{};
  if (node.IsScalar() && YAML::convert<T>::decode(node, value)) {
    out = value;
    return true;
  }
  ctx.error(path, expected, describe(node));
  return false;
}
}  // namespace

bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, double& out) {
  return decode_scalar(ctx, node, path, out, "a number");
}
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, long long& out) {
  return decode_scalar(ctx, node, path, out, "a whole number");
}
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, int& out) {
  return decode_scalar(ctx, node, path, out, "a whole number (32-bit)");
}
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, unsigned long long& out) {
  // yaml-cpp reads "-1" as a huge unsigned value; reject a sign explicitly.
  if (node.IsScalar() && !node.Scalar().empty() && node.Scalar()[0] == '-') {
    ctx.error(path, "a whole number >= 0", describe(node));
    return false;
  }
  return decode_scalar(ctx, node, path, out, "a whole number >= 0");
}
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, bool& out) {
  return decode_scalar(ctx, node, path, out, "true or false");
}
bool read_value(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::string& out) {
  if (node.IsScalar()) {
    out = node.Scalar();
    return true;
  }
  ctx.error(path, "a text value", describe(node));
  return false;
}

MapCursor::MapCursor(ParseContext& ctx, const YAML::Node& node, std::string path, const std::string& what)
    : ctx_(ctx), node_(node), path_(std::move(path)) {
  ok_ = node.IsMap();
  if (!ok_) ctx_.error(path_, what, describe(node));
}

std::optional<YAML::Node> MapCursor::take(const std::string& key, bool required) {
  known_.push_back(key);
  if (ok_) {
    const YAML::Node& const_node = node_;  // const lookup: never inserts the key
    if (YAML::Node child = const_node[key]) return child;
  }
  if (required && ok_) ctx_.error(child_path(path_, key), "the required key '" + key + "'", "nothing");
  return std::nullopt;
}

void MapCursor::finish() {
  if (!ok_) return;
  for (const auto& entry : node_) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : describe(entry.first);
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    ctx_.key_error(child_path(path_, key), "", "unknown key '" + key + "'" + suggestion_suffix(key, known_));
  }
}

}  // namespace wijksim::scenarios::detail
