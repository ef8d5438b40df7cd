// interventions / costs: cross-field checks (every issue at once, placed at file:line by
// the SourceMap) and compilation into CompiledScenario::interventions / ::costs.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "parse_interventions.hpp"
#include "suggest.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/interventions.hpp"

namespace wijksim::scenarios::detail {

namespace {

const std::vector<std::string>& household_type_names() {
  static const std::vector<std::string> names{"single", "couple", "single_parent", "couple_with_children"};
  return names;
}

int find_index(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

std::string number(double x) {
  std::string s = std::to_string(x);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

struct Issues {
  const SourceMap& where;
  std::vector<ScenarioIssue>& out;
  void add(const std::string& path, std::string expected, std::string got) {
    const SourceLocation at = where.find(path);
    out.push_back(ScenarioIssue{at.file, at.line, at.column, path, std::move(expected), std::move(got), false});
  }
  void range(const std::string& path, double x, double lo, double hi, const std::string& what) {
    if (!(x >= lo && x <= hi)) add(path, what, number(x));
  }
  void name_in(const std::string& path, const std::string& name, const std::vector<std::string>& names,
               const std::string& what) {
    if (find_index(names, name) < 0) add(path, what + suggestion_suffix(name, names), "'" + name + "'");
  }
};

std::vector<std::string> domain_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const auto& d : spec.domains) names.push_back(d.name);
  return names;
}
std::vector<std::string> wijk_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const auto& w : spec.population.wijken) names.push_back(w.name);
  return names;
}

// Kind of check a numeric parameter gets, from its name.
bool is_probability(const std::string& key) {
  for (const char* tail : {"_probability", "_weekly", "_uptake", "_fraction", "_reduction", "_share"})
    if (key.size() >= std::string(tail).size() && key.ends_with(tail)) return true;
  return false;
}

bool has_conditions(const TargetSpec& t) {
  return !t.wijken.empty() || !t.age.empty() || !t.household_types.empty() || !t.domains.empty() ||
         !t.income.empty() || !t.debt.empty();
}

void check_target(Issues& is, const TargetSpec& t, const std::string& path, const ScenarioSpec& spec) {
  if (t.all && has_conditions(t))
    is.add(path + ".all", "`all: true` alone (it means everybody), or conditions without it", "both");
  const auto wijken = wijk_names(spec);
  for (size_t i = 0; i < t.wijken.size(); ++i)
    is.name_in(index_path(path + ".wijken", i), t.wijken[i], wijken, "a wijk of population.wijken");
  const auto pair = [&](const std::string& key, const auto& v, double lo) {
    if (v.empty()) return;
    if (v.size() != 2) {
      is.add(path + "." + key, "[min, max]", "a list of " + std::to_string(v.size()) + " entries");
    } else if (!(static_cast<double>(v[0]) >= lo && static_cast<double>(v[0]) <= static_cast<double>(v[1]))) {
      is.add(path + "." + key, "[min, max] with " + number(lo) + " <= min <= max",
             "[" + number(static_cast<double>(v[0])) + ", " + number(static_cast<double>(v[1])) + "]");
    }
  };
  pair("age", t.age, 0);
  pair("income", t.income, 0);
  pair("debt", t.debt, 0);
  for (size_t i = 0; i < t.household_types.size(); ++i)
    is.name_in(index_path(path + ".household_types", i), t.household_types[i], household_type_names(),
               "a household type");
  const auto domains = domain_names(spec);
  for (const auto& [d, level] : t.domains) {
    is.name_in(path + ".domains." + d, d, domains, "a domain name");
    is.range(path + ".domains." + d, level, 1, 5, "a ZRM level 1..5");
  }
}

