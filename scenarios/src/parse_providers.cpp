// The `providers:`, `pathways:` and `help_seeking:` sections (providers_spec.hpp), read
// with the reader layer: typed reads, key paths, unknown keys with a did-you-mean.
// Ranges and names are checked later, on the compiled network (compile_providers.cpp).
#include "parse_providers.hpp"

namespace wijksim::scenarios::detail {

void parse_providers(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                     std::vector<ProviderSpec>& out) {
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    ProviderSpec p;
    MapCursor m(ctx, item, item_path, "a provider mapping");
    if (!m.ok()) return;
    m.read("name", p.name, /*required=*/true);
    m.read("type", p.type);
    m.read("wijken", p.wijken);
    m.read("capacity", p.capacity);
    m.read("fte", p.fte);
    m.read("caseload", p.caseload);
    m.read("capacity_share", p.capacity_share);
    m.read("duration", p.duration);
    m.read("mean_weeks", p.mean_weeks);
    m.read("dropout_weekly", p.dropout_weekly);
    m.read("effects", p.effects);
    m.read("discharge_at_or_above", p.discharge_at_or_above);
    m.read("eligible_if_any", p.eligible_if_any);
    m.read("min_age", p.min_age);
    m.read("max_age", p.max_age);
    m.read("household_types", p.household_types);
    m.read("queue", p.queue);
    m.read("cost_per_client_week", p.cost_per_client_week);
    m.read("intake_cost", p.intake_cost);
    m.read("financier", p.financier);
    m.finish();
    out.push_back(std::move(p));
  });
}

void parse_pathways(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                    std::vector<PathwaySpec>& out) {
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    PathwaySpec p;
    MapCursor m(ctx, item, item_path, "a pathway mapping");
    if (!m.ok()) return;
    m.read("from", p.from, /*required=*/true);
    m.read("to", p.to, /*required=*/true);
    m.read("trigger", p.trigger);
    m.read("condition", p.condition);
    m.read("probability", p.probability);
    m.read("delay_weeks", p.delay_weeks);
    m.read("loss", p.loss);
    m.read("continuity", p.continuity);
    m.finish();
    out.push_back(std::move(p));
  });
}

void parse_help_seeking(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                        HelpSeekingSpec& out) {
  MapCursor m(ctx, node, path, "a help_seeking mapping");
  if (!m.ok()) return;
  m.read("enabled", out.enabled);
  m.read("weekly_by_worst", out.weekly_by_worst);
  m.read("avoidance_effect", out.avoidance_effect);
  m.read("entry", out.entry);
  m.read("default_entry", out.default_entry);
  m.finish();
}

}  // namespace wijksim::scenarios::detail
