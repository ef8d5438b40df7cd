// ProvidersSpec -> CompiledProviderNetwork (names resolved, money in cents) and the
// network's structural issues mapped back to key paths (parse_providers.hpp).
#include <algorithm>
#include <climits>
#include <cmath>
#include <sstream>
#include <tuple>

#include "parse_providers.hpp"
#include "wijksim/providers/validate.hpp"

namespace wijksim::scenarios::detail {
namespace {

namespace pv = wijksim::providers;

struct Resolver {
  const SourceMap& where;
  std::vector<ScenarioIssue>& issues;

  void error(const std::string& path, std::string expected, std::string got) {
    const SourceLocation at = where.find(path);
    issues.push_back({at.file, at.line, at.column, path, std::move(expected), std::move(got), false});
  }
  int index(const std::vector<std::string>& names, const std::string& name, const std::string& path,
            const char* what) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
    error(path, std::string("the name of a ") + what + " (" + list + ")", "'" + name + "'");
    return -1;
  }
  template <class E>
  E pick(std::span<const std::string_view> table, const std::string& name, const std::string& path,
         E fallback) {
    if (auto i = pv::find_name(table, name)) return static_cast<E>(*i);
    error(path, "one of " + pv::join_names(table), "'" + name + "'");
    return fallback;
  }
  std::vector<pv::DomainThreshold> thresholds(const std::map<std::string, int>& m,
                                              const std::vector<std::string>& domains,
                                              const std::string& path) {
    std::vector<pv::DomainThreshold> out;
    for (const auto& [domain, level] : m) {
      const int d = index(domains, domain, path + "." + domain, "domain");
      if (d >= 0) out.push_back({d, level});
    }
    return out;
  }
};

int64_t cents(double euros) { return static_cast<int64_t>(std::llround(euros * 100.0)); }

pv::CompiledProvider compile_provider(Resolver& r, const ProviderSpec& p, const std::string& path,
                                      const std::vector<std::string>& domains,
                                      const std::vector<std::string>& wijken) {
  pv::CompiledProvider c;
  c.name = p.name;
  c.type_name = p.type;
  const auto t = pv::find_name(pv::provider_type_names(), p.type);
  c.type = t ? static_cast<pv::ProviderType>(*t) : pv::ProviderType::user;
  for (size_t i = 0; i < p.wijken.size(); ++i) {
    const int w = r.index(wijken, p.wijken[i], index_path(path + ".wijken", i), "wijk");
    if (w >= 0) c.wijken.push_back(w);
  }
  // capacity: written directly, or FTE x caseload (rounded down: a partial client slot
  // cannot be used).
  // Capacity is an int32 in the compiled network: a larger value is an error here, never a
  // silent wrap (4294967296 used to run as 0).
  constexpr long long kMaxCapacity = INT32_MAX;
  const double from_fte = std::floor(p.fte * p.caseload);
  if (p.capacity > kMaxCapacity)
    r.error(path + ".capacity", "an integer -1.." + std::to_string(kMaxCapacity), std::to_string(p.capacity));
  else if (p.capacity < 0 && p.fte > 0 && !(from_fte <= static_cast<double>(kMaxCapacity)))
    r.error(path + ".fte", "fte x caseload at most " + std::to_string(kMaxCapacity) + " clients",
            std::to_string(from_fte));
  c.capacity = p.capacity >= 0 || p.fte <= 0
                   ? static_cast<int32_t>(std::min(p.capacity, kMaxCapacity))
                   : static_cast<int32_t>(std::min(from_fte, static_cast<double>(kMaxCapacity)));
  // A share is resolved per run (resolve_capacities), after any --households scaling.
  if (p.capacity_share > 0 && p.capacity < 0 && p.fte <= 0) c.capacity = 0;
  c.capacity_share = p.capacity_share;
  c.duration = r.pick(pv::duration_kind_names(), p.duration, path + ".duration", pv::DurationKind::geometric);
  c.mean_weeks = p.mean_weeks;
  c.dropout_weekly = p.dropout_weekly;
  // Waiting lists and after-care (issue 14), checked here with their key paths.
  const auto number = [](double x) {
    std::ostringstream o;
    o << x;
    return o.str();
  };
  for (const auto& [prob, key] : {std::pair{p.leave_waiting_weekly, ".leave_waiting_weekly"},
                                  std::pair{p.settles_debt, ".settles_debt"}})
    if (!(prob >= 0.0 && prob <= 1.0)) r.error(path + key, "a probability in [0, 1]", number(prob));
  for (const auto& [factor, key] : {std::pair{p.waiting_worsen_factor, ".waiting_worsen_factor"},
                                    std::pair{p.after_care_worsen_factor, ".after_care_worsen_factor"},
                                    std::pair{p.leave_waiting_avoidance, ".leave_waiting_avoidance"}})
    if (!(factor >= 0.0 && factor <= 1e6)) r.error(path + key, "a factor in [0, 1e6]", number(factor));
  if (p.after_care_weeks < 0 || p.after_care_weeks > 100000)
    r.error(path + ".after_care_weeks", "a number of weeks in 0..100000", std::to_string(p.after_care_weeks));
  c.leave_waiting_weekly = p.leave_waiting_weekly;
  c.leave_waiting_avoidance = p.leave_waiting_avoidance;
  c.settles_debt = p.settles_debt;
  c.waiting_worsen_factor = p.waiting_worsen_factor;
  c.after_care_weeks = static_cast<int>(std::clamp<long long>(p.after_care_weeks, 0, 100000));
  c.after_care_worsen_factor = p.after_care_worsen_factor;
  for (const auto& [value, key, high] : {std::tuple{p.initial_in_service, ".initial_in_service", kMaxCapacity},
                                         std::tuple{p.initial_waiting, ".initial_waiting", kMaxCapacity},
                                         std::tuple{p.initial_waited_weeks, ".initial_waited_weeks", 100000LL}})
    if (value < 0 || value > high)
      r.error(path + key, (std::string(key) == ".initial_waited_weeks" ? "a number of weeks in 0.." : "an integer in 0..") +
                              std::to_string(high), std::to_string(value));
  c.initial_in_service = static_cast<int32_t>(std::clamp<long long>(p.initial_in_service, 0, kMaxCapacity));
  c.initial_waiting = static_cast<int32_t>(std::clamp<long long>(p.initial_waiting, 0, kMaxCapacity));
  c.initial_waited_weeks = static_cast<int32_t>(std::clamp<long long>(p.initial_waited_weeks, 0, 100000));
  for (const auto& [domain, improve] : p.effects) {
    const int d = r.index(domains, domain, path + ".effects." + domain, "domain");
    if (d >= 0) c.effects.push_back({d, improve});
  }
  c.discharge_at_or_above = p.discharge_at_or_above;
  c.eligibility.any_of = r.thresholds(p.eligible_if_any, domains, path + ".eligible_if_any");
  c.eligibility.min_age = p.min_age;
  c.eligibility.max_age = p.max_age;
  if (!p.household_types.empty()) {
    static const std::vector<std::string> kinds{"single", "couple", "single_parent", "couple_with_children"};
    c.eligibility.kinds = 0;
    for (size_t i = 0; i < p.household_types.size(); ++i) {
      const int k = r.index(kinds, p.household_types[i], index_path(path + ".household_types", i),
                            "household type");
      if (k >= 0) c.eligibility.kinds |= 1u << k;
    }
  }
  c.discipline = r.pick(pv::queue_discipline_names(), p.queue, path + ".queue", pv::QueueDiscipline::fifo);
  c.cost_per_week_cents = cents(p.cost_per_client_week);
  c.intake_cost_cents = cents(p.intake_cost);
  c.financier = r.pick(pv::financier_names(), p.financier, path + ".financier", pv::Financier::wmo);
  return c;
}

std::vector<pv::ProviderType> types(Resolver& r, const std::vector<std::string>& names,
                                    const std::string& path) {
  std::vector<pv::ProviderType> out;
  for (size_t i = 0; i < names.size(); ++i)
    out.push_back(r.pick(pv::provider_type_names(), names[i], index_path(path, i), pv::ProviderType::user));
  return out;
}

}  // namespace

