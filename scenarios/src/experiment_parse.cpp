// The experiment file's sections -> ExperimentSpec (type and range checks, with file:line).
#include "experiment_parse.hpp"

#include <algorithm>
#include <cstdio>

#include "wijksim/scenarios/limits.hpp"

namespace wijksim::scenarios::detail {

std::string flow_text(const YAML::Node& node) {
  YAML::Emitter e;
  e << YAML::Flow << node;
  return e.c_str();
}

namespace {

// `add_interventions: [{type: ..., name: ...}, ...]` and `remove_interventions: [name, ...]`.
void parse_intervention_changes(ParseContext& ctx, const std::string& key, const YAML::Node& node,
                                const std::string& path, ExperimentVariantSpec& v) {
  const bool add = key == "add_interventions";
  const std::string at = child_path(path, key);
  if (!node.IsSequence()) {
    ctx.error(at, add ? "a list of intervention mappings ({type: ..., name: ...})" : "a list of intervention names",
              describe(node));
    return;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    const std::string item = index_path(at, i);
    const YAML::Node element = node[i];
    if (add && !(element.IsMap() && element["name"] && element["name"].IsScalar())) {
      ctx.error(item, "an intervention mapping with a name ({type: ..., name: ..., ...})", describe(element));
    } else if (!add && !(element.IsScalar() && !element.Scalar().empty())) {
      ctx.error(item, "the name of an intervention of the base scenario", describe(element));
    } else if (add) {
      v.add_interventions.push_back(element);
      v.add_where.push_back(ctx.where().find(item));
    } else {
      v.remove_interventions.push_back(element.Scalar());
      v.remove_where.push_back(ctx.where().find(item));
    }
  }
}

void parse_variants(ParseContext& ctx, const YAML::Node& node, std::vector<ExperimentVariantSpec>& out) {
  if (!node.IsMap() || node.size() == 0) {
    ctx.error("variants",
              "a mapping of variant name -> {key.path: value, add_interventions: [...], remove_interventions: [...]} "
              "(at least one)", describe(node));
    return;
  }
  for (const auto& entry : node) {
    ExperimentVariantSpec v;
    v.name = entry.first.Scalar();
    const std::string path = child_path("variants", v.name);
    if (entry.second.IsNull()) {  // `baseline:` with nothing = no overrides
      out.push_back(std::move(v));
      continue;
    }
    if (!entry.second.IsMap()) {
      ctx.error(path, "a mapping of scenario key path -> value ({} for none)", describe(entry.second));
      continue;
    }
    for (const auto& o : entry.second) {
      const std::string key = o.first.Scalar();
      check_variant_key(ctx, key, child_path(path, key));
      if (key == "add_interventions" || key == "remove_interventions") {
        parse_intervention_changes(ctx, key, o.second, path, v);
        continue;
      }
      v.overrides.push_back({{key, flow_text(o.second)}, ctx.where().find(child_path(path, key))});
    }
    out.push_back(std::move(v));
  }
}

void parse_parameter(ParseContext& ctx, const std::string& key, const YAML::Node& node, const std::string& path,
                     experiments::DesignKind design, experiments::SweepParameter& p) {
  p.key_path = key;
  MapCursor m(ctx, node, path, "{range: [low, high]} or {values: [...]}");
  if (!m.ok()) return;
  std::vector<double> range;
  const bool has_range = m.take("range").has_value();
  const bool has_values = m.take("values").has_value();
  if (has_range) m.read("range", range);
  if (has_values) m.read("values", p.values);
  m.read("integer", p.integer);
  m.read("levels", p.levels);
  m.finish();
  if (has_range == has_values) {
    ctx.error(path, "exactly one of range: [low, high] or values: [...]", has_range ? "both" : "neither");
  } else if (has_range) {
    if (range.size() != 2 || !(range[0] <= range[1])) {
      ctx.error(child_path(path, "range"), "[low, high] with low <= high", describe(node["range"]));
    } else {
      p.low = range[0];
      p.high = range[1];
      if (design == experiments::DesignKind::grid && p.levels < 2)
        ctx.error(child_path(path, "levels"), "levels >= 2 for a grid over a range", std::to_string(p.levels));
    }
  } else if (p.values.empty()) {
    ctx.error(child_path(path, "values"), "a non-empty list of numbers", "an empty list");
  } else if (design == experiments::DesignKind::morris) {
    ctx.error(child_path(path, "values"),
              "range: [low, high] for design: morris (each step moves a parameter by a fixed fraction of its range; "
              "a value list has none: use a range with integer: true for counts)",
              "a value list");
  }
  if (design == experiments::DesignKind::morris && node["levels"] && (p.levels < 2 || p.levels % 2 != 0))
    ctx.error(child_path(path, "levels"), "an even number of levels >= 2 for design: morris", std::to_string(p.levels));
}

void parse_sweep(ParseContext& ctx, const YAML::Node& node, ExperimentSpec& spec) {
  MapCursor m(ctx, node, "sweep", "a sweep mapping");
  if (!m.ok()) return;
  std::string design = "latin_hypercube";
  m.read("design", design);
  if (design == "grid") spec.design = experiments::DesignKind::grid;
  else if (design == "latin_hypercube") spec.design = experiments::DesignKind::latin_hypercube;
  else if (design == "sobol") spec.design = experiments::DesignKind::sobol;
  else if (design == "morris") spec.design = experiments::DesignKind::morris;
  else ctx.error("sweep.design", "one of grid, latin_hypercube, sobol, morris", "'" + design + "'");
  m.read("samples", spec.samples);
  // Morris's grid levels p for every parameter (a parameter's own levels: overrides it).
  int morris_levels = experiments::kMorrisDefaultLevels;
  if (m.take("levels")) {
    if (spec.design != experiments::DesignKind::morris)
      ctx.error("sweep.levels", "no sweep-wide levels except for design: morris (a grid sets levels per parameter)",
                "levels for design: " + design);
    else m.read("levels", morris_levels);
    if (morris_levels < 2 || morris_levels % 2 != 0)
      ctx.error("sweep.levels", "an even number of levels >= 2 (Delta = p / (2 (p - 1)) lies on the grid only then)",
                std::to_string(morris_levels));
  }
  if (auto params = m.take("parameters", /*required=*/true)) {
    if (!params->IsMap() || params->size() == 0) {
      ctx.error("sweep.parameters", "a mapping of scenario key path -> {range: ...} or {values: ...}", describe(*params));
    } else {
      for (const auto& entry : *params) {
        const std::string key = entry.first.Scalar();
        const std::string path = child_path("sweep.parameters", key);
        experiments::SweepParameter p;
        parse_parameter(ctx, key, entry.second, path, spec.design, p);
        if (spec.design == experiments::DesignKind::morris && p.levels == 0) p.levels = morris_levels;
        spec.parameters.push_back(std::move(p));
        spec.parameter_where.push_back(ctx.where().find(path));
      }
    }
  }
  m.finish();
  if (spec.design != experiments::DesignKind::grid && spec.samples < 1)
    ctx.error("sweep.samples", "an integer >= 1 (points; base samples N for sobol; trajectories r for morris)",
              std::to_string(spec.samples));
}

void parse_outputs(ParseContext& ctx, const YAML::Node& node, experiments::OutputSpec& out) {
  MapCursor m(ctx, node, "outputs", "an outputs mapping");
  if (!m.ok()) return;
  m.read("metrics", out.metrics);
  long long every = 1;
  m.read("every", every);
  m.read("by_wijk", out.by_wijk);
  m.finish();
  if (every < 1) ctx.error("outputs.every", "an integer >= 1 (weeks between time-series rows)", std::to_string(every));
  else out.every_weeks = static_cast<uint32_t>(every);
}

std::string count_text(double n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, n < 1e15 ? "%.0f" : "%.3g", n);
  return buf;
}

// Sizes, before the design's points are made or any store row written: a count that
// passes here fits the uint32 fields it is stored in, and the sweep fits one machine.
void check_limits(ParseContext& ctx, const ExperimentSpec& spec) {
  using namespace limits;
  bool ok = true;
  if (spec.replications > kMaxReplications) {
    ctx.error("replications", "at most " + std::to_string(kMaxReplications) + " replications",
              std::to_string(spec.replications));
    ok = false;
  }
  if (spec.samples > kMaxSamples) {
    ctx.error("sweep.samples", "at most " + std::to_string(kMaxSamples) + " samples", std::to_string(spec.samples));
    ok = false;
  }
  for (const auto& p : spec.parameters) {
    if (p.levels > static_cast<long long>(kMaxPoints)) {
      ctx.error(child_path(child_path("sweep.parameters", p.key_path), "levels"),
                "at most " + std::to_string(kMaxPoints) + " levels", std::to_string(p.levels));
      ok = false;
    }
  }
  if (!ok || spec.replications < 1) return;
  // Points of the design (as make_design makes them), in double: a product cannot wrap.
  const double d = static_cast<double>(spec.parameters.size());
  double points = 1;
  if (!spec.parameters.empty()) {
    switch (spec.design) {
      case experiments::DesignKind::grid:
        for (const auto& p : spec.parameters) points *= p.values.empty() ? std::max(p.levels, 1) : p.values.size();
        break;
      case experiments::DesignKind::latin_hypercube: points = static_cast<double>(spec.samples); break;
      case experiments::DesignKind::sobol: points = static_cast<double>(spec.samples) * (d + 2); break;
      case experiments::DesignKind::morris: points = static_cast<double>(spec.samples) * (d + 1); break;
      case experiments::DesignKind::none: break;
    }
  }
  const double variants = static_cast<double>(std::max<size_t>(spec.variants.size(), 1));
  if (variants * points > static_cast<double>(kMaxPoints)) {
    ctx.error(spec.parameters.empty() ? "variants" : "sweep",
              "at most " + std::to_string(kMaxPoints) + " scenarios (variants x sweep points), each compiled before the sweep",
              count_text(variants) + " variant(s) x " + count_text(points) + " point(s)");
  } else if (variants * points * static_cast<double>(spec.replications) > static_cast<double>(kMaxRuns)) {
    ctx.error("replications", "at most " + std::to_string(kMaxRuns) + " runs (variants x sweep points x replications)",
              count_text(variants) + " x " + count_text(points) + " x " + std::to_string(spec.replications) + " = " +
                  count_text(variants * points * static_cast<double>(spec.replications)));
  }
}

}  // namespace

