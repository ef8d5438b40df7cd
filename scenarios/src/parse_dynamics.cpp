// dynamics: cross-domain coupling and the pull of the household's network (keys:
// WIJKSIM_DYNAMICS_KEYS; the coupling matrix is read here, checked in validate.cpp).
#include "parse_sections.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void parse_dynamics(ParseContext& ctx, const YAML::Node& node, const std::string& path, DynamicsSpec& out) {
  MapCursor map(ctx, node, path);
  map.read("coupling", out.coupling);
  read_rows(map, out);
  map.finish();
}

}  // namespace wijksim::scenarios::detail
