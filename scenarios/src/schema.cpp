// The rows of the key lists (keys.hpp) for the generic walks (schema_rows.hpp), and the
// key reference generated from them (schema.hpp, docs/scenario-keys.md).
#include "wijksim/scenarios/schema.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "parse_interventions.hpp"
#include "schema_rows.hpp"
#include "suggest.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios::detail {

#define WIJKSIM_ROW(type, name, def, flags, check, unit, description, source) \
  Row<Spec>{#name, member_of<Spec>(&Spec::name), Flags::flags, check, unit, description, source},
#define WIJKSIM_ROWS(S, LIST)                        \
  template <>                                        \
  const std::vector<Row<S>>& rows<S>() {             \
    using Spec = S;                                  \
    static const std::vector<Row<S>> r{LIST(WIJKSIM_ROW)}; \
    return r;                                        \
  }

WIJKSIM_ROWS(ScenarioSpec, WIJKSIM_TOP_KEYS)
WIJKSIM_ROWS(DomainSpec, WIJKSIM_DOMAIN_KEYS)
WIJKSIM_ROWS(DynamicsSpec, WIJKSIM_DYNAMICS_KEYS)
WIJKSIM_ROWS(LifeEventSpec, WIJKSIM_LIFE_EVENT_KEYS)
WIJKSIM_ROWS(DebtSpec, WIJKSIM_DEBT_KEYS)
WIJKSIM_ROWS(IncomeSpec, WIJKSIM_INCOME_KEYS)
WIJKSIM_ROWS(PopulationSpec, WIJKSIM_POPULATION_KEYS)
WIJKSIM_ROWS(WijkSpec, WIJKSIM_WIJK_KEYS)
WIJKSIM_ROWS(ProviderSpec, WIJKSIM_PROVIDER_KEYS)
WIJKSIM_ROWS(PathwaySpec, WIJKSIM_PATHWAY_KEYS)
WIJKSIM_ROWS(HelpSeekingSpec, WIJKSIM_HELP_SEEKING_KEYS)
WIJKSIM_ROWS(InterventionSpec, WIJKSIM_INTERVENTION_KEYS)
WIJKSIM_ROWS(TargetSpec, WIJKSIM_TARGET_KEYS)
WIJKSIM_ROWS(CostsSpec, WIJKSIM_COSTS_KEYS)
WIJKSIM_ROWS(SocietalCostSpec, WIJKSIM_SOCIETAL_COST_KEYS)

// ---- value text (the resolved YAML's layout) ----

std::string yaml_number(double x) {
  if (std::isnan(x)) return ".nan";
  if (std::isinf(x)) return x > 0 ? ".inf" : "-.inf";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

std::string yaml_quoted(const std::string& s) {
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

namespace {

template <class T, class F>
std::string flow_list(const std::vector<T>& v, F f) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + f(v[i]);
  return out + "]";
}

template <class T, class F>
std::string flow_map(const std::map<std::string, T>& m, F f) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, v] : m) {
    out += (first ? "" : ", ") + yaml_quoted(key) + ": " + f(v);
    first = false;
  }
  return out + "}";
}

}  // namespace

std::string value_text(bool v) { return v ? "true" : "false"; }
std::string value_text(int v) { return std::to_string(v); }
std::string value_text(long long v) { return std::to_string(v); }
std::string value_text(unsigned long long v) { return std::to_string(v); }
std::string value_text(double v) { return yaml_number(v); }
std::string value_text(const std::string& v) { return yaml_quoted(v); }
std::string value_text(const Numbers& v) { return flow_list(v, yaml_number); }
std::string value_text(const Integers& v) { return flow_list(v, [](long long x) { return std::to_string(x); }); }
std::string value_text(const Names& v) { return flow_list(v, yaml_quoted); }
std::string value_text(const NumberMap& v) { return flow_map(v, yaml_number); }
std::string value_text(const LevelMap& v) { return flow_map(v, [](int x) { return std::to_string(x); }); }
std::string value_text(const NamesMap& v) { return flow_map(v, [](const Names& n) { return value_text(n); }); }
std::string value_text(const Matrix& v) { return flow_list(v, [](const Numbers& row) { return value_text(row); }); }

// ---- range checks ----

