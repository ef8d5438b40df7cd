#include "overrides.hpp"

#include <limits>

#include "suggest.hpp"
#include "wijksim/scenarios/limits.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {
ScenarioIssue override_issue(const std::string& key_path, std::string expected, std::string got) {
  return ScenarioIssue{kOverrideFile, 0, 0, key_path, std::move(expected), std::move(got), false};
}

namespace {

bool valid_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::vector<std::string> element_names(const YAML::Node& list) {
  std::vector<std::string> names;
  for (const auto& element : list)
    if (element.IsMap() && element["name"] && element["name"].IsScalar()) names.push_back(element["name"].Scalar());
  return names;
}

std::optional<size_t> find_named_element(const YAML::Node& list, const std::string& name) {
  if (!list.IsSequence()) return std::nullopt;
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node element = list[i];
    if (element.IsMap() && element["name"] && element["name"].IsScalar() && element["name"].Scalar() == name) return i;
  }
  return std::nullopt;
}

std::string canonical_key_path(const YAML::Node& root, const std::string& key_path) {
  std::vector<PathStep> steps;
  if (!split_key_path(key_path, steps)) return key_path;
  YAML::Node node = root;  // only read through const access below: root is never changed
  std::string path;
  for (const PathStep& step : steps) {
    const YAML::Node& here = node;
    std::optional<size_t> index;
    if (step.key.empty()) index = step.index;
    else if (here.IsSequence()) index = find_named_element(here, step.key);
    // A missing key yields an invalid node that reset() refuses: step onto a null node instead.
    if (index) {
      path = index_path(path, *index);
      node.reset(here.IsSequence() && *index < here.size() ? here[*index] : YAML::Node());
    } else {
      path = child_path(path, step.key);
      node.reset(here.IsMap() && here[step.key] ? here[step.key] : YAML::Node());
    }
  }
  return path;
}

bool split_key_path(const std::string& key_path, std::vector<PathStep>& steps) {
  steps.clear();
  size_t i = 0;
  while (i < key_path.size()) {
    if (key_path[i] == '[') {
      const size_t close = key_path.find(']', i);
      if (close == std::string::npos || close == i + 1 || steps.empty()) return false;
      size_t index = 0;
      for (size_t k = i + 1; k < close; ++k) {
        if (key_path[k] < '0' || key_path[k] > '9') return false;
        const auto digit = static_cast<size_t>(key_path[k] - '0');
        index = index > (std::numeric_limits<size_t>::max() - digit) / 10 ? std::numeric_limits<size_t>::max()
                                                                            : index * 10 + digit;
      }
      steps.push_back(PathStep{"", index, key_path.substr(i + 1, close - i - 1)});
      i = close + 1;
      if (i < key_path.size() && key_path[i] != '.' && key_path[i] != '[') return false;
      if (i < key_path.size() && key_path[i] == '.') ++i;
      if (i == key_path.size() && key_path.back() == '.') return false;
      continue;
    }
    size_t end = i;
    while (end < key_path.size() && valid_key_char(key_path[end])) ++end;
    if (end == i) return false;
    steps.push_back(PathStep{key_path.substr(i, end - i), 0, ""});
    i = end;
    if (i < key_path.size() && key_path[i] == '.') {
      ++i;
      if (i == key_path.size()) return false;
    } else if (i < key_path.size() && key_path[i] != '[') {
      return false;
    }
  }
  return !steps.empty();
}