void check_intervention(Issues& is, const InterventionSpec& iv, const std::string& path, const ScenarioSpec& spec,
                        const std::vector<std::string>& provider_names) {
  const auto types = intervention_type_list();
  is.name_in(path + ".type", iv.type, types, "an intervention type");
  if (iv.name.empty()) is.add(path + ".name", "a non-empty name", "\"\"");
  if (iv.start_week < 1) is.add(path + ".start_week", "a week >= 1", std::to_string(iv.start_week));
  if (iv.end_week != -1 && iv.end_week < iv.start_week)
    is.add(path + ".end_week", "-1 (until the end) or a week >= start_week (" + std::to_string(iv.start_week) + ")",
           std::to_string(iv.end_week));
  if (iv.budget != -1) is.range(path + ".budget", iv.budget, 0, 1e15, "-1 (no budget) or euros >= 0");
  is.name_in(path + ".financier", iv.financier, cost_financier_list(), "a financier");
  check_target(is, iv.target, path + ".target", spec);

  const std::string pp = path + ".parameters";
  for (const auto& [key, value] : iv.parameters) {
    const std::string kp = pp + "." + key;
    if (is_probability(key)) is.range(kp, value, 0, 1, "a probability in [0, 1]");
    else if (key == "duration_weeks" || key == "repay_months") is.range(kp, value, 1, 5200, "a whole number >= 1");
    else if (key == "finances_after_settlement" || key == "problem_at_or_below") is.range(kp, value, 1, 5, "a ZRM level 1..5");
    else if (key == "capacity_delta") is.range(kp, value, -1e6, 1e6, "a whole number of clients");
    else is.range(kp, value, 0, 1e12, "a finite number >= 0");
  }
  const auto domains = domain_names(spec);
  for (size_t i = 0; i < iv.effect_domains.size(); ++i)
    is.name_in(index_path(pp + ".effect_domains", i), iv.effect_domains[i], domains, "a domain name");
  for (size_t i = 0; i < iv.providers.size(); ++i)
    is.name_in(index_path(pp + ".providers", i), iv.providers[i], provider_names, "a provider of providers:");
  const bool network_type = iv.type == "capacity_change" || iv.type == "pooled_budget" ||
                            iv.type == "case_manager_continuity";
  if (network_type && iv.providers.empty()) is.add(pp + ".providers", "at least one provider name", "none");
  // A network intervention changes providers and pathways for everybody they serve; the
  // services phase has no per-household switch for it, so a target would be silently
  // ignored. Refuse it instead (`target: all` says what happens and stays allowed).
  if (network_type && has_conditions(iv.target))
    is.add(path + ".target", "",
           iv.type + " acts on a provider, not on households: remove target (or write `target: all`)");
  if (iv.type == "pooled_budget") {
    if (!iv.generalist.empty()) is.name_in(pp + ".generalist", iv.generalist, provider_names, "a provider of providers:");
    is.name_in(pp + ".pooled_financier", iv.pooled_financier, cost_financier_list(), "a financier");
  }
  if (iv.type == "social_prescribing")
    is.name_in(pp + ".avoided_financier", iv.avoided_financier, cost_financier_list(), "a financier");
  if ((iv.type == "debt_restructuring" || iv.type == "early_signals") &&
      (!spec.debt.enabled || find_index(domains, spec.debt.finances_domain) < 0))
    is.add(path + ".type", iv.type + " needs debt.enabled: true and a debt.finances_domain", "debt disabled");
}

}  // namespace

void validate_interventions(const ScenarioSpec& spec, const std::vector<std::string>& extra_provider_names,
                            const SourceMap& where, std::vector<ScenarioIssue>& issues) {
  Issues is{where, issues};
  std::vector<std::string> provider_names = extra_provider_names;
  for (const auto& p : spec.network.providers) provider_names.push_back(p.name);
  if (spec.interventions.size() > static_cast<size_t>(kMaxInterventions))
    is.add("interventions", "at most " + std::to_string(kMaxInterventions) + " interventions",
           std::to_string(spec.interventions.size()));
  std::set<std::string> names;
  for (size_t i = 0; i < spec.interventions.size(); ++i) {
    const std::string path = index_path("interventions", i);
    check_intervention(is, spec.interventions[i], path, spec, provider_names);
    if (!names.insert(spec.interventions[i].name).second)
      is.add(path + ".name", "a name not used by another intervention", "'" + spec.interventions[i].name + "' again");
  }
}

