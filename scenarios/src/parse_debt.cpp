// debt: how debts start, grow and are capped (keys: WIJKSIM_DEBT_KEYS).
#include "parse_sections.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void parse_debt(ParseContext& ctx, const YAML::Node& node, const std::string& path, DebtSpec& out) {
  MapCursor map(ctx, node, path);
  read_rows(map, out);
  map.finish();
}

}  // namespace wijksim::scenarios::detail
