// ScenarioSpec -> resolved YAML. Written by hand rather than with YAML::Emitter so that
// the layout is ours and fixed: every key of the key rows (keys.hpp), in row order,
// doubles in the shortest form that reads back to the same bits (std::to_chars), strings
// double-quoted (schema_rows.hpp: value_text). Hence load(emit(spec)) == spec and
// emit(load(emit(spec))) == emit(spec) byte for byte.
#include <sstream>

#include "parse_interventions.hpp"
#include "parse_providers.hpp"
#include "schema_rows.hpp"
#include "wijksim/scenarios/load.hpp"

namespace wijksim::scenarios {
namespace {

using detail::emit_rows;
using detail::value_text;

// `key:` then one item per element, each item's rows under "  - " (a list of mappings).
template <class S>
void emit_list(std::ostream& out, const std::string& indent, const std::string& key, const std::vector<S>& items) {
  out << indent << key << ":" << (items.empty() ? " []\n" : "\n");
  for (const auto& item : items) emit_rows(out, item, indent + "  - ", indent + "    ");
}

void emit_dynamics(std::ostream& out, const DynamicsSpec& dyn) {
  out << "dynamics:\n";
  emit_rows(out, dyn, "  ", "  ", [&](const std::string&, const std::string& prefix) {
    out << prefix << "coupling:" << (dyn.coupling.empty() ? " []\n" : "\n");
    for (const auto& row : dyn.coupling) out << "    - " << value_text(row) << "\n";
  });
}

void emit_population(std::ostream& out, const PopulationSpec& p) {
  out << "population:\n  income:\n";
  emit_rows(out, p.income, "    ", "    ");
  emit_rows(out, p, "  ", "  ");
  emit_list(out, "  ", "wijken", p.wijken);
}

}  // namespace

std::string emit_resolved_yaml(const ScenarioSpec& spec) {
  std::ostringstream out;
  out << "# Resolved scenario: every key written, defaults filled in. Loading this file gives\n"
         "# the same scenario (and the same run) as the file(s) and overrides it came from.\n";
  emit_rows(out, spec, "", "");
  emit_list(out, "", "domains", spec.domains);
  emit_dynamics(out, spec.dynamics);
  emit_list(out, "", "life_events", spec.life_events);
  out << "debt:\n";
  emit_rows(out, spec.debt, "  ", "  ");
  emit_population(out, spec.population);
  detail::emit_providers(out, spec.network);
  detail::emit_interventions(out, spec.interventions);
  detail::emit_costs(out, spec.costs);
  return out.str();
}

}  // namespace wijksim::scenarios