void validate_costs(const ScenarioSpec& spec, const SourceMap& where, std::vector<ScenarioIssue>& issues) {
  Issues is{where, issues};
  is.range("costs.discount_rate", spec.costs.discount_rate, 0, 1, "a yearly rate in [0, 1]");
  const auto domains = domain_names(spec);
  // The built-in list names default-city domains; in a scenario without them those
  // entries simply never apply (compile_costs drops them), so only a written list is
  // checked for domain names.
  const bool defaults = spec.costs.societal == default_societal_costs();
  std::set<std::string> names;
  for (size_t i = 0; i < spec.costs.societal.size(); ++i) {
    const auto& c = spec.costs.societal[i];
    const std::string path = index_path("costs.societal", i);
    if (!names.insert(c.name).second) is.add(path + ".name", "a name not used by another societal cost", "'" + c.name + "' again");
    for (const auto& [d, level] : c.when) {
      if (!defaults) is.name_in(path + ".when." + d, d, domains, "a domain name");
      is.range(path + ".when." + d, level, 1, 5, "a ZRM level 1..5");
    }
    if (!c.work_status.empty()) is.name_in(path + ".work_status", c.work_status, work_status_names(), "a work status");
    is.range(path + ".weekly_probability", c.weekly_probability, 0, 1, "a probability in [0, 1]");
    is.range(path + ".unit_cost", c.unit_cost, 0, 1e12, "euros >= 0");
    is.name_in(path + ".financier", c.financier, cost_financier_list(), "a financier");
  }
}

namespace {

int64_t cents(double euros) { return static_cast<int64_t>(std::llround(euros * 100.0)); }

std::vector<int> domain_indices(const std::vector<std::string>& names, const CompiledScenario& out) {
  std::vector<int> idx;
  for (const auto& n : names) idx.push_back(find_index(out.domain_names, n));
  return idx;
}

InterventionTarget compile_target(const TargetSpec& t, const CompiledScenario& out) {
  InterventionTarget c;
  if (!t.wijken.empty()) {
    c.wijk.assign(out.wijken.size(), 0);
    for (const auto& name : t.wijken)
      for (size_t w = 0; w < out.wijken.size(); ++w)
        if (out.wijken[w].name == name) c.wijk[w] = 1;
  }
  if (t.age.size() == 2) {
    c.min_age = static_cast<int>(t.age[0]);
    c.max_age = static_cast<int>(t.age[1]);
  }
  if (!t.household_types.empty()) {
    c.kinds = 0;
    for (const auto& k : t.household_types) c.kinds |= 1u << find_index(household_type_names(), k);
  }
  for (int d = 0; d < out.n_domains; ++d) {  // domain order, not name order
    const auto it = t.domains.find(out.domain_names[d]);
    if (it != t.domains.end()) c.any_of.push_back({d, it->second});
  }
  if (t.income.size() == 2) {
    c.min_income = t.income[0];
    c.max_income = t.income[1];
  }
  if (t.debt.size() == 2) {
    c.min_debt = static_cast<int64_t>(std::ceil(t.debt[0]));
    c.max_debt = static_cast<int64_t>(std::floor(std::min(t.debt[1], 9e18)));
  }
  return c;
}

int provider_index(const CompiledScenario& out, const std::string& name) {
  for (size_t p = 0; p < out.network.providers.size(); ++p)
    if (out.network.providers[p].name == name) return static_cast<int>(p);
  return -1;
}

}  // namespace

