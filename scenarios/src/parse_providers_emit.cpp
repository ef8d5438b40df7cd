// ProvidersSpec -> resolved YAML (the `providers:`, `pathways:` and `help_seeking:`
// sections), every key row written (emit_rows_yaml: free text double-quoted, enumerations
// plain, lists and maps in flow style) so that load(emit(spec)) == spec. Uses YAML::Emitter
// with 17 significant digits (reads back to the same double) rather than emit.cpp's
// hand-written layout: the sections are nested lists of maps, which the emitter lays out
// correctly, and there is then no second copy of the number/quoting helpers.
#include <ostream>

#include "parse_providers.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {

void emit_providers(std::ostream& out, const ProvidersSpec& spec) {
  YAML::Emitter e;
  e.SetDoublePrecision(17);
  e << YAML::BeginMap;
  e << YAML::Key << "providers" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : spec.providers) {
    e << YAML::BeginMap;
    emit_rows_yaml(e, p);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq;
  e << YAML::Key << "pathways" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : spec.pathways) {
    e << YAML::BeginMap;
    emit_rows_yaml(e, p);
    e << YAML::EndMap;
  }
  e << YAML::EndSeq;
  e << YAML::Key << "help_seeking" << YAML::Value << YAML::BeginMap;
  emit_rows_yaml(e, spec.help_seeking);
  e << YAML::EndMap;
  e << YAML::EndMap;
  out << e.c_str() << "\n";
}

}  // namespace wijksim::scenarios::detail