providers::CompiledProviderNetwork compile_providers(const ProvidersSpec& spec,
                                                     const std::vector<std::string>& domains,
                                                     const std::vector<std::string>& wijken,
                                                     const SourceMap& where,
                                                     std::vector<ScenarioIssue>& issues) {
  Resolver r{where, issues};
  pv::CompiledProviderNetwork net;
  std::vector<std::string> names;
  for (size_t i = 0; i < spec.providers.size(); ++i) {
    net.providers.push_back(compile_provider(r, spec.providers[i], index_path("providers", i), domains, wijken));
    names.push_back(spec.providers[i].name);
  }
  for (size_t i = 0; i < spec.pathways.size(); ++i) {
    const auto& p = spec.pathways[i];
    const std::string path = index_path("pathways", i);
    pv::CompiledPathway c;
    c.from_name = p.from;
    c.to_name = p.to;
    const auto from = std::find(names.begin(), names.end(), p.from);
    const auto to = std::find(names.begin(), names.end(), p.to);
    c.from = from == names.end() ? -1 : static_cast<int>(from - names.begin());
    c.to = to == names.end() ? -1 : static_cast<int>(to - names.begin());
    c.trigger = r.pick(pv::pathway_trigger_names(), p.trigger, path + ".trigger", pv::PathwayTrigger::discharge);
    c.condition = r.thresholds(p.condition, domains, path + ".condition");
    c.probability = p.probability;
    c.delay_weeks = static_cast<int>(std::clamp<long long>(p.delay_weeks, -1, 1 << 20));
    c.loss = p.loss;
    c.continuity = p.continuity;
    net.pathways.push_back(std::move(c));
  }
  const auto& hs = spec.help_seeking;
  net.help_seeking.enabled = hs.enabled && !net.providers.empty();
  for (size_t s = 0; s < 5 && s < hs.weekly_by_worst.size(); ++s) net.help_seeking.weekly_by_worst[s] = hs.weekly_by_worst[s];
  net.help_seeking.avoidance_effect = hs.avoidance_effect;
  net.help_seeking.default_entry = types(r, hs.default_entry, "help_seeking.default_entry");
  net.help_seeking.entry_by_domain.assign(domains.size(), {});
  for (const auto& [domain, list] : hs.entry) {
    const int d = r.index(domains, domain, "help_seeking.entry." + domain, "domain");
    if (d >= 0) net.help_seeking.entry_by_domain[d] = types(r, list, "help_seeking.entry." + domain);
  }
  pv::finalise_network(net, static_cast<int>(wijken.size()), static_cast<int>(domains.size()));
  return net;
}

