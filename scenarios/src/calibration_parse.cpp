// Calibration file -> CalibrationSpec: its own sections read with the scenario reader, then
// the base scenario, the targets' outcomes and the parameters' key paths checked against it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "calibration_parse.hpp"
#include "calibration_text.hpp"
#include "experiment_variants.hpp"
#include "overrides.hpp"
#include "suggest.hpp"
#include "wijksim/output/outcomes.hpp"
#include "wijksim/scenarios/calibration.hpp"
#include "yaml_reader.hpp"
#include "yaml_tree.hpp"

namespace wijksim::scenarios {
namespace {

using detail::child_path;
using detail::describe;
using detail::index_path;
using detail::MapCursor;
using detail::ParseContext;

// `outcome: name` or `outcome: [a, b]`.
void read_names(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
  if (node.IsScalar() && !node.Scalar().empty()) {
    out = {node.Scalar()};
  } else if (node.IsSequence() && node.size() > 0) {
    detail::read_value(ctx, node, path, out);
  } else {
    ctx.error(path, "an outcome name (wijksim outcomes lists them) or a non-empty list of names", describe(node));
  }
}

void parse_target(ParseContext& ctx, const YAML::Node& node, const std::string& path, calibrate::Target& t) {
  MapCursor m(ctx, node, path, "a target mapping {name, outcome, year or weeks, value and se or band, source}");
  if (!m.ok()) return;
  m.read("name", t.name, /*required=*/true);
  if (auto n = m.take("outcome", /*required=*/true)) read_names(ctx, *n, child_path(path, "outcome"), t.outcomes);
  if (auto n = m.take("per")) read_names(ctx, *n, child_path(path, "per"), t.per);
  m.read("scale", t.scale);
  m.read("fit", t.fit);
  const auto year = m.take("year");
  const auto weeks = m.take("weeks");
  if (year) {
    long long y = 0;
    if (detail::read_value(ctx, *year, child_path(path, "year"), y)) {
      if (y < 1 || y > 10000) ctx.error(child_path(path, "year"), "a year >= 1 (year y = weeks 52(y-1)+1 .. 52y)", std::to_string(y));
      else t.year = static_cast<uint32_t>(y);
    }
  }
  if (weeks) {
    std::vector<long long> w;
    if (detail::read_value(ctx, *weeks, child_path(path, "weeks"), w)) {
      if (w.size() != 2 || w[0] < 1 || w[0] > w[1] || w[1] > 100000)
        ctx.error(child_path(path, "weeks"), "[from, to] with 1 <= from <= to", describe(*weeks));
      else {
        t.week_from = static_cast<uint32_t>(w[0]);
        t.week_to = static_cast<uint32_t>(w[1]);
      }
    }
  }
  if (year.has_value() == weeks.has_value())
    ctx.error(path, "exactly one of year: Y or weeks: [from, to]", year ? "both" : "neither");
  const auto value = m.take("value");
  const auto se = m.take("se");
  const auto band = m.take("band");
  if (value) detail::read_value(ctx, *value, child_path(path, "value"), t.value);
  if (se && detail::read_value(ctx, *se, child_path(path, "se"), t.se) && !(t.se > 0 && std::isfinite(t.se)))
    ctx.error(child_path(path, "se"), "a standard error > 0", describe(*se));
  if (band) {
    std::vector<double> b;
    if (detail::read_value(ctx, *band, child_path(path, "band"), b)) {
      if (b.size() != 2 || !(b[0] < b[1]) || !std::isfinite(b[0]) || !std::isfinite(b[1])) {
        ctx.error(child_path(path, "band"), "[lo, hi] with lo < hi", describe(*band));
      } else {
        t.band = true;
        t.lo = b[0];
        t.hi = b[1];
        t.value = (b[0] + b[1]) / 2;
        t.se = (b[1] - b[0]) / 4;
      }
    }
  }
  if (band && (value || se)) {
    ctx.error(path, "either band: [lo, hi] or value: with se:, not both", "band: and " + std::string(value ? "value:" : "se:"));
  } else if (!band && !(value && se)) {
    ctx.error(path, "value: with se: (a standard error), or band: [lo, hi]",
              value ? "value: without se:" : se ? "se: without value:" : "neither");
  }
  m.read("source", t.source, /*required=*/true);
  m.finish();
}

void parse_parameter(ParseContext& ctx, const std::string& key, const YAML::Node& node, const std::string& path,
                     calibrate::Parameter& p, double& start) {
  p.key_path = key;
  MapCursor m(ctx, node, path, "{range: [lo, hi]} (optionally start: value)");
  if (!m.ok()) return;
  std::vector<double> range;
  const auto range_node = m.take("range", /*required=*/true);
  if (range_node && detail::read_value(ctx, *range_node, child_path(path, "range"), range)) {
    if (range.size() != 2 || !std::isfinite(range[0]) || !std::isfinite(range[1]))
      ctx.error(child_path(path, "range"), "[lo, hi] (two numbers)", describe(*range_node));
    else if (range[0] > range[1])
      ctx.error(child_path(path, "range"), "[lo, hi] with lo <= hi", describe(*range_node) + ": lo > hi");
    else if (range[0] == range[1])
      ctx.error(child_path(path, "range"), "a range with lo < hi (an empty range leaves nothing to fit)",
                describe(*range_node) + ": lo = hi");
    else {
      p.lo = range[0];
      p.hi = range[1];
    }
  }
  m.read("integer", p.integer);
  start = p.at(0.5);
  if (auto s = m.take("start")) {
    if (detail::read_value(ctx, *s, child_path(path, "start"), start) && p.lo < p.hi && !(start >= p.lo && start <= p.hi))
      ctx.error(child_path(path, "start"), "a start value inside the range", describe(*s));
  }
  m.finish();
}


std::string number_text(double v) { return detail::exact_number_text(v); }

// Issues of a scenario loaded with the parameters as overrides, moved to the line of the
// parameter that set the value (matching canonical key paths, as experiments do).
void place_parameter_issues(std::vector<ScenarioIssue>& issues, const CalibrationSpec& spec, const YAML::Node& base_tree,
                            const std::vector<double>& values) {
  for (auto& issue : issues) {
    const bool from_override = issue.file == detail::kOverrideFile;
    size_t best = spec.parameters.size();
    size_t best_len = 0;
    for (size_t k = 0; k < spec.parameters.size(); ++k) {
      const std::string canonical = detail::canonical_key_path(base_tree, spec.parameters[k].key_path);
      const bool match = detail::key_path_under(issue.key_path, canonical) ||
                         (from_override && detail::key_path_under(canonical, issue.key_path)) ||
                         issue.key_path == spec.parameters[k].key_path;
      if (match && (best == spec.parameters.size() || canonical.size() > best_len)) {
        best = k;
        best_len = canonical.size();
      }
    }
    if (best == spec.parameters.size() && from_override) best = 0;
    if (best == spec.parameters.size()) continue;
    const SourceLocation& at = spec.parameter_where[best];
    issue.file = at.file;
    issue.line = at.line;
    issue.column = at.column;
    issue.key_path = "parameters." + spec.parameters[best].key_path + " = " + number_text(values[best]) + " -> " +
                     issue.key_path;
  }
}

YAML::Node base_tree_of(const CalibrationSpec& spec) {
  return detail::base_scenario_tree(spec.scenario_file, "", spec.file);
}

LoadedScenario load_with(const CalibrationSpec& spec, const std::vector<double>& values) {
  std::vector<Override> overrides;
  for (size_t k = 0; k < spec.parameters.size(); ++k) overrides.push_back({spec.parameters[k].key_path, number_text(values[k])});
  try {
    return load_scenario_file(spec.scenario_file, overrides);
  } catch (const ScenarioError& e) {
    std::vector<ScenarioIssue> moved = e.issues();
    place_parameter_issues(moved, spec, base_tree_of(spec), values);
    throw ScenarioError(std::move(moved));
  }
}

// Outcome names and weeks of every target against the base scenario.
void check_targets(const CalibrationSpec& spec, const CompiledScenario& base, const SourceMap& where,
                   std::vector<ScenarioIssue>& issues) {
  for (size_t i = 0; i < spec.targets.size(); ++i) {
    const calibrate::Target& t = spec.targets[i];
    const std::string path = index_path("targets", i);
    for (const char* key : {"outcome", "per"}) {
      const auto& names = std::string(key) == "outcome" ? t.outcomes : t.per;
      for (size_t n = 0; n < names.size(); ++n) {
        try {
          (void)output::find_outcome(base, names[n]);
        } catch (const output::UnknownOutcome& e) {
          const std::string at_path = names.size() == 1 && where.contains(child_path(path, key))
                                          ? child_path(path, key)
                                          : index_path(child_path(path, key), n);
          const SourceLocation at = where.find(at_path);
          issues.push_back({at.file, at.line, at.column, at_path,
                            "an outcome of the base scenario's outcome dictionary (wijksim outcomes " + spec.scenario +
                                ")",
                            e.what(), false});
        }
      }
    }
    if (t.last_week() > base.weeks) {
      const std::string at_path = child_path(path, t.year > 0 ? "year" : "weeks");
      const SourceLocation at = where.find(at_path);
      issues.push_back({at.file, at.line, at.column, at_path,
                        "weeks the base scenario runs (weeks: " + std::to_string(base.weeks) + ")",
                        "up to week " + std::to_string(t.last_week()), false});
    }
  }
}

}  // namespace

namespace detail {
void parse_calibration(ParseContext& ctx, const YAML::Node& root, CalibrationSpec& spec) {
  MapCursor top(ctx, root, "", "a calibration mapping");
  top.read("name", spec.name);
  top.read("scenario", spec.scenario, /*required=*/true);
  long long replications = spec.replications;
  top.read("replications", replications);
  if (replications < 1 || replications > 10000)
    ctx.error("replications", "a number of replications in 1 .. 10000", std::to_string(replications));
  else spec.replications = static_cast<uint32_t>(replications);
  top.read("algorithm", spec.algorithm);
  if (spec.algorithm != "LN_BOBYQA" && spec.algorithm != "LN_SBPLX")
    ctx.error("algorithm", "LN_BOBYQA or LN_SBPLX (NLopt)",
              "'" + spec.algorithm + "'" + detail::suggestion_suffix(spec.algorithm, {"LN_BOBYQA", "LN_SBPLX"}));
  if (auto params = top.take("parameters", /*required=*/true)) {
    if (!params->IsMap() || params->size() == 0) {
      ctx.error("parameters", "a mapping of scenario key path -> {range: [lo, hi]} (at least one)", describe(*params));
    } else {
      for (const auto& entry : *params) {
        const std::string key = entry.first.Scalar();
        const std::string path = child_path("parameters", key);
        calibrate::Parameter p;
        double start = 0;
        parse_parameter(ctx, key, entry.second, path, p, start);
        spec.parameters.push_back(p);
        spec.start.push_back(start);
        spec.parameter_where.push_back(ctx.where().find_key(path));
      }
    }
  }
  if (auto targets = top.take("targets", /*required=*/true)) {
    if (!targets->IsSequence() || targets->size() == 0) {
      ctx.error("targets", "a list of targets (at least one)", describe(*targets));
    } else {
      for (size_t i = 0; i < targets->size(); ++i) {
        const std::string path = index_path("targets", i);
        calibrate::Target t;
        parse_target(ctx, (*targets)[i], path, t);
        spec.targets.push_back(t);
        spec.target_where.push_back(ctx.where().find(path));
      }
    }
  }
  top.finish();
}
}  // namespace detail

CalibrationSpec load_calibration_file(const std::string& path) {
  std::string text;
  std::vector<ScenarioIssue> issues;
  if (!detail::read_text_file(path, "a calibration file", text, issues)) throw ScenarioError(std::move(issues));
  YAML::Node root = detail::parse_yaml_text(text, path, issues);
  if (!root.IsDefined()) throw ScenarioError(std::move(issues));
  detail::OriginMap origins;
  detail::record_origin(root, "", path, origins);
  const SourceMap where = detail::build_source_map(root, origins, path, issues);
  detail::ParseContext ctx(where, issues);
  CalibrationSpec spec;
  spec.file = path;
  detail::parse_calibration(ctx, root, spec);
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  if (spec.name.empty()) spec.name = std::filesystem::path(path).stem().string();
  spec.scenario_file = (std::filesystem::path(path).parent_path() / spec.scenario).string();
  if (!std::filesystem::is_regular_file(spec.scenario_file)) {
    const SourceLocation at = where.find("scenario");
    throw ScenarioError({ScenarioIssue{at.file, at.line, at.column, "scenario",
                                       "an existing scenario file (relative to the calibration file)",
                                       "'" + spec.scenario + "' (looked for " + spec.scenario_file + ")", false}});
  }
  const CompiledScenario base = compile(load_scenario_file(spec.scenario_file).spec);
  check_targets(spec, base, where, issues);
  // Each parameter path at both ends of its range: an unknown key, a list index or name
  // that does not exist, or a range the schema refuses is reported at the parameter.
  for (size_t k = 0; k < spec.parameters.size() && issues.empty(); ++k) {
    for (const double end : {spec.parameters[k].lo, spec.parameters[k].hi}) {
      std::vector<double> values = spec.start;
      values[k] = end;
      try {
        (void)compile(load_with(spec, values).spec);
      } catch (const ScenarioError& e) {
        for (const auto& issue : e.issues())
          if (std::find_if(issues.begin(), issues.end(), [&](const ScenarioIssue& i) { return i.to_string() == issue.to_string(); }) == issues.end())
            issues.push_back(issue);
      }
    }
  }
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return spec;
}

CompiledScenario calibration_scenario(const CalibrationSpec& spec, const std::vector<double>& values) {
  return compile(load_with(spec, values).spec);
}

}  // namespace wijksim::scenarios
