// costs: discounting and the unit costs of societal events (who pays when problems
// escalate). Defaults: DOMAIN-FIGURES §3.2 unit costs, §3.3 MKBA discount rate.
#include "parse_interventions.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios {

std::vector<SocietalCostSpec> default_societal_costs() {
  return {
      // Eviction, the last step of rent arrears (arrears -> claim -> order -> eviction,
      // DOMAIN-FIGURES §2.7): only households in debt (87% of corporation evictions are for
      // rent arrears, 2005) with a housing problem (ZRM housing <= 2), so debt policy that
      // ends or prevents the debt also prevents the eviction. Rate: 1,720 (2020) to 3,000
      // (2018) corporation evictions / ~8.1M households = 21-37 per 100,000 households a
      // year (§2.7); the weekly probability is calibrated so the default city lands there
      // (its households in debt with housing <= 2 are the denominator; see
      // scenarios/calibration/default-city.yaml). Direct cost 5-10k, §3.2.
      {"eviction", {{"housing", 2}}, "", false, true, 0.00125, 7500, "landlord"},
      // Bijstand ~14,000 per benefit-year for the municipality (§3.2): 269 per week, paid
      // every week (probability 1) while on benefits.
      {"benefit", {}, "benefits", false, false, 1.0, 269, "participatiewet"},
      // Assumed: acute physical problems lead to an emergency visit in ~1 of 100 weeks.
      {"emergency_care", {{"physical_health", 1}}, "", false, false, 0.01, 2000, "zvw"},
      // Assumed rate; cost ~ a quarter of the EPA year (21,000, §3.2).
      {"ggz_crisis", {{"mental_health", 1}}, "", false, false, 0.004, 5000, "zvw"},
      // No reliable per-case figure (§3.2 gap): assumed 60,000 per placement.
      {"youth_care_placement", {{"domestic_relations", 1}}, "", true, false, 0.001, 60000, "jeugdwet"},
  };
}

namespace detail {

void parse_costs(ParseContext& ctx, const YAML::Node& node, const std::string& path, CostsSpec& out) {
  MapCursor map(ctx, node, path, "a costs mapping (discount_rate:, societal:)");
  read_rows(map, out);  // WIJKSIM_COSTS_KEYS
  if (auto list = map.take("societal")) {
    std::vector<SocietalCostSpec> items;
    for_each_item(ctx, *list, child_path(path, "societal"), [&](const YAML::Node& item, const std::string& item_path) {
      SocietalCostSpec c;
      MapCursor m(ctx, item, item_path, "a societal cost (name:, when:, weekly_probability:, unit_cost:, financier:)");
      read_rows(m, c);  // WIJKSIM_SOCIETAL_COST_KEYS
      m.finish();
      items.push_back(std::move(c));
    });
    out.societal = std::move(items);
  }
  map.finish();
}

}  // namespace detail
}  // namespace wijksim::scenarios
