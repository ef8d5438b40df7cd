// life_events: named shocks (job loss, divorce, illness, turning 18) with their effects.
#include "parse_sections.hpp"

namespace wijksim::scenarios::detail {

void parse_life_events(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                       std::vector<LifeEventSpec>& out) {
  out.clear();
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    LifeEventSpec event;
    MapCursor map(ctx, item, item_path, "a life event (name:, weekly_rate:, ...)");
    map.read("name", event.name, /*required=*/true);
    map.read("weekly_rate", event.weekly_rate, /*required=*/true);
    map.read("applies_to", event.applies_to);
    map.read("severity", event.severity);
    map.read("income_factor", event.income_factor);
    map.read("debt_add", event.debt_add);
    map.read("creditors_add", event.creditors_add);
    map.read("work_status", event.work_status);
    map.read("adults_delta", event.adults_delta);
    map.read("children_delta", event.children_delta);
    map.read("becomes_single_parent_if_children", event.becomes_single_parent_if_children);
    map.finish();
    out.push_back(std::move(event));
  });
}

}  // namespace wijksim::scenarios::detail
