// debt: how debts start, grow and are capped.
#include "parse_sections.hpp"

namespace wijksim::scenarios::detail {

void parse_debt(ParseContext& ctx, const YAML::Node& node, const std::string& path, DebtSpec& out) {
  MapCursor map(ctx, node, path);
  map.read("enabled", out.enabled);
  map.read("finances_domain", out.finances_domain);
  map.read("grows_at_or_below", out.grows_at_or_below);
  map.read("low_income_threshold", out.low_income_threshold);
  map.read("weekly_growth_rate", out.weekly_growth_rate);
  map.read("weekly_arrears", out.weekly_arrears);
  map.read("max_debt", out.max_debt);
  map.read("initial_mean_if_problem", out.initial_mean_if_problem);
  map.read("initial_creditors_mean", out.initial_creditors_mean);
  map.finish();
}

}  // namespace wijksim::scenarios::detail