void compile_interventions(const ScenarioSpec& spec, CompiledScenario& out) {
  out.interventions.clear();
  const auto financiers = cost_financier_list();
  for (const auto& iv : spec.interventions) {
    CompiledIntervention c;
    c.name = iv.name;
    c.type = static_cast<InterventionType>(std::max(0, find_index(intervention_type_list(), iv.type)));
    c.start_week = static_cast<uint32_t>(iv.start_week);
    c.end_week = iv.end_week < 0 ? 0xFFFFFFFFu : static_cast<uint32_t>(iv.end_week);
    c.target = compile_target(iv.target, out);
    c.budget_cents = iv.budget < 0 ? -1 : cents(iv.budget);
    c.financier = std::max(0, find_index(financiers, iv.financier));
    const auto param = [&](const char* key, double fallback) {
      const auto it = iv.parameters.find(key);
      return it == iv.parameters.end() ? fallback : it->second;
    };
    InterventionParams& p = c.params;
    p.weekly_uptake = param("weekly_uptake", p.weekly_uptake);
    p.contact_probability = param("contact_probability", p.contact_probability);
    p.duration_weeks = static_cast<int>(std::lround(param("duration_weeks", p.duration_weeks)));
    p.dropout_weekly = param("dropout_weekly", p.dropout_weekly);
    p.improve_weekly = param("improve_weekly", p.improve_weekly);
    p.effect_domains = domain_indices(iv.effect_domains, out);
    p.problem_at_or_below = static_cast<int>(std::lround(param("problem_at_or_below", p.problem_at_or_below)));
    p.cost_per_enrolment_cents = cents(param("cost_per_enrolment", 0));
    p.cost_per_week_cents = cents(param("cost_per_week", 0));
    p.settlement_fraction = param("settlement_fraction", p.settlement_fraction);
    p.repay_months = static_cast<int>(std::lround(param("repay_months", p.repay_months)));
    p.finances_after_settlement = static_cast<int>(std::lround(param("finances_after_settlement", p.finances_after_settlement)));
    p.repay_income_floor = param("repay_income_floor", p.repay_income_floor);
    p.repay_income_share = param("repay_income_share", p.repay_income_share);
    p.visits_per_week = param("visits_per_week", p.visits_per_week);
    p.signal_weekly = param("signal_weekly", p.signal_weekly);
    p.delay_weeks = static_cast<int>(std::lround(param("delay_weeks", p.delay_weeks)));
    p.gp_visit_weekly = param("gp_visit_weekly", p.gp_visit_weekly);
    p.referral_probability = param("referral_probability", p.referral_probability);
    p.avoided_cost_per_referral_cents = cents(param("avoided_cost_per_referral", 0));
    if (!iv.avoided_financier.empty()) p.avoided_financier = std::max(0, find_index(financiers, iv.avoided_financier));
    p.max_concurrent = static_cast<int>(std::lround(param("max_concurrent", 0)));
    p.individual_cost_per_week_cents = cents(param("individual_cost_per_week", 0));
    for (const auto& name : iv.providers) p.providers.push_back(provider_index(out, name));
    p.capacity_factor = param("capacity_factor", p.capacity_factor);
    p.capacity_delta = static_cast<int>(std::lround(param("capacity_delta", 0)));
    p.loss_reduction = param("loss_reduction", p.loss_reduction);
    p.dropout_reduction = param("dropout_reduction", p.dropout_reduction);
    p.generalist = iv.generalist.empty() ? -1 : provider_index(out, iv.generalist);
    if (!iv.pooled_financier.empty()) p.pooled_financier = std::max(0, find_index(financiers, iv.pooled_financier));
    out.interventions.push_back(std::move(c));
  }
}

void compile_costs(const ScenarioSpec& spec, CompiledScenario& out) {
  out.costs = costs::CompiledCosts{};
  out.costs.enabled = spec.costs.enabled;
  out.costs.discount_rate = spec.costs.discount_rate;
  const auto financiers = cost_financier_list();
  for (const auto& s : spec.costs.societal) {
    costs::SocietalCost c;
    c.name = s.name;
    for (int d = 0; d < out.n_domains; ++d) {
      const auto it = s.when.find(out.domain_names[d]);
      if (it != s.when.end()) c.all_of.push_back({d, it->second});
    }
    c.work_status = s.work_status.empty() ? -1 : find_index(work_status_names(), s.work_status);
    c.needs_children = s.needs_children;
    c.needs_debt = s.needs_debt;
    c.weekly_probability = s.weekly_probability;
    c.unit_cost_cents = cents(s.unit_cost);
    c.financier = std::max(0, find_index(financiers, s.financier));
    // A societal cost naming a domain the scenario lacks never applies (validate reports it).
    if (c.all_of.size() == s.when.size()) out.costs.societal.push_back(std::move(c));
  }
}

}  // namespace wijksim::scenarios::detail
