// interventions / costs -> resolved YAML, in the same fixed style as emit.cpp: every key
// row written (schema_rows.hpp), doubles in their shortest round-trip form, strings
// double-quoted, so that load(emit(spec)) == spec.
#include <algorithm>

#include "parse_interventions.hpp"
#include "schema_rows.hpp"

namespace wijksim::scenarios::detail {


void emit_interventions(std::ostream& out, const std::vector<InterventionSpec>& interventions) {
  if (interventions.empty()) {
    out << "interventions: []\n";
    return;
  }
  out << "interventions:\n";
  for (const auto& iv : interventions) {
    emit_rows(out, iv, "  - ", "    ", [&](const std::string&, const std::string& prefix) {  // target
      out << prefix << "target:\n";
      emit_rows(out, iv.target, "      ", "      ");
    });
    const auto& lists = intervention_list_parameters(iv.type);
    if (iv.parameters.empty() && lists.empty()) {
      out << "    parameters: {}\n";
      continue;
    }
    out << "    parameters:\n";
    for (const auto& [k, v] : iv.parameters) out << "      " << k << ": " << yaml_number(v) << "\n";
    const auto has = [&](const char* key) { return std::find(lists.begin(), lists.end(), key) != lists.end(); };
    if (has("effect_domains")) out << "      effect_domains: " << value_text(iv.effect_domains) << "\n";
    if (has("providers")) out << "      providers: " << value_text(iv.providers) << "\n";
    if (has("generalist") && !iv.generalist.empty()) out << "      generalist: " << value_text(iv.generalist) << "\n";
    if (has("pooled_financier")) out << "      pooled_financier: " << value_text(iv.pooled_financier) << "\n";
    if (has("avoided_financier")) out << "      avoided_financier: " << value_text(iv.avoided_financier) << "\n";
  }
}

void emit_costs(std::ostream& out, const CostsSpec& costs) {
  out << "costs:\n";
  emit_rows(out, costs, "  ", "  ");
  out << "  societal:" << (costs.societal.empty() ? " []\n" : "\n");
  for (const auto& c : costs.societal) emit_rows(out, c, "    - ", "      ");
}

}  // namespace wijksim::scenarios::detail
