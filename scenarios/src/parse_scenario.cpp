// The whole file: the top-level keys, then one parse_<section> per section.
#include "parse_interventions.hpp"
#include "parse_providers.hpp"
#include "parse_sections.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

ScenarioSpec parse_scenario(ParseContext& ctx, const YAML::Node& root) {
  ScenarioSpec spec;
  MapCursor top(ctx, root, "", "a scenario mapping");
  read_rows(top, spec);  // name, description, seed, replication, weeks (WIJKSIM_TOP_KEYS)
  if (auto node = top.take("domains", /*required=*/true)) parse_domains(ctx, *node, "domains", spec.domains);
  if (auto node = top.take("dynamics")) parse_dynamics(ctx, *node, "dynamics", spec.dynamics);
  if (auto node = top.take("life_events")) parse_life_events(ctx, *node, "life_events", spec.life_events);
  if (auto node = top.take("debt")) parse_debt(ctx, *node, "debt", spec.debt);
  if (auto node = top.take("population", /*required=*/true)) {
    parse_population(ctx, *node, "population", spec.population);
  }
  if (auto node = top.take("interventions")) parse_interventions(ctx, *node, "interventions", spec.interventions);
  if (auto node = top.take("costs")) parse_costs(ctx, *node, "costs", spec.costs);
  if (auto node = top.take("providers")) parse_providers(ctx, *node, "providers", spec.network.providers);
  if (auto node = top.take("pathways")) parse_pathways(ctx, *node, "pathways", spec.network.pathways);
  if (auto node = top.take("help_seeking")) parse_help_seeking(ctx, *node, "help_seeking", spec.network.help_seeking);
  top.take("extends");  // resolved before parsing; known so that a stray one is not "unknown"
  top.finish();
  return spec;
}

}  // namespace wijksim::scenarios::detail