void apply_overrides(YAML::Node& root, const std::vector<Override>& overrides, OriginMap& origins,
                     std::vector<ScenarioIssue>& issues) {
  for (const auto& override : overrides) {
    std::vector<PathStep> steps;
    if (!split_key_path(override.key_path, steps)) {
      issues.push_back(override_issue(override.key_path, "a key path like population.wijken[0].households",
                                      "'" + override.key_path + "'"));
      continue;
    }
    if (steps.size() > limits::kMaxKeyPathParts) {
      issues.push_back(override_issue(override.key_path.substr(0, 60) + "...",
                                      "a key path of at most " + std::to_string(limits::kMaxKeyPathParts) + " parts",
                                      std::to_string(steps.size()) + " parts"));
      continue;
    }
    if (steps.front().key == "extends") {
      issues.push_back(override_issue("extends",
                                      "a scenario key (extends: is resolved when the file is read, so --set cannot "
                                      "change it: write it in the file)",
                                      "'extends'"));
      continue;
    }
    if (const size_t bad = find_bad_utf8(override.value); bad != std::string::npos) {
      issues.push_back(ScenarioIssue{kOverrideFile, 1, static_cast<int>(bad) + 1, override.key_path,
                                     "a value in valid UTF-8",
                                     "a malformed byte at offset " + std::to_string(bad), false});
      continue;
    }
    if (override.value.size() > limits::kMaxFileBytes) {
      issues.push_back(override_issue(override.key_path, "a value of at most " + std::to_string(limits::kMaxFileBytes) + " bytes",
                                      std::to_string(override.value.size()) + " bytes"));
      continue;
    }
    YAML::Node value;
    try {
      value = YAML::Load(override.value);
    } catch (const YAML::Exception& e) {
      issues.push_back(ScenarioIssue{kOverrideFile, 1, e.mark.column + 1, override.key_path,
                                     "a YAML value (0.3, text, [1, 2], {a: 1})",
                                     "'" + override.value + "': " + e.msg, false});
      continue;
    }
    if (!check_tree(value, kOverrideFile, issues)) {
      issues.back().key_path = override.key_path;
      continue;
    }
    // Walk with handles, creating absent map keys; `node` always refers into root.
    YAML::Node node = root;
    std::string path;
    bool ok = true;
    for (size_t s = 0; s < steps.size() && ok; ++s) {
      const PathStep& step = steps[s];
      const bool last = s + 1 == steps.size();
      if (step.key.empty()) {
        const std::string step_path = index_path(path, step.index);
        if (!node.IsSequence() || step.index > node.size()) {
          issues.push_back(override_issue(path + "[" + step.index_text + "]", node.IsSequence()
                                              ? "an index below " + std::to_string(node.size() + 1)
                                              : "a list at " + path,
                                          node.IsSequence() ? step.index_text : describe(node)));
          ok = false;
          break;
        }
        if (step.index == node.size()) node.push_back(YAML::Node(YAML::NodeType::Null));
        if (last) {
          node[step.index] = value;
          record_origin(value, step_path, kOverrideFile, origins);
        } else {
          node.reset(node[step.index]);
        }
        path = step_path;
      } else if (node.IsSequence()) {
        // A name-addressed list element: it must exist (a name is never created).
        const auto index = find_named_element(node, step.key);
        if (!index) {
          issues.push_back(override_issue(child_path(path, step.key),
                                          "the name of an element of " + path + " (or an index [i])",
                                          "'" + step.key + "'" + suggestion_suffix(step.key, element_names(node))));
          ok = false;
          break;
        }
        const std::string step_path = index_path(path, *index);
        if (last) {
          node[*index] = value;
          record_origin(value, step_path, kOverrideFile, origins);
        } else {
          node.reset(node[*index]);
        }
        path = step_path;
      } else {
        const std::string step_path = child_path(path, step.key);
        if (node.IsNull()) node = YAML::Node(YAML::NodeType::Map);
        if (!node.IsMap()) {
          issues.push_back(override_issue(step_path, "a mapping at " + (path.empty() ? "the top level" : path),
                                          describe(node)));
          ok = false;
          break;
        }
        if (last) {
          node[step.key] = value;
          record_origin(value, step_path, kOverrideFile, origins);
        } else {
          const YAML::Node& const_node = node;
          if (!const_node[step.key]) {
            node[step.key] = YAML::Node(YAML::NodeType::Map);
            origins.file[step_path] = kOverrideFile;
          }
          node.reset(node[step.key]);
        }
        path = step_path;
      }
    }
  }
}

}  // namespace wijksim::scenarios::detail

namespace wijksim::scenarios {

Override parse_override(const std::string& text) {
  const size_t eq = text.find('=');
  std::vector<detail::PathStep> steps;
  if (eq == std::string::npos || !detail::split_key_path(text.substr(0, eq), steps)) {
    throw ScenarioError({detail::override_issue("", "key.path=value (keys separated by '.', list indices as [i])",
                                        "'" + (text.size() > 200 ? text.substr(0, 200) + "..." : text) + "'")});
  }
  if (steps.size() > limits::kMaxKeyPathParts)
    throw ScenarioError({detail::override_issue("", "a key path of at most " + std::to_string(limits::kMaxKeyPathParts) + " parts",
                                                std::to_string(steps.size()) + " parts")});
  return Override{text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace wijksim::scenarios