namespace {

// Shortest text that reads back to x: 1.1, not 1.1000000000000001.
std::string number_text(double x) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

template <class V>
void check_value(const Check& c, const V& v, const std::string& path, const Report& report) {
  if constexpr (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>) {
    const double x = static_cast<double>(v);
    const std::string got = std::is_floating_point_v<V> ? number_text(x) : std::to_string(v);
    switch (c.kind) {
      case CheckKind::probability:
      case CheckKind::share:
      case CheckKind::non_negative:
        if (!(x >= c.lo && x <= c.hi)) report(path, c.expected, got);  // also catches NaN
        break;
      case CheckKind::positive:
        if (!(x > 0 && std::isfinite(x))) report(path, c.expected, got);
        break;
      case CheckKind::interval:
        if (!(x >= c.lo && x <= c.hi))
          report(path, x > c.hi && !c.expected_high.empty() ? c.expected_high : c.expected, got);
        break;
      case CheckKind::below:
        if (!(x >= c.lo && x < c.hi)) report(path, c.expected, got);
        break;
      default: break;
    }
  } else if constexpr (std::is_same_v<V, std::string>) {
    if (c.kind == CheckKind::nonempty && v.empty()) report(path, c.expected, "an empty name");
    if (c.kind == CheckKind::one_of && !(c.empty_ok && v.empty())) {
      const auto& allowed = c.names();
      for (const auto& a : allowed)
        if (a == v) return;
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : " | ") + a;
      const std::string best = closest_match(v, allowed);
      report(path, c.expected + std::string(" (") + list + ")",
             "'" + v + "'" + (best.empty() ? std::string() : "; did you mean '" + best + "'?"));
    }
  }
}

}  // namespace

template <class S>
void check_rows(const S& spec, const std::string& path, const Report& report,
                const std::function<void(const std::string& key)>& own) {
  for (const auto& row : rows<S>()) {
    if (row.check.kind == CheckKind::own) {
      if (own) own(row.key);
      continue;
    }
    std::visit([&](auto m) {
      if constexpr (!std::is_same_v<decltype(m), std::monostate>)
        check_value(row.check, spec.*m, child_path(path, row.key), report);
    }, row.member);
  }
}

template void check_rows(const ScenarioSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);
template void check_rows(const DynamicsSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);
template void check_rows(const LifeEventSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);
template void check_rows(const DebtSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);
template void check_rows(const IncomeSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);
template void check_rows(const PopulationSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);
template void check_rows(const WijkSpec&, const std::string&, const Report&,
                          const std::function<void(const std::string&)>&);

}  // namespace wijksim::scenarios::detail

// ---- the key reference ----

