// population: income levels and the wijken (neighbourhoods) with their composition.
#include "parse_sections.hpp"

namespace wijksim::scenarios::detail {
namespace {

void parse_income(ParseContext& ctx, const YAML::Node& node, const std::string& path, IncomeSpec& out) {
  MapCursor map(ctx, node, path);
  map.read("low_income_mean", out.low_income_mean);
  map.read("other_mean", out.other_mean);
  map.read("benefits_mean", out.benefits_mean);
  map.read("sd_fraction", out.sd_fraction);
  map.finish();
}

void parse_wijk(ParseContext& ctx, const YAML::Node& node, const std::string& path, WijkSpec& wijk) {
  MapCursor map(ctx, node, path, "a wijk (name:, households:, ...)");
  map.read("name", wijk.name, /*required=*/true);
  map.read("households", wijk.households, /*required=*/true);
  map.read("single_parent_share", wijk.single_parent_share);
  map.read("couple_share", wijk.couple_share);
  map.read("with_children_share", wijk.with_children_share);
  map.read("low_income_share", wijk.low_income_share);
  map.read("benefits_share", wijk.benefits_share);
  map.read("age_groups", wijk.age_groups);  // replaces the default map whole
  map.read("problem_prevalence", wijk.problem_prevalence);
  map.read("low_income_risk_ratio", wijk.low_income_risk_ratio);
  map.read("network_strength_mean", wijk.network_strength_mean);
  map.read("care_avoidance_mean", wijk.care_avoidance_mean);
  map.finish();
}

}  // namespace

void parse_population(ParseContext& ctx, const YAML::Node& node, const std::string& path, PopulationSpec& out) {
  MapCursor map(ctx, node, path);
  if (auto income = map.take("income")) parse_income(ctx, *income, child_path(path, "income"), out.income);
  map.read("problem_correlation", out.problem_correlation);
  if (auto wijken = map.take("wijken", /*required=*/true)) {
    const std::string wijken_path = child_path(path, "wijken");
    out.wijken.clear();
    for_each_item(ctx, *wijken, wijken_path, [&](const YAML::Node& item, const std::string& item_path) {
      WijkSpec wijk;
      parse_wijk(ctx, item, item_path, wijk);
      out.wijken.push_back(std::move(wijk));
    });
  }
  map.finish();
}

}  // namespace wijksim::scenarios::detail
