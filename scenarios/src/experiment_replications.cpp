// The experiment file's `replications:` (a count, or a stopping rule) and
// `common_random_numbers:`, and the checks of a variant that tries to set the seed.
//
//   replications: 20                        # exactly 20 (raise it and --resume to add more)
//   replications:                           # a stopping rule (stopping_rule.hpp)
//     min: 10                               # first batch
//     max: 1000                             # never more
//     batch: 10                             # added at a time (default: min)
//     until:                                # every paired 95% CI at most this wide (each side)
//       - {compare: bigger_bank, outcome: multi_problem, at_year: 2, half_width: 5}
//       - {compare: bigger_bank, baseline: baseline, outcome: total_debt.mean, half_width: 2.0e5}
#include <algorithm>
#include <cmath>

#include "experiment_parse.hpp"
#include "suggest.hpp"
#include "wijksim/scenarios/limits.hpp"

namespace wijksim::scenarios::detail {
namespace {

void parse_criterion(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                     experiments::StoppingCriterion& c) {
  MapCursor m(ctx, node, path, "a criterion {compare: VARIANT, outcome: NAME, at_year: Y | at_week: W, half_width: H}");
  if (!m.ok()) return;
  m.read("compare", c.variant, /*required=*/true);
  m.read("baseline", c.baseline);
  m.read("outcome", c.outcome, /*required=*/true);
  long long week = -1, year = -1;
  m.read("at_week", week);
  m.read("at_year", year);
  m.read("half_width", c.half_width, /*required=*/true);
  m.finish();
  if (node["at_week"] && node["at_year"])
    ctx.error(child_path(path, "at_year"), "at most one of at_week and at_year", "both");
  // Bounded before the cast: the load step then checks them against the runs' weeks.
  constexpr long long kMaxWeek = limits::kMaxWeeks;
  if (node["at_week"]) {
    if (week < 0 || week > kMaxWeek)
      ctx.error(child_path(path, "at_week"), "a week 0.." + std::to_string(kMaxWeek), std::to_string(week));
    else c.at_week = static_cast<uint32_t>(week);
  }
  if (node["at_year"]) {
    if (year < 1 || year > kMaxWeek / 52)
      ctx.error(child_path(path, "at_year"), "a year 1.." + std::to_string(kMaxWeek / 52) + " (year 1 = weeks 1..52)",
                std::to_string(year));
    else c.at_year = static_cast<uint32_t>(year);
  }
  if (node["half_width"] && !(c.half_width > 0 && std::isfinite(c.half_width)))
    ctx.error(child_path(path, "half_width"), "a finite half-width > 0 (in the outcome's unit)", describe(node["half_width"]));
}

void parse_rule(ParseContext& ctx, const YAML::Node& node, ExperimentSpec& spec) {
  MapCursor m(ctx, node, "replications", "a count, or a stopping rule {min: N, max: M, batch: B, until: [...]}");
  if (!m.ok()) return;
  // A min or max that is absent or unreadable has its own error already: no follow-on errors.
  long long min = 1, max = 1, batch = 0;
  bool have_min = false, have_max = false;
  if (auto n = m.take("min", /*required=*/true)) have_min = read_value(ctx, *n, "replications.min", min);
  if (auto n = m.take("max", /*required=*/true)) have_max = read_value(ctx, *n, "replications.max", max);
  m.read("batch", batch);
  const auto until = m.take("until", /*required=*/true);
  m.finish();
  if (until && (!until->IsSequence() || until->size() == 0)) {
    ctx.error("replications.until", "a non-empty list of criteria (without criteria write replications: N)",
              describe(*until));
  } else if (until) {
    for (size_t i = 0; i < until->size(); ++i) {
      experiments::StoppingCriterion c;
      parse_criterion(ctx, (*until)[i], index_path("replications.until", i), c);
      spec.rule.until.push_back(std::move(c));
      spec.until_where.push_back(ctx.where().find(index_path("replications.until", i)));
    }
  }
  if (batch == 0) batch = std::max(min, 1LL);
  if (have_min && min < 1) ctx.error("replications.min", "an integer >= 1", std::to_string(min));
  if (have_min && have_max && max < min)
    ctx.error("replications.max", "an integer >= min (" + std::to_string(min) + ")", std::to_string(max));
  if (batch < 1) ctx.error("replications.batch", "an integer >= 1", std::to_string(batch));
  if (have_max && max > static_cast<long long>(limits::kMaxReplications))
    ctx.error("replications.max", "at most " + std::to_string(limits::kMaxReplications) + " replications",
              std::to_string(max));
  // The size checks count every run there may be (max, bounded: its own error is above).
  spec.replications = std::clamp<long long>(max, 1, limits::kMaxReplications);
  spec.rule.min = static_cast<uint32_t>(std::clamp<long long>(min, 1, limits::kMaxReplications));
  spec.rule.max = static_cast<uint32_t>(std::clamp<long long>(max, spec.rule.min, limits::kMaxReplications));
  spec.rule.batch = static_cast<uint32_t>(std::clamp<long long>(batch, 1, limits::kMaxReplications));
}

}  // namespace

void parse_replications(ParseContext& ctx, const YAML::Node& node, ExperimentSpec& spec) {
  if (node.IsMap()) {
    parse_rule(ctx, node, spec);
    return;
  }
  if (!read_value(ctx, node, "replications", spec.replications)) return;
  const auto n = static_cast<uint32_t>(std::clamp<long long>(spec.replications, 1, limits::kMaxReplications));
  spec.rule = {n, n, n, {}};
}

void check_replication_rule(ParseContext& ctx, const ExperimentSpec& spec) {
  std::vector<std::string> names;
  for (const auto& v : spec.variants) names.push_back(v.name);
  for (size_t i = 0; i < spec.rule.until.size(); ++i) {
    const auto& c = spec.rule.until[i];
    const std::string path = index_path("replications.until", i);
    for (const auto& [key, name] : {std::pair{"compare", c.variant}, std::pair{"baseline", c.baseline}}) {
      if (name.empty() || std::find(names.begin(), names.end(), name) != names.end()) continue;
      ctx.error(child_path(path, key), "the name of a variant of this experiment",
                "'" + name + "'" + suggestion_suffix(name, names));
    }
    const std::string& base = c.baseline.empty() ? names.front() : c.baseline;
    if (c.variant == base)
      ctx.error(child_path(path, "compare"), "a variant other than the baseline ('" + base + "')", "'" + c.variant + "'");
  }
}

void check_variant_key(ParseContext& ctx, const std::string& key, const std::string& path) {
  if (key != "seed" && key != "replication") return;
  ctx.error(path,
            "a scenario key other than seed and replication: every run of an experiment uses the experiment's "
            "seed, and replication r of every variant draws the same random numbers (common random numbers, "
            "what makes the paired differences precise). For independent random numbers per variant write "
            "common_random_numbers: false at the top of the experiment",
            "'" + key + "'");
}

}  // namespace wijksim::scenarios::detail
