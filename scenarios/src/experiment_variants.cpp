// Variants -> ordered, placed overrides; variant/sweep conflicts.
#include "experiment_variants.hpp"

#include "overrides.hpp"
#include "suggest.hpp"
#include "yaml_tree.hpp"

namespace wijksim::scenarios::detail {
namespace {

std::string position(const SourceLocation& at) {
  return at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return "[" + s + "]";
}

}  // namespace

bool key_path_under(const std::string& path, const std::string& prefix) {
  return path.compare(0, prefix.size(), prefix) == 0 &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

YAML::Node base_scenario_tree(const std::string& scenario_file, const std::string& inline_text,
                              const std::string& display_name) {
  OriginMap origins;
  std::vector<ScenarioIssue> ignored;  // the base loaded cleanly just before
  std::vector<std::string> chain;
  if (!scenario_file.empty()) return load_yaml_file(scenario_file, origins, ignored, chain);
  YAML::Node root = parse_yaml_text(inline_text, display_name, ignored);
  return root.IsDefined() ? resolve_extends(root, display_name, origins, ignored, chain) : root;
}

ResolvedVariant resolve_variant(const ExperimentVariantSpec& v, const YAML::Node& base_tree,
                                std::vector<ScenarioIssue>& issues) {
  ResolvedVariant out;
  out.tree = YAML::Clone(base_tree);
  const std::string context = "variants." + v.name;
  if (!v.add_interventions.empty() || !v.remove_interventions.empty()) {
    const YAML::Node& const_tree = out.tree;
    const YAML::Node base_list = const_tree["interventions"] ? YAML::Clone(const_tree["interventions"])
                                                             : YAML::Node(YAML::NodeType::Sequence);
    const std::vector<std::string> base_names = element_names(base_list);
    std::vector<bool> removed(base_list.size(), false);
    for (size_t j = 0; j < v.remove_interventions.size(); ++j) {
      const std::string& name = v.remove_interventions[j];
      const auto index = find_named_element(base_list, name);
      if (index) {
        removed[*index] = true;
        continue;
      }
      const SourceLocation& at = v.remove_where[j];
      issues.push_back({at.file, at.line, at.column, index_path(context + ".remove_interventions", j),
                        "the name of an intervention of the base scenario " + joined(base_names),
                        "'" + name + "'" + suggestion_suffix(name, base_names), false});
    }
    YAML::Node list(YAML::NodeType::Sequence);
    for (size_t i = 0; i < base_list.size(); ++i)
      if (!removed[i]) list.push_back(base_list[i]);
    const size_t first_added = list.size();
    for (size_t j = 0; j < v.add_interventions.size(); ++j) {
      const std::string name = v.add_interventions[j]["name"].Scalar();
      if (find_named_element(list, name)) {
        const SourceLocation& at = v.add_where[j];
        issues.push_back({at.file, at.line, at.column, index_path(context + ".add_interventions", j) + ".name",
                          "a name no other intervention of the variant has (remove_interventions: [" + name +
                              "] first to replace it)",
                          "'" + name + "'", false});
      }
      list.push_back(v.add_interventions[j]);
    }
    out.tree["interventions"] = list;
    // One override for the list; issues inside an added element go to its own line.
    const std::string text = flow_text(list);
    const SourceLocation at = !v.add_where.empty() ? v.add_where.front() : v.remove_where.front();
    out.overrides.push_back({{"interventions", text}, "interventions", at, context, false});
    for (size_t j = 0; j < v.add_interventions.size(); ++j) {
      const std::string path = index_path("interventions", first_added + j);
      out.overrides.push_back({{path, ""}, path, v.add_where[j], index_path(context + ".add_interventions", j), true});
    }
    std::vector<std::string> added;
    for (const auto& a : v.add_interventions) added.push_back(a["name"].Scalar());
    if (!v.remove_interventions.empty()) out.described = "remove_interventions: " + joined(v.remove_interventions);
    if (!added.empty()) out.described += std::string(out.described.empty() ? "" : "; ") + "add_interventions: " + joined(added);
  }
  for (const auto& o : v.overrides) {
    out.overrides.push_back({o.override, canonical_key_path(out.tree, o.override.key_path), o.where, context, false});
    out.described += (out.described.empty() ? "" : "; ") + o.override.key_path + ": " + o.override.value;
  }
  return out;
}

void check_sweep_conflicts(const ExperimentSpec& spec, const std::vector<ResolvedVariant>& variants,
                           std::vector<ScenarioIssue>& issues) {
  for (size_t v = 0; v < variants.size(); ++v) {
    for (const auto& o : variants[v].overrides) {
      if (o.override.key_path == "interventions" || o.placement_only) continue;  // list changes: by name
      for (size_t k = 0; k < spec.parameters.size(); ++k) {
        const std::string swept = canonical_key_path(variants[v].tree, spec.parameters[k].key_path);
        if (!key_path_under(o.canonical, swept) && !key_path_under(swept, o.canonical)) continue;
        issues.push_back({o.where.file, o.where.line, o.where.column, o.context + "." + o.override.key_path,
                          "a key the sweep does not also set (a variant and sweep.parameters may not set the "
                          "same key: which one should win?)",
                          "also set by sweep.parameters." + spec.parameters[k].key_path + " at " +
                              position(spec.parameter_where[k]),
                          false});
      }
    }
  }
}

}  // namespace wijksim::scenarios::detail
