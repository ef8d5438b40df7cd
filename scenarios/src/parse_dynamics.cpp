// dynamics: cross-domain coupling and the pull of the household's network.
#include "parse_sections.hpp"

namespace wijksim::scenarios::detail {

void parse_dynamics(ParseContext& ctx, const YAML::Node& node, const std::string& path, DynamicsSpec& out) {
  MapCursor map(ctx, node, path);
  map.read("coupling", out.coupling);
  map.read("problem_weight", out.problem_weight);
  map.read("network_improvement", out.network_improvement);
  map.finish();
}

}  // namespace wijksim::scenarios::detail
