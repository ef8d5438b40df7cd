// Validation of a ScenarioSpec. Runs after parsing (type errors are already reported
// there) and collects every issue; nothing here throws. Single-key ranges come from the
// key rows (keys.hpp, Checker::rows); what is written here is cross-field: sizes, sums,
// names that must exist.
#include <algorithm>
#include <charconv>
#include <functional>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

#include "parse_interventions.hpp"
#include "parse_providers.hpp"
#include "schema_rows.hpp"
#include "suggest.hpp"
#include "wijksim/scenarios/validate.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios {

const std::vector<std::string>& event_eligibility_names() {
  static const std::vector<std::string> names{"all",        "employed",    "couples",    "with_children",
                                                "in_debt",    "debt_free",   "unemployed", "on_benefits",
                                                "couples_without_children", "singles",
                                                "retired_singles", "retired_couples", "after_settlement"};
  return names;
}
const std::vector<std::string>& work_status_names() {
  static const std::vector<std::string> names{"employed", "unemployed", "benefits", "retired", "student"};
  return names;
}
const std::vector<std::string>& age_group_keys() {
  static const std::vector<std::string> keys{"age_18_26", "age_27_44", "age_45_64", "age_65_plus"};
  return keys;
}

namespace {

using detail::child_path;
using detail::index_path;

// Shortest text that reads back to x (as emit writes it): 1.1, not 1.1000000000000001.
std::string number_text(double x) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

class Checker {
 public:
  Checker(const SourceMap& where) : where_(where) {}

  void issue(const std::string& path, std::string expected, std::string got, bool warning = false) {
    place(where_.find(path), path, std::move(expected), std::move(got), warning);
  }
  // The range checks of the key rows of one mapping (keys.hpp), at prefix.key.
  // `own(key)` runs the section's own checks of an own(...) row, in row order.
  template <class S>
  void rows(const S& spec, const std::string& prefix, const std::function<void(const std::string&)>& own = {}) {
    detail::check_rows(
        spec, prefix,
        [this](const std::string& path, std::string expected, std::string got) {
          issue(path, std::move(expected), std::move(got));
        },
        own);
  }
  // About a map key (a domain name used as a key): placed at the key.
  void key_issue(const std::string& path, std::string expected, std::string got) {
    place(where_.find_key(path), path, std::move(expected), std::move(got), false);
  }
  void place(const SourceLocation& at, const std::string& path, std::string expected, std::string got, bool warning) {
    issues.push_back(ScenarioIssue{at.file, at.line, at.column, path, std::move(expected), std::move(got), warning});
  }
  void range(const std::string& path, double x, double lo, double hi, const std::string& what) {
    if (!(x >= lo && x <= hi)) issue(path, what, number_text(x));  // also catches NaN
  }
  void probability(const std::string& path, double x) { range(path, x, 0.0, 1.0, "a probability in [0, 1]"); }
  void share(const std::string& path, double x) { range(path, x, 0.0, 1.0, "a share in [0, 1]"); }
  void non_negative(const std::string& path, double x) {
    range(path, x, 0.0, std::numeric_limits<double>::max(), "a finite number >= 0");
  }
  void positive(const std::string& path, double x) {
    if (!(x > 0 && std::isfinite(x))) issue(path, "a finite number > 0", number_text(x));
  }
  bool size(const std::string& path, size_t n, size_t expected_n, const std::string& what) {
    if (n == expected_n) return true;
    issue(path, what + " of exactly " + std::to_string(expected_n) + " entries", std::to_string(n) + " entries");
    return false;
  }
  // Names must be non-empty and unique within their list.
  void unique_names(const std::string& list_path, const std::vector<std::string>& names) {
    std::set<std::string> seen;
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string path = child_path(index_path(list_path, i), "name");
      if (names[i].empty()) issue(path, "a non-empty name", "an empty name");
      else if (!seen.insert(names[i]).second) issue(path, "a unique name", "'" + names[i] + "' again (duplicate)");
    }
  }
  void one_of(const std::string& path, const std::string& value, const std::vector<std::string>& allowed,
              const std::string& what) {
    for (const auto& a : allowed) {
      if (a == value) return;
    }
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : " | ") + a;
    issue(path, what + " (" + list + ")", "'" + value + "'" + did_you_mean(value, allowed));
  }
  // "; did you mean 'x'?" when close, else "".
  static std::string did_you_mean(const std::string& value, const std::vector<std::string>& allowed) {
    const std::string best = detail::closest_match(value, allowed);
    return best.empty() ? std::string() : "; did you mean '" + best + "'?";
  }

  std::vector<ScenarioIssue> issues;

 private:
  const SourceMap& where_;
};