std::vector<ScenarioIssue> validate_providers(const ProvidersSpec& spec,
                                              const std::vector<std::string>& domains,
                                              const std::vector<std::string>& wijken,
                                              const SourceMap& where) {
  std::vector<ScenarioIssue> issues;
  const auto net = compile_providers(spec, domains, wijken, where, issues);
  for (const auto& i : pv::validate_network(net, wijken)) {
    std::string path;
    switch (i.kind) {
      case pv::IssueKind::unknown_provider:
        path = index_path("pathways", i.pathway) + (net.pathways[i.pathway].from < 0 ? ".from" : ".to");
        break;
      case pv::IssueKind::wijk_without_wijkteam: path = index_path("population.wijken", i.wijk); break;
      case pv::IssueKind::negative_capacity:
        path = index_path("providers", i.provider);
        path += where.contains(path + ".capacity") || !where.contains(path + ".fte") ? ".capacity" : ".fte";
        break;
      case pv::IssueKind::probability_sum_above_one:
      case pv::IssueKind::zero_delay_cycle:
        path = index_path("pathways", i.pathway) +
               (i.kind == pv::IssueKind::zero_delay_cycle ? ".delay_weeks" : ".probability");
        break;
      default:
        path = i.pathway >= 0 ? index_path("pathways", i.pathway) : index_path("providers", std::max(0, i.provider));
    }
    const SourceLocation at = where.find(path);
    issues.push_back({at.file, at.line, at.column, path, "", i.message, i.warning});
  }
  return issues;
}

namespace {

std::vector<std::string> domain_names(const ScenarioSpec& spec) {
  std::vector<std::string> out;
  for (const auto& d : spec.domains) out.push_back(d.name);
  return out;
}

std::vector<std::string> wijk_names(const ScenarioSpec& spec) {
  std::vector<std::string> out;
  for (const auto& w : spec.population.wijken) out.push_back(w.name);
  return out;
}

}  // namespace

void validate_network_section(const ScenarioSpec& spec, const SourceMap& where,
                              std::vector<ScenarioIssue>& issues) {
  for (auto& i : validate_providers(spec.network, domain_names(spec), wijk_names(spec), where))
    issues.push_back(std::move(i));
}

void compile_network_section(const ScenarioSpec& spec, CompiledScenario& out) {
  std::vector<ScenarioIssue> ignored;  // validate() reported them before compile runs
  out.network = compile_providers(spec.network, domain_names(spec), wijk_names(spec), SourceMap{}, ignored);
}

}  // namespace wijksim::scenarios::detail