namespace wijksim::scenarios {
namespace {

using namespace detail;

std::string trim_number(double x) { return yaml_number(x); }

template <class V>
std::string type_text(const Check& c) {
  switch (c.kind) {
    case CheckKind::own:
    case CheckKind::elsewhere:
    case CheckKind::enumeration: return c.expected;
    case CheckKind::probability: return "probability";
    case CheckKind::share: return "share";
    case CheckKind::non_negative: return "number >= 0";
    case CheckKind::positive: return "number > 0";
    case CheckKind::interval:
      if constexpr (std::is_integral_v<V>) return "integer " + trim_number(c.lo) + ".." + trim_number(c.hi);
      else return "number in [" + trim_number(c.lo) + ", " + trim_number(c.hi) + "]";
    case CheckKind::below: return "number in [" + trim_number(c.lo) + ", " + trim_number(c.hi) + ")";
    case CheckKind::one_of: {
      std::string list = c.empty_ok ? "\"\"" : "";
      for (const auto& n : c.names()) list += (list.empty() ? "" : ", ") + n;
      return list;
    }
    case CheckKind::nonempty: return "non-empty text";
    case CheckKind::any: break;
  }
  if constexpr (std::is_same_v<V, bool>) return "bool";
  else if constexpr (std::is_integral_v<V>) return std::is_unsigned_v<V> ? "integer >= 0" : "integer";
  else if constexpr (std::is_floating_point_v<V>) return "number";
  else if constexpr (std::is_same_v<V, std::string>) return "text";
  else return "list";
}

template <class S>
void add_rows(std::vector<KeyDoc>& out, const std::string& prefix) {
  static const S defaults{};
  for (const auto& row : rows<S>()) {
    KeyDoc d;
    d.path = prefix + row.key;
    d.required = row.flags == Flags::req;
    d.unit = row.unit;
    d.description = row.description;
    d.source = row.source;
    std::visit([&](auto m) {
      if constexpr (std::is_same_v<decltype(m), std::monostate>) {
        d.type = row.check.expected;
        d.default_value = "(see below)";
      } else {
        using V = std::decay_t<decltype(defaults.*m)>;
        d.type = type_text<V>(row.check);
        d.default_value = d.required ? "(required)" : value_text(defaults.*m);
      }
    }, row.member);
    out.push_back(std::move(d));
  }
}

struct Section {
  std::string title;
  std::string intro;
  std::vector<KeyDoc> keys;
};

std::vector<Section> sections() {
  std::vector<Section> s;
  const auto section = [&](std::string title, std::string intro) -> std::vector<KeyDoc>& {
    s.push_back({std::move(title), std::move(intro), {}});
    return s.back().keys;
  };
  auto& top = section("Top level", "`domains:` and `population:` are required sections.");
  add_rows<ScenarioSpec>(top, "");
  top.push_back({"extends", "text", "none", "path", "base scenario, relative to this file; deep-merged first", "", false});
  add_rows<DomainSpec>(section("domains", "A non-empty list; names unique."), "domains[i].");
  add_rows<DynamicsSpec>(section("dynamics", ""), "dynamics.");
  add_rows<LifeEventSpec>(section("life_events", "Names unique."), "life_events[i].");
  add_rows<DebtSpec>(section("debt", ""), "debt.");
  auto& population = section("population", "`population.wijken` is a required, non-empty list; wijk names unique.");
  add_rows<IncomeSpec>(population, "population.income.");
  add_rows<PopulationSpec>(population, "population.");
  add_rows<WijkSpec>(population, "population.wijken[w].");
  auto& network = section("providers, pathways, help_seeking",
                          "Optional; without `providers:` the run is dynamics only. Checked on the compiled network "
                          "(engine/src/providers/validate.cpp): unknown provider in a pathway, a wijk served by no "
                          "wijkteam, negative capacity, probabilities from one provider and trigger summing above 1, "
                          "a zero-delay referral cycle (errors), a provider nobody can reach (warning).");
  add_rows<ProviderSpec>(network, "providers[i].");
  add_rows<PathwaySpec>(network, "pathways[j].");
  add_rows<HelpSeekingSpec>(network, "help_seeking.");
  auto& interventions = section("interventions", "Names unique; type-specific parameters in the next section.");
  add_rows<InterventionSpec>(interventions, "interventions[i].");
  interventions.push_back({"interventions[i].parameters", "{parameter: number} (by type, below)", "the type's defaults",
                           "", "type-specific parameters", "", false});
  add_rows<TargetSpec>(interventions, "interventions[i].target.");
  auto& costs = section("costs", "");
  add_rows<CostsSpec>(costs, "costs.");
  std::string builtin;
  for (const auto& c : default_societal_costs()) builtin += (builtin.empty() ? "" : ", ") + c.name;
  costs.push_back({"costs.societal", "list of societal costs", "the built-in list (" + builtin + ")", "",
                   "unit costs of societal events; a written list replaces it whole", "§3.2", false});
  add_rows<SocietalCostSpec>(costs, "costs.societal[k].");
  auto& params = section("intervention parameters", "`interventions[i].parameters.<key>` by `type`; numbers "
                                                    "unless listed as a list parameter.");
  for (const auto& type : intervention_type_list()) {
    for (const auto& p : intervention_parameters(type))
      params.push_back({"parameters." + std::string(p.key) + " (" + type + ")", "number",
                        yaml_number(p.default_value), "", p.note, "", false});
    for (const auto& key : intervention_list_parameters(type))
      params.push_back({"parameters." + key + " (" + type + ")", "list parameter", "the type's default", "", "", "", false});
  }
  return s;
}

std::string cell(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n') out += ' ';
    else out += ch;
  }
  return out;
}

}  // namespace

std::vector<KeyDoc> scenario_keys() {
  std::vector<KeyDoc> out;
  for (auto& s : sections())
    for (auto& k : s.keys) out.push_back(std::move(k));
  return out;
}

std::string key_reference_markdown() {
  std::ostringstream out;
  out << "# Scenario keys\n\n"
         "<!-- Generated from scenarios/include/wijksim/scenarios/keys.hpp by key_reference_markdown();\n"
         "     do not edit. Regenerate: build/bin/wijksim_key_reference docs/scenario-keys.md\n"
         "     (tests/scenarios/test_schema.cpp fails when this file and the schema differ). -->\n\n"
         "Every key of a scenario file, one row each, as declared in the schema. Rates are "
         "probabilities per household per week; severities are ZRM 1 (acute) .. 5 (fully "
         "self-sufficient); lists \"by severity\" have 5 entries, first = severity 1. Defaults are "
         "written as `scenario.resolved.yaml` writes them. Sources: sections of "
         "../shared/reference/DOMAIN-FIGURES.md (§), \"assumed\" where no figure exists.\n";
  for (const auto& s : sections()) {
    out << "\n## " << s.title << "\n\n";
    if (!s.intro.empty()) out << s.intro << "\n\n";
    out << "| key | type | default | unit | meaning | source |\n|---|---|---|---|---|---|\n";
    for (const auto& k : s.keys) {
      out << "| " << cell(k.path) << " | " << cell(k.type) << " | " << cell(k.default_value) << " | "
          << cell(k.unit) << " | " << cell(k.description) << " | " << cell(k.source) << " |\n";
    }
  }
  return out.str();
}

}  // namespace wijksim::scenarios