void check_domains(Checker& c, const ScenarioSpec& spec) {
  if (spec.domains.empty()) c.issue("domains", "at least one domain", "an empty list");
  std::vector<std::string> names;
  for (size_t d = 0; d < spec.domains.size(); ++d) {
    const DomainSpec& domain = spec.domains[d];
    const std::string path = index_path("domains", d);
    names.push_back(domain.name);
    const bool worsen_ok = c.size(child_path(path, "worsen"), domain.worsen.size(), 5, "a list (one per severity 1..5)");
    const bool improve_ok =
        c.size(child_path(path, "improve"), domain.improve.size(), 5, "a list (one per severity 1..5)");
    const bool initial_ok =
        c.size(child_path(path, "initial"), domain.initial.size(), 5, "a list (one per severity 1..5)");
    if (worsen_ok) {
      for (size_t s = 0; s < 5; ++s) c.probability(index_path(child_path(path, "worsen"), s), domain.worsen[s]);
      if (domain.worsen[0] != 0) {
        c.issue(index_path(child_path(path, "worsen"), 0), "0 (severity 1 is acute: it cannot get worse)",
                number_text(domain.worsen[0]));
      }
    }
    if (improve_ok) {
      for (size_t s = 0; s < 5; ++s) c.probability(index_path(child_path(path, "improve"), s), domain.improve[s]);
      if (domain.improve[4] != 0) {
        c.issue(index_path(child_path(path, "improve"), 4), "0 (severity 5 is fully self-sufficient: it cannot improve)",
                number_text(domain.improve[4]));
      }
    }
    if (worsen_ok && improve_ok) {
      for (size_t s = 0; s < 5; ++s) {
        const double sum = domain.worsen[s] + domain.improve[s];
        if (sum > 1.0) {
          c.issue(index_path(child_path(path, "improve"), s),
                  "worsen[" + std::to_string(s) + "] + improve[" + std::to_string(s) + "] <= 1", number_text(sum));
        }
      }
    }
    if (initial_ok) {
      double sum = 0;
      for (size_t s = 0; s < 5; ++s) {
        c.probability(index_path(child_path(path, "initial"), s), domain.initial[s]);
        sum += domain.initial[s];
      }
      if (!(std::fabs(sum - 1.0) <= 1e-9)) {
        c.issue(child_path(path, "initial"), "shares summing to 1 (within 1e-9)", "a sum of " + number_text(sum));
      }
    }
  }
  c.unique_names("domains", names);
}

void check_dynamics(Checker& c, const ScenarioSpec& spec) {
  const DynamicsSpec& dyn = spec.dynamics;
  const size_t n = spec.domains.size();
  if (!dyn.coupling.empty() && c.size("dynamics.coupling", dyn.coupling.size(), n,
                                      "a square matrix (one row per domain)")) {
    for (size_t i = 0; i < n; ++i) {
      const std::string row = index_path("dynamics.coupling", i);
      if (!c.size(row, dyn.coupling[i].size(), n, "a row (one column per domain)")) continue;
      for (size_t j = 0; j < n; ++j) c.non_negative(index_path(row, j), dyn.coupling[i][j]);
    }
  }
  if (c.size("dynamics.problem_weight", dyn.problem_weight.size(), 5, "a list (one per severity 1..5)")) {
    for (size_t s = 0; s < 5; ++s) c.non_negative(index_path("dynamics.problem_weight", s), dyn.problem_weight[s]);
  }
  c.rows(dyn, "dynamics");
}

