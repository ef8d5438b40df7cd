// The `providers:`, `pathways:` and `help_seeking:` sections (providers_spec.hpp), read
// with the reader layer from the key rows (keys.hpp): typed reads, key paths, unknown
// keys with a did-you-mean.
// Ranges and names are checked later, on the compiled network (compile_providers.cpp).
#include "parse_providers.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void parse_providers(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                     std::vector<ProviderSpec>& out) {
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    ProviderSpec p;
    MapCursor m(ctx, item, item_path, "a provider mapping");
    if (!m.ok()) return;
    read_rows(m, p);  // WIJKSIM_PROVIDER_KEYS
    m.finish();
    out.push_back(std::move(p));
  });
}

void parse_pathways(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                    std::vector<PathwaySpec>& out) {
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    PathwaySpec p;
    MapCursor m(ctx, item, item_path, "a pathway mapping");
    if (!m.ok()) return;
    read_rows(m, p);  // WIJKSIM_PATHWAY_KEYS
    m.finish();
    out.push_back(std::move(p));
  });
}

void parse_help_seeking(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                        HelpSeekingSpec& out) {
  MapCursor m(ctx, node, path, "a help_seeking mapping");
  if (!m.ok()) return;
  read_rows(m, out);  // WIJKSIM_HELP_SEEKING_KEYS
  m.finish();
}

}  // namespace wijksim::scenarios::detail
