// life_events: named shocks (job loss, divorce, illness, turning 18) with their effects
// (keys: WIJKSIM_LIFE_EVENT_KEYS).
#include "parse_sections.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void parse_life_events(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                       std::vector<LifeEventSpec>& out) {
  out.clear();
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    LifeEventSpec event;
    MapCursor map(ctx, item, item_path, "a life event (name:, weekly_rate:, ...)");
    read_rows(map, event);
    map.finish();
    out.push_back(std::move(event));
  });
}

}  // namespace wijksim::scenarios::detail
