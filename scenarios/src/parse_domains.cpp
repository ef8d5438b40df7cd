// domains: a list of life domains, each with weekly rates and an initial distribution
// (keys: WIJKSIM_DOMAIN_KEYS).
#include "parse_sections.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void parse_domains(ParseContext& ctx, const YAML::Node& node, const std::string& path, std::vector<DomainSpec>& out) {
  out.clear();
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    DomainSpec domain;
    MapCursor map(ctx, item, item_path, "a domain (name:, worsen:, improve:, initial:)");
    read_rows(map, domain);
    map.finish();
    out.push_back(std::move(domain));
  });
}

}  // namespace wijksim::scenarios::detail