std::vector<std::string> domain_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const auto& d : spec.domains) names.push_back(d.name);
  return names;
}

// A name that must be one of the domains: "expected a domain name, got 'x'; did you mean 'y'?"
void known_domain(Checker& c, const std::string& path, const std::string& name, const std::vector<std::string>& names,
                  bool as_key = false) {
  for (const auto& n : names) {
    if (n == name) return;
  }
  if (as_key) {
    c.key_issue(path, "the name of a domain in domains:", "'" + name + "'" + Checker::did_you_mean(name, names));
  } else {
    c.issue(path, "the name of a domain in domains:", "'" + name + "'" + Checker::did_you_mean(name, names));
  }
}

// Whether the event changes the household it hits (anything but its name, rate, eligibility).
bool has_household_effects(const LifeEventSpec& e) {
  LifeEventSpec bare;
  bare.name = e.name;
  bare.weekly_rate = e.weekly_rate;
  bare.applies_to = e.applies_to;
  bare.leaves_city = e.leaves_city;
  return !(bare == e);
}

void check_life_events(Checker& c, const ScenarioSpec& spec) {
  const std::vector<std::string> domains = domain_names(spec);
  std::vector<std::string> names;
  for (size_t e = 0; e < spec.life_events.size(); ++e) {
    const LifeEventSpec& event = spec.life_events[e];
    const std::string path = index_path("life_events", e);
    names.push_back(event.name);
    c.rows(event, path, [&](const std::string& row) {
      if (row == "severity_at_least" || row == "severity_at_most") {
        for (const auto& [domain, level] : row == "severity_at_least" ? event.severity_at_least : event.severity_at_most) {
          const std::string key = child_path(child_path(path, row), domain);
          known_domain(c, key, domain, domains, /*as_key=*/true);
          if (level < 1 || level > 5) c.issue(key, "a severity level in 1..5", std::to_string(level));
        }
        return;
      }
      if (row == "leaves_city" && event.leaves_city && has_household_effects(event))
        c.issue(child_path(path, "leaves_city"),
                "no other effects with leaves_city: true (the household leaves, a newcomer takes its dwelling; "
                "effects on it would never apply)",
                "severity, income, debt, work or composition effects as well");
      if (row == "refers_to" && !event.refers_to.empty()) {
        std::vector<std::string> providers;
        for (const auto& p : spec.network.providers) providers.push_back(p.name);
        if (std::find(providers.begin(), providers.end(), event.refers_to) == providers.end())
          c.issue(child_path(path, "refers_to"), "the name of a provider in providers:",
                  "'" + event.refers_to + "'" + Checker::did_you_mean(event.refers_to, providers));
      }
      if (row != "severity") return;
      for (const auto& [domain, delta] : event.severity) {
        const std::string key = child_path(child_path(path, "severity"), domain);
        known_domain(c, key, domain, domains, /*as_key=*/true);
        if (delta < -4 || delta > 4) c.issue(key, "a severity change in -4..4", std::to_string(delta));
      }
    });
  }
  c.unique_names("life_events", names);
}

void check_debt(Checker& c, const ScenarioSpec& spec) {
  const DebtSpec& debt = spec.debt;
  c.rows(debt, "debt", [&](const std::string& row) {
    if (row == "finances_domain" && debt.enabled) known_domain(c, "debt.finances_domain", debt.finances_domain, domain_names(spec));
  });
}

void check_ages(Checker& c, const WijkSpec& wijk, const std::string& path);
void check_prevalence(Checker& c, const WijkSpec& wijk, const std::string& path, const std::vector<std::string>& domains);

