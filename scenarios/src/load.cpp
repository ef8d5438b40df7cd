// The public entry points: file or text -> tree (extends, overrides) -> spec -> validate.
#include <algorithm>
#include <tuple>

#include "overrides.hpp"
#include "wijksim/scenarios/limits.hpp"
#include "parse_sections.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"
#include "yaml_tree.hpp"

namespace wijksim::scenarios {
namespace {

bool under(const std::string& path, const std::string& prefix) {
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || prefix.empty() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

// The sizes one machine can run (limits.hpp), beyond validate()'s type ranges. Only for
// values validate() found no fault with. (A wijk named "all" is refused by validate():
// it is the city row of timeseries.csv.)
void check_limits(const ScenarioSpec& spec, const SourceMap& where, std::vector<ScenarioIssue>& issues) {
  auto issue = [&](const std::string& key_path, std::string expected, std::string got) {
    const SourceLocation at = where.find(key_path);
    issues.push_back(ScenarioIssue{at.file, at.line, at.column, key_path, std::move(expected), std::move(got), false});
  };
  if (spec.weeks > limits::kMaxWeeks)
    issue("weeks", "at most " + std::to_string(limits::kMaxWeeks) + " weeks (as run --weeks)", std::to_string(spec.weeks));
  uint64_t households = 0;
  for (const WijkSpec& wijk : spec.population.wijken) {
    if (wijk.households > 0) households += static_cast<uint64_t>(wijk.households);
  }
  if (households > limits::kMaxHouseholds)
    issue("population.wijken", "at most " + std::to_string(limits::kMaxHouseholds) + " households in all",
          std::to_string(households));
}

// Tree -> spec -> validate, throwing all errors together. `issues` may already hold
// problems found while reading or overriding (they are reported with the rest).
LoadedScenario finish_load(YAML::Node root, detail::OriginMap& origins, const std::string& display_name,
                           std::vector<ScenarioIssue> issues) {
  if (!root.IsDefined()) throw ScenarioError(std::move(issues));
  // Each file and --set value passed check_tree(); merged, they must pass it too before
  // the walks below (nesting of a long --set path under a deep value, many bases).
  if (!detail::check_tree(root, display_name, issues)) throw ScenarioError(std::move(issues));
  const SourceMap where = detail::build_source_map(root, origins, display_name, issues);
  detail::ParseContext ctx(where, issues);
  LoadedScenario loaded;
  loaded.spec = detail::parse_scenario(ctx, root);
  // A value that failed its type check kept its default; do not also report that default.
  for (auto& issue : validate(loaded.spec, where)) {
    const auto& failed = ctx.failed_paths();
    const bool reported = std::any_of(failed.begin(), failed.end(), [&](const std::string& f) {
      return under(issue.key_path, f) || under(f, issue.key_path);
    });
    if (!reported) issues.push_back(std::move(issue));
  }
  if (std::none_of(issues.begin(), issues.end(), [](const ScenarioIssue& i) { return !i.warning; }))
    check_limits(loaded.spec, where, issues);
  // Reading order for people: by file, then by position (stable: unknown positions keep
  // their discovery order).
  std::stable_sort(issues.begin(), issues.end(), [](const ScenarioIssue& a, const ScenarioIssue& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  std::vector<ScenarioIssue> errors;
  for (auto& issue : issues) (issue.warning ? loaded.warnings : errors).push_back(issue);
  if (!errors.empty()) throw ScenarioError(std::move(issues));
  return loaded;
}

}  // namespace

LoadedScenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  std::vector<ScenarioIssue> issues;
  detail::OriginMap origins;
  std::vector<std::string> chain;
  YAML::Node root = detail::load_yaml_file(path, origins, issues, chain);
  if (root.IsDefined()) detail::apply_overrides(root, overrides, origins, issues);
  return finish_load(root, origins, path, std::move(issues));
}

LoadedScenario load_scenario_text(const std::string& yaml_text, const std::string& display_name,
                                  const std::vector<Override>& overrides) {
  std::vector<ScenarioIssue> issues;
  detail::OriginMap origins;
  std::vector<std::string> chain;
  YAML::Node root = detail::parse_yaml_text(yaml_text, display_name, issues);
  // `extends:` in a text is resolved relative to display_name's folder (the current
  // directory when display_name is not a path).
  if (root.IsDefined()) root = detail::resolve_extends(root, display_name, origins, issues, chain);
  if (root.IsDefined()) detail::apply_overrides(root, overrides, origins, issues);
  return finish_load(root, origins, display_name, std::move(issues));
}

LoadedScenario load_default_scenario(const std::vector<Override>& overrides) {
  return load_scenario_text(embedded_default_scenario(), "<embedded default>", overrides);
}

}  // namespace wijksim::scenarios
