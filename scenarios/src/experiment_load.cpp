// Experiment file -> record + one compiled scenario per (variant, sweep point).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "experiment_variants.hpp"
#include "overrides.hpp"
#include "suggest.hpp"
#include "wijksim/scenarios/experiment.hpp"
#include "yaml_tree.hpp"

namespace wijksim::scenarios {
namespace {

// The file's text, or a ScenarioError (not a regular file, too large, unreadable).
std::string read_text(const std::string& path) {
  std::string text;
  std::vector<ScenarioIssue> issues;
  if (!detail::read_text_file(path, "an experiment file", text, issues)) throw ScenarioError(std::move(issues));
  return text;
}

// An inline `scenario:` mapping as text in which every other character of the experiment
// file is blanked (newlines kept): loading it reports errors at the experiment file's own
// lines and columns, and `extends:` resolves relative to the experiment's folder.
std::string inline_scenario_text(const std::string& text, const YAML::Node& root, const YAML::Node& scenario) {
  const size_t begin = static_cast<size_t>(scenario.Mark().pos);
  size_t end = text.size();
  for (const auto& entry : root) {
    const auto pos = static_cast<size_t>(entry.first.Mark().pos);
    if (pos > begin && pos < end) end = pos;
  }
  std::string masked = text;
  for (size_t i = 0; i < masked.size(); ++i)
    if ((i < begin || i >= end) && masked[i] != '\n') masked[i] = ' ';
  return masked;
}

// Issues about a value an override wrote are moved to the line of the experiment file
// where that override was written, and their key path says which variant or sweep
// parameter set it. Matching uses canonical key paths (list names resolved to indices).
void place_override_issues(std::vector<ScenarioIssue>& issues, const std::vector<detail::PlacedOverride>& placed) {
  using detail::key_path_under;
  for (auto& issue : issues) {
    // At or below an override's key path, the value is the override's (an unknown key
    // is reported at its parent map's file, so the file alone does not tell).
    const bool from_override = issue.file == detail::kOverrideFile;
    const detail::PlacedOverride* best = nullptr;
    for (const auto& p : placed)
      if ((key_path_under(issue.key_path, p.canonical) || (from_override && key_path_under(p.canonical, issue.key_path))) &&
          (!best || p.canonical.size() > best->canonical.size()))
        best = &p;
    if (!best) continue;
    issue.file = best->where.file;
    issue.line = best->where.line;
    issue.column = best->where.column;
    issue.key_path = best->context + " -> " + issue.key_path;
  }
}

// The experiment's text as its hash sees it: the `replications:` value replaced by what
// decides which runs exist and in what order (a stopping rule's min and batch), so that
// raising a count or max, or changing the criteria, resumes the same store and runs only
// the replications that are new.
std::string hash_text(const std::string& text, const YAML::Node& root, const experiments::ReplicationRule& rule) {
  const YAML::Node node = root["replications"];
  if (!node) return text;
  const size_t begin = static_cast<size_t>(node.Mark().pos);
  size_t end = text.size();
  for (const auto& entry : root) {
    const auto pos = static_cast<size_t>(entry.first.Mark().pos);
    if (pos > begin && pos < end) end = pos;
  }
  const std::string canonical = rule.adaptive() ? "{min: " + std::to_string(rule.min) + ", batch: " +
                                                      std::to_string(rule.batch) + "}\n"
                                                : "N\n";
  return text.substr(0, begin) + canonical + text.substr(end);
}

// Each criterion of a stopping rule reads an outcome the experiment records, at a week or
// year its runs reach.
void check_criteria(const LoadedExperiment& e, const detail::ExperimentSpec& spec) {
  if (!spec.rule.adaptive()) return;
  const std::vector<std::string> recorded =
      experiments::MetricSelector(e.scenarios.front(), e.outputs, /*absent_as_zero=*/true).names();
  uint32_t weeks = UINT32_MAX;
  for (const auto& s : e.scenarios) weeks = std::min(weeks, s.weeks);
  std::vector<ScenarioIssue> issues;
  for (size_t i = 0; i < spec.rule.until.size(); ++i) {
    const auto& c = spec.rule.until[i];
    const SourceLocation& at = spec.until_where[i];
    const std::string path = "replications.until[" + std::to_string(i) + "]";
    std::string name = c.outcome;
    // A run summary: the outcome at the last week, or its ".mean" / ".total" over the run.
    if (!c.at_week && !c.at_year)
      for (const char* suffix : {".mean", ".total"})
        if (name.size() > std::strlen(suffix) && name.ends_with(suffix)) name.resize(name.size() - std::strlen(suffix));
    if (std::find(recorded.begin(), recorded.end(), name) == recorded.end())
      issues.push_back({at.file, at.line, at.column, path + ".outcome",
                        "an outcome the experiment records (outputs.metrics, or the default outcomes)",
                        "'" + c.outcome + "'" + detail::suggestion_suffix(name, recorded), false});
    if (c.at_week && *c.at_week > weeks)
      issues.push_back({at.file, at.line, at.column, path + ".at_week",
                        "a week the runs reach (0.." + std::to_string(weeks) + ")", std::to_string(*c.at_week), false});
    if (c.at_year && *c.at_year * 52 > weeks)
      issues.push_back({at.file, at.line, at.column, path + ".at_year",
                        "a complete year of the runs (1.." + std::to_string(weeks / 52) + " for " +
                            std::to_string(weeks) + " weeks)",
                        std::to_string(*c.at_year), false});
  }
  if (!issues.empty()) throw ScenarioError(std::move(issues));
}

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

LoadedExperiment load_experiment_file(const std::string& path) {
  const std::string text = read_text(path);
  std::vector<ScenarioIssue> issues;
  YAML::Node root = detail::parse_yaml_text(text, path, issues);
  if (!root.IsDefined()) throw ScenarioError(std::move(issues));
  detail::OriginMap origins;
  detail::record_origin(root, "", path, origins);  // (check_tree bounded its depth)
  const SourceMap where = detail::build_source_map(root, origins, path, issues);
  detail::ParseContext ctx(where, issues);
  const detail::ExperimentSpec spec = detail::parse_experiment(ctx, root);
  if (!issues.empty()) throw ScenarioError(std::move(issues));

  // Base scenario, as written: its own errors point into its own file(s).
  const std::string scenario_file =
      spec.scenario_path.empty() ? path
                                 : (std::filesystem::path(path).parent_path() / spec.scenario_path).string();
  const std::string scenario_text = spec.scenario_path.empty() ? inline_scenario_text(text, root, spec.scenario_inline) : "";
  auto load = [&](const std::vector<Override>& overrides) {
    return spec.scenario_path.empty() ? load_scenario_text(scenario_text, path, overrides)
                                      : load_scenario_file(scenario_file, overrides);
  };
  if (!spec.scenario_path.empty() && !std::filesystem::exists(scenario_file)) {
    const SourceLocation at = where.find("scenario");
    throw ScenarioError({ScenarioIssue{at.file, at.line, at.column, "scenario", "an existing scenario file",
                                       "'" + spec.scenario_path + "' (looked for " + scenario_file + ")", false}});
  }
  // Sweeping the seed would silently break common random numbers just as a variant would.
  for (size_t k = 0; k < spec.parameters.size(); ++k) {
    const std::string& key = spec.parameters[k].key_path;
    if (key != "seed" && key != "replication") continue;
    const SourceLocation& at = spec.parameter_where[k];
    throw ScenarioError({ScenarioIssue{at.file, at.line, at.column, "sweep.parameters." + key,
                                       "a scenario key other than seed and replication (replications: N gives "
                                       "independent replications; common_random_numbers: false gives each variant "
                                       "its own seed)",
                                       "'" + key + "'", false}});
  }
  LoadedScenario base = load({});
  // by_wijk rows are keyed by area name, and "all" is the city's: they would collide.
  if (spec.outputs.by_wijk) {
    for (const auto& wijk : base.spec.population.wijken) {
      if (wijk.name != "all") continue;
      const SourceLocation at = where.find("outputs.by_wijk");
      throw ScenarioError({ScenarioIssue{at.file, at.line, at.column, "outputs.by_wijk",
                                         "by_wijk: false, or no wijk named 'all' (the name of the city-wide rows)",
                                         "a base scenario with a wijk named 'all'", false}});
    }
  }

  LoadedExperiment out;
  out.warnings = base.warnings;
  auto& rec = out.record;
  rec.name = spec.name.empty() ? std::filesystem::path(path).stem().string() : spec.name;
  rec.seed = spec.seed;
  rec.rule = spec.rule;
  rec.replications = spec.rule.adaptive() ? spec.rule.min : spec.rule.max;
  rec.common_random_numbers = spec.common_random_numbers;
  rec.design = experiments::make_design(spec.design, spec.parameters, static_cast<uint32_t>(spec.samples), spec.seed);
  const std::string resolved_base = "\n# --- base scenario, resolved ---\n" + emit_resolved_yaml(base.spec);
  rec.resolved_text = text + resolved_base;
  rec.hash_text = hash_text(text, root, spec.rule) + resolved_base;
  out.outputs = spec.outputs;
  out.n_points = static_cast<uint32_t>(rec.design.points.size());

  // Variants as ordered overrides; conflicts with the sweep are input errors.
  const YAML::Node base_tree = detail::base_scenario_tree(spec.scenario_path.empty() ? "" : scenario_file,
                                                          scenario_text, path);
  std::vector<detail::ResolvedVariant> variants;
  for (const auto& v : spec.variants) variants.push_back(detail::resolve_variant(v, base_tree, issues));
  detail::check_sweep_conflicts(spec, variants, issues);
  if (!issues.empty()) throw ScenarioError(std::move(issues));

  for (size_t v = 0; v < variants.size(); ++v) {
    rec.variants.push_back({spec.variants[v].name, variants[v].described});
    for (uint32_t p = 0; p < out.n_points; ++p) {
      std::vector<detail::PlacedOverride> placed = variants[v].overrides;
      for (size_t k = 0; k < spec.parameters.size(); ++k) {
        const std::string& key = spec.parameters[k].key_path;
        const std::string value = number_text(rec.design.points[p][k]);
        placed.push_back({{key, value}, detail::canonical_key_path(variants[v].tree, key), spec.parameter_where[k],
                          "sweep.parameters." + key + " = " + value, false});
      }
      std::vector<Override> overrides;
      for (const auto& pl : placed)
        if (!pl.placement_only) overrides.push_back(pl.override);
      try {
        out.scenarios.push_back(compile(load(overrides).spec));
      } catch (ScenarioError& e) {
        std::vector<ScenarioIssue> moved = e.issues();
        place_override_issues(moved, placed);
        throw ScenarioError(std::move(moved));
      }
    }
  }
  // Metric names are checked here so a typo is an input error (exit 2) before any run.
  try {
    experiments::check_metric_names(out.scenarios, out.outputs);
  } catch (const std::invalid_argument& e) {
    const SourceLocation at = where.find("outputs.metrics");
    throw ScenarioError({ScenarioIssue{at.file, at.line, at.column, "outputs.metrics", "known metric names", e.what(), false}});
  }
  check_criteria(out, spec);
  return out;
}

}  // namespace wijksim::scenarios
