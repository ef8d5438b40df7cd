// ScenarioSpec -> resolved YAML. Written by hand rather than with YAML::Emitter so that
// the layout is ours and fixed: every field, in spec order, doubles in the shortest form
// that reads back to the same bits (std::to_chars), strings double-quoted. Hence
// load(emit(spec)) == spec and emit(load(emit(spec))) == emit(spec) byte for byte.
#include <charconv>
#include <cmath>
#include <sstream>

#include "parse_interventions.hpp"
#include "parse_providers.hpp"
#include "wijksim/scenarios/load.hpp"

namespace wijksim::scenarios {
namespace {

std::string num(double x) {
  if (std::isnan(x)) return ".nan";
  if (std::isinf(x)) return x > 0 ? ".inf" : "-.inf";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string list(const std::vector<double>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + num(v[i]);
  return out + "]";
}

template <class T, class F>
std::string flow_map(const std::map<std::string, T>& m, F value) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, v] : m) {
    out += (first ? "" : ", ") + quoted(key) + ": " + value(v);
    first = false;
  }
  return out + "}";
}

const char* boolean(bool b) { return b ? "true" : "false"; }

void emit_domains(std::ostream& out, const std::vector<DomainSpec>& domains) {
  out << "domains:" << (domains.empty() ? " []\n" : "\n");
  for (const auto& d : domains) {
    out << "  - name: " << quoted(d.name) << "\n"
        << "    worsen: " << list(d.worsen) << "\n"
        << "    improve: " << list(d.improve) << "\n"
        << "    initial: " << list(d.initial) << "\n";
  }
}

void emit_dynamics(std::ostream& out, const DynamicsSpec& dyn) {
  out << "dynamics:\n  coupling:" << (dyn.coupling.empty() ? " []\n" : "\n");
  for (const auto& row : dyn.coupling) out << "    - " << list(row) << "\n";
  out << "  problem_weight: " << list(dyn.problem_weight) << "\n"
      << "  network_improvement: " << num(dyn.network_improvement) << "\n";
}

void emit_life_events(std::ostream& out, const std::vector<LifeEventSpec>& events) {
  out << "life_events:" << (events.empty() ? " []\n" : "\n");
  for (const auto& e : events) {
    out << "  - name: " << quoted(e.name) << "\n"
        << "    weekly_rate: " << num(e.weekly_rate) << "\n"
        << "    applies_to: " << quoted(e.applies_to) << "\n"
        << "    severity: " << flow_map(e.severity, [](int v) { return std::to_string(v); }) << "\n"
        << "    income_factor: " << num(e.income_factor) << "\n"
        << "    debt_add: " << num(e.debt_add) << "\n"
        << "    creditors_add: " << e.creditors_add << "\n"
        << "    work_status: " << quoted(e.work_status) << "\n"
        << "    adults_delta: " << e.adults_delta << "\n"
        << "    children_delta: " << e.children_delta << "\n"
        << "    becomes_single_parent_if_children: " << boolean(e.becomes_single_parent_if_children) << "\n";
  }
}

void emit_debt(std::ostream& out, const DebtSpec& d) {
  out << "debt:\n"
      << "  enabled: " << boolean(d.enabled) << "\n"
      << "  finances_domain: " << quoted(d.finances_domain) << "\n"
      << "  grows_at_or_below: " << d.grows_at_or_below << "\n"
      << "  low_income_threshold: " << num(d.low_income_threshold) << "\n"
      << "  weekly_growth_rate: " << num(d.weekly_growth_rate) << "\n"
      << "  weekly_arrears: " << num(d.weekly_arrears) << "\n"
      << "  max_debt: " << num(d.max_debt) << "\n"
      << "  initial_mean_if_problem: " << num(d.initial_mean_if_problem) << "\n"
      << "  initial_creditors_mean: " << num(d.initial_creditors_mean) << "\n";
}

void emit_population(std::ostream& out, const PopulationSpec& p) {
  const auto number = [](double v) { return num(v); };
  out << "population:\n  income:\n"
      << "    low_income_mean: " << num(p.income.low_income_mean) << "\n"
      << "    other_mean: " << num(p.income.other_mean) << "\n"
      << "    benefits_mean: " << num(p.income.benefits_mean) << "\n"
      << "    sd_fraction: " << num(p.income.sd_fraction) << "\n"
      << "  problem_correlation: " << num(p.problem_correlation) << "\n"
      << "  wijken:" << (p.wijken.empty() ? " []\n" : "\n");
  for (const auto& w : p.wijken) {
    out << "    - name: " << quoted(w.name) << "\n"
        << "      households: " << w.households << "\n"
        << "      single_parent_share: " << num(w.single_parent_share) << "\n"
        << "      couple_share: " << num(w.couple_share) << "\n"
        << "      with_children_share: " << num(w.with_children_share) << "\n"
        << "      low_income_share: " << num(w.low_income_share) << "\n"
        << "      benefits_share: " << num(w.benefits_share) << "\n"
        << "      age_groups: " << flow_map(w.age_groups, number) << "\n"
        << "      problem_prevalence: " << flow_map(w.problem_prevalence, number) << "\n"
        << "      low_income_risk_ratio: " << num(w.low_income_risk_ratio) << "\n"
        << "      network_strength_mean: " << num(w.network_strength_mean) << "\n"
        << "      care_avoidance_mean: " << num(w.care_avoidance_mean) << "\n";
  }
}

}  // namespace

std::string emit_resolved_yaml(const ScenarioSpec& spec) {
  std::ostringstream out;
  out << "# Resolved scenario: every key written, defaults filled in. Loading this file gives\n"
         "# the same scenario (and the same run) as the file(s) and overrides it came from.\n"
      << "name: " << quoted(spec.name) << "\n"
      << "description: " << quoted(spec.description) << "\n"
      << "seed: " << spec.seed << "\n"
      << "replication: " << spec.replication << "\n"
      << "weeks: " << spec.weeks << "\n";
  emit_domains(out, spec.domains);
  emit_dynamics(out, spec.dynamics);
  emit_life_events(out, spec.life_events);
  emit_debt(out, spec.debt);
  emit_population(out, spec.population);
  detail::emit_providers(out, spec.network);  // providers (helper E2)
  detail::emit_interventions(out, spec.interventions);  // helper F
  detail::emit_costs(out, spec.costs);
  return out.str();
}

}  // namespace wijksim::scenarios