ExperimentSpec parse_experiment(ParseContext& ctx, const YAML::Node& root) {
  ExperimentSpec spec;
  MapCursor top(ctx, root, "", "an experiment mapping");
  top.read("name", spec.name);
  top.read("seed", spec.seed);
  if (auto node = top.take("replications")) parse_replications(ctx, *node, spec);
  top.read("common_random_numbers", spec.common_random_numbers);
  if (auto node = top.take("scenario", /*required=*/true)) {
    if (node->IsMap()) spec.scenario_inline = *node;
    else if (node->IsScalar() && !node->Scalar().empty()) spec.scenario_path = node->Scalar();
    else ctx.error("scenario", "a scenario file path or an inline scenario mapping", describe(*node));
  }
  if (auto node = top.take("variants")) parse_variants(ctx, *node, spec.variants);
  if (auto node = top.take("sweep")) parse_sweep(ctx, *node, spec);
  if (auto node = top.take("outputs")) parse_outputs(ctx, *node, spec.outputs);
  top.finish();
  if (spec.replications < 1) ctx.error("replications", "an integer >= 1", std::to_string(spec.replications));
  if (spec.variants.empty()) spec.variants.emplace_back().name = "baseline";
  check_replication_rule(ctx, spec);
  check_limits(ctx, spec);
  return spec;
}

}  // namespace wijksim::scenarios::detail