void check_wijk(Checker& c, const WijkSpec& wijk, const std::string& path, const std::vector<std::string>& domains) {
  c.rows(wijk, path, [&](const std::string& row) {
    if (row == "age_groups") check_ages(c, wijk, path);
    if (row == "problem_prevalence") check_prevalence(c, wijk, path, domains);
  });
}

// Runs in the place of the age_groups row: the household split first, then the ages.
void check_ages(Checker& c, const WijkSpec& wijk, const std::string& path) {
  const double households_split = wijk.single_parent_share + wijk.couple_share;
  if (households_split > 1.0) {
    c.issue(child_path(path, "couple_share"), "single_parent_share + couple_share <= 1",
            "a sum of " + number_text(households_split));
  }
  const std::string ages = child_path(path, "age_groups");
  double age_sum = 0;
  for (const auto& [key, value] : wijk.age_groups) {
    bool known = false;
    for (const auto& k : age_group_keys()) known = known || k == key;
    if (!known) {
      c.key_issue(child_path(ages, key), "an age group (age_18_26 | age_27_44 | age_45_64 | age_65_plus)",
              "'" + key + "'" + Checker::did_you_mean(key, age_group_keys()));
    }
    c.share(child_path(ages, key), value);
    age_sum += value;
  }
  for (const auto& k : age_group_keys()) {
    if (!wijk.age_groups.count(k)) c.issue(child_path(ages, k), "a share for every age group", "nothing");
  }
  if (!(std::fabs(age_sum - 1.0) <= 1e-6)) c.issue(ages, "shares summing to 1 (within 1e-6)", "a sum of " + number_text(age_sum));
}

void check_prevalence(Checker& c, const WijkSpec& wijk, const std::string& path, const std::vector<std::string>& domains) {
  for (const auto& [domain, value] : wijk.problem_prevalence) {
    const std::string key = child_path(child_path(path, "problem_prevalence"), domain);
    known_domain(c, key, domain, domains, /*as_key=*/true);
    c.share(key, value);
  }
}

void check_population(Checker& c, const ScenarioSpec& spec) {
  c.rows(spec.population.income, "population.income");
  c.rows(spec.population, "population");  // problem_correlation < 1: sqrt(1 - rho) must not be 0
  if (spec.population.wijken.empty()) c.issue("population.wijken", "at least one wijk", "an empty list");
  const std::vector<std::string> domains = domain_names(spec);
  std::vector<std::string> names;
  uint64_t total = 0;
  for (size_t w = 0; w < spec.population.wijken.size(); ++w) {
    const WijkSpec& wijk = spec.population.wijken[w];
    names.push_back(wijk.name);
    // "all" names the city-wide rows of timeseries.csv and of a sweep's by-wijk series: a
    // wijk of that name would give two `all` rows per week (issue 11, defect 10).
    if (wijk.name == "all")
      c.issue(child_path(index_path("population.wijken", w), "name"),
              "a wijk name other than 'all' (the name of the city-wide rows in timeseries.csv)", "'all'");
    check_wijk(c, wijk, index_path("population.wijken", w), domains);
    if (wijk.households > 0) total += static_cast<uint64_t>(wijk.households);
  }
  if (total > std::numeric_limits<uint32_t>::max()) {
    c.issue("population.wijken", "at most 4294967295 households in all", std::to_string(total));
  }
  c.unique_names("population.wijken", names);
}

}  // namespace

std::vector<ScenarioIssue> validate(const ScenarioSpec& spec, const SourceMap& where) {
  Checker c(where);
  c.rows(spec, "");  // name, weeks, replication (WIJKSIM_TOP_KEYS)
  check_domains(c, spec);
  check_dynamics(c, spec);
  check_life_events(c, spec);
  check_debt(c, spec);
  check_population(c, spec);
  detail::validate_network_section(spec, where, c.issues);  // providers (helper E2)
  detail::validate_interventions(spec, {}, where, c.issues);  // helper F
  detail::validate_costs(spec, where, c.issues);
  return std::move(c.issues);
}

}  // namespace wijksim::scenarios
