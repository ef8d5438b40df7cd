// interventions / costs -> resolved YAML, in the same fixed style as emit.cpp: every field
// written, doubles in their shortest round-trip form, strings double-quoted, so that
// load(emit(spec)) == spec.
#include <charconv>
#include <algorithm>
#include <cmath>

#include "parse_interventions.hpp"

namespace wijksim::scenarios::detail {

namespace {

std::string num(double x) {
  if (std::isnan(x)) return ".nan";
  if (std::isinf(x)) return x > 0 ? ".inf" : "-.inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

// Names here are identifiers and domain / wijk names; escape the two characters that
// could break a double-quoted YAML scalar.
std::string q(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

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
  for (const auto& [k, v] : m) {
    out += (first ? "" : ", ") + q(k) + ": " + f(v);
    first = false;
  }
  return out + "}";
}

const auto kNum = [](double x) { return num(x); };
const auto kInt = [](long long x) { return std::to_string(x); };
const auto kStr = [](const std::string& s) { return q(s); };

}  // namespace

void emit_interventions(std::ostream& out, const std::vector<InterventionSpec>& interventions) {
  if (interventions.empty()) {
    out << "interventions: []\n";
    return;
  }
  out << "interventions:\n";
  for (const auto& iv : interventions) {
    out << "  - type: " << q(iv.type) << "\n";
    out << "    name: " << q(iv.name) << "\n";
    out << "    start_week: " << iv.start_week << "\n";
    out << "    end_week: " << iv.end_week << "\n";
    const TargetSpec& t = iv.target;
    out << "    target:\n";
    out << "      all: " << (t.all ? "true" : "false") << "\n";
    out << "      wijken: " << flow_list(t.wijken, kStr) << "\n";
    out << "      age: " << flow_list(t.age, kInt) << "\n";
    out << "      household_types: " << flow_list(t.household_types, kStr) << "\n";
    out << "      domains: " << flow_map(t.domains, [](int x) { return std::to_string(x); }) << "\n";
    out << "      income: " << flow_list(t.income, kNum) << "\n";
    out << "      debt: " << flow_list(t.debt, kNum) << "\n";
    out << "    budget: " << num(iv.budget) << "\n";
    out << "    financier: " << q(iv.financier) << "\n";
    const auto& lists = intervention_list_parameters(iv.type);
    if (iv.parameters.empty() && lists.empty()) {
      out << "    parameters: {}\n";
      continue;
    }
    out << "    parameters:\n";
    for (const auto& [k, v] : iv.parameters) out << "      " << k << ": " << num(v) << "\n";
    const auto has = [&](const char* key) { return std::find(lists.begin(), lists.end(), key) != lists.end(); };
    if (has("effect_domains")) out << "      effect_domains: " << flow_list(iv.effect_domains, kStr) << "\n";
    if (has("providers")) out << "      providers: " << flow_list(iv.providers, kStr) << "\n";
    if (has("generalist") && !iv.generalist.empty()) out << "      generalist: " << q(iv.generalist) << "\n";
    if (has("pooled_financier")) out << "      pooled_financier: " << q(iv.pooled_financier) << "\n";
    if (has("avoided_financier")) out << "      avoided_financier: " << q(iv.avoided_financier) << "\n";
  }
}

void emit_costs(std::ostream& out, const CostsSpec& costs) {
  out << "costs:\n";
  out << "  enabled: " << (costs.enabled ? "true" : "false") << "\n";
  out << "  discount_rate: " << num(costs.discount_rate) << "\n";
  if (costs.societal.empty()) {
    out << "  societal: []\n";
    return;
  }
  out << "  societal:\n";
  for (const auto& c : costs.societal) {
    out << "    - name: " << q(c.name) << "\n";
    out << "      when: " << flow_map(c.when, [](int x) { return std::to_string(x); }) << "\n";
    out << "      work_status: " << q(c.work_status) << "\n";
    out << "      needs_children: " << (c.needs_children ? "true" : "false") << "\n";
    out << "      weekly_probability: " << num(c.weekly_probability) << "\n";
    out << "      unit_cost: " << num(c.unit_cost) << "\n";
    out << "      financier: " << q(c.financier) << "\n";
  }
}

}  // namespace wijksim::scenarios::detail
