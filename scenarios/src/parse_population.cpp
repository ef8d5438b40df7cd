// population: income levels and the wijken (neighbourhoods) with their composition (keys:
// WIJKSIM_INCOME_KEYS, WIJKSIM_POPULATION_KEYS, WIJKSIM_WIJK_KEYS). A written age_groups
// replaces the default map whole.
#include "parse_sections.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void parse_population(ParseContext& ctx, const YAML::Node& node, const std::string& path, PopulationSpec& out) {
  MapCursor map(ctx, node, path);
  if (auto income = map.take("income")) {
    MapCursor m(ctx, *income, child_path(path, "income"));
    read_rows(m, out.income);
    m.finish();
  }
  read_rows(map, out);
  if (auto wijken = map.take("wijken", /*required=*/true)) {
    out.wijken.clear();
    for_each_item(ctx, *wijken, child_path(path, "wijken"), [&](const YAML::Node& item, const std::string& item_path) {
      WijkSpec wijk;
      MapCursor m(ctx, item, item_path, "a wijk (name:, households:, ...)");
      read_rows(m, wijk);
      m.finish();
      out.wijken.push_back(std::move(wijk));
    });
  }
  map.finish();
}

}  // namespace wijksim::scenarios::detail
