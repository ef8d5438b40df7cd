// The outcome dictionary (outcomes.hpp): the rows, their expansion over a scenario's
// names, name lookup with did-you-mean, and the generated listings.
#include "wijksim/output/outcomes.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "wijksim/costs.hpp"
#include "wijksim/edit_distance.hpp"
#include "wijksim/metrics.hpp"
#include "wijksim/providers/names.hpp"

namespace wijksim::output {

namespace {

using K = OutcomeKind;
using L = OutcomeLevel;
using Q = Quantity;
using S = OutcomeScope;
using A = SummaryAggregate;
using Y = YearlyAggregate;

constexpr std::string_view kWeek = "Simulation::metrics()";
constexpr std::string_view kProviderWeek = "Simulation::providers().week_counters[provider]";
constexpr std::string_view kLedgerWeek = "Simulation::interventions().ledger.week[financier]";
constexpr std::string_view kCounters =
    "Simulation::interventions().counters[intervention] (cumulative; this week = difference with last week)";

// clang-format off
// The dictionary. Order = listing order = the order of timeseries.csv and providers.csv columns.
const OutcomeDecl kRows[] = {
  // City and wijk (timeseries.csv: one row per wijk and `all`).
  {Q::households, S::none, "households", "households", L::wijk, K::stock,
   "households in the wijk (city: all)", kWeek, "households", "", 1, "final.households"},
  {Q::severity, S::domain_level, "severity.<domain>.<s>", "households", L::wijk, K::stock,
   "households at ZRM severity s (1 acute .. 5 fully self-sufficient) in the domain", kWeek,
   "<domain>_s<s>", "", 1, "final.domains.<domain>.severity_count[<s-1>]"},
  {Q::problems, S::domain, "problems.<domain>", "households", L::wijk, K::stock,
   "households at severity 1 or 2 in the domain (ZRM acute or not self-sufficient)", kWeek, "", "", 1, ""},
  {Q::multi_problem, S::none, "multi_problem", "households", L::wijk, K::stock,
   "households with 3 or more domains at severity 1 or 2", kWeek, "multi_problem", "", 1, "final.multi_problem"},
  {Q::total_debt, S::none, "total_debt", "EUR", L::wijk, K::stock,
   "sum of household debts (whole euros)", kWeek, "total_debt_eur", "", 1, "final.total_debt"},
  {Q::households_in_debt, S::none, "households_in_debt", "households", L::wijk, K::stock,
   "households with debt above zero", kWeek, "households_in_debt", "", 1, "final.households_in_debt"},
  {Q::events, S::event, "events.<event>", "events/week", L::wijk, K::flow,
   "life events of this type this week", kWeek, "events_<event>", "", 1, "final.events_last_week.<event>"},
  // City-wide care status (provider network only).
  {Q::care_not_in_care, S::network, "care.not_in_care", "households", L::city, K::stock,
   "households neither waiting, in service nor in transit (after-care included)", "Simulation::metrics().care[0]", "not_in_care", "", 1, ""},
  {Q::care_waiting, S::network, "care.waiting", "households", L::city, K::stock,
   "households on a waiting list (all providers)", "Simulation::metrics().care[1]", "waiting", "", 1, ""},
  {Q::care_in_service, S::network, "care.in_service", "households", L::city, K::stock,
   "households in service (all providers)", "Simulation::metrics().care[2]", "in_service", "", 1, ""},
  {Q::care_in_transit, S::network, "care.in_transit", "households", L::city, K::stock,
   "households referred on and not yet arrived", "Simulation::metrics().care[3]", "in_transit", "", 1, ""},
  // Per financier (costs.hpp: the network's seven, municipality, landlord), this week.
  {Q::financier_provider, S::financier, "financiers.<financier>.provider", "EUR/week", L::financier, K::flow,
   "provider-network costs (client-weeks and intakes) paid by the financier", kLedgerWeek,
   "cost_<financier>_eur", "", 1, "costs.per_financier.<financier>.provider", A::run_total},
  {Q::financier_intervention, S::financier, "financiers.<financier>.intervention", "EUR/week", L::financier, K::flow,
   "what interventions charged to the financier (incl. debt settlements)", kLedgerWeek, "", "", 1,
   "costs.per_financier.<financier>.intervention", A::run_total},
  {Q::financier_repayment, S::financier, "financiers.<financier>.repayment", "EUR/week", L::financier, K::flow,
   "money flowing back to the financier (negative: repayments)", kLedgerWeek, "", "", 1,
   "costs.per_financier.<financier>.repayment", A::run_total},
  {Q::financier_societal, S::financier, "financiers.<financier>.societal", "EUR/week", L::financier, K::flow,
   "costs that problems cause (evictions, benefits, crisis care); avoided costs = baseline - variant "
   "(wijksim compare)", kLedgerWeek, "", "", 1, "costs.per_financier.<financier>.societal", A::run_total},
  {Q::financier_costs, S::financier, "financiers.<financier>.costs", "EUR/week", L::financier, K::flow,
   "spending: intervention + provider + repayment (summary.json vs_baseline costs = variant - baseline)",
   kLedgerWeek, "", "", 1, ""},
  {Q::financier_total, S::financier, "financiers.<financier>.total", "EUR/week", L::financier, K::flow,
   "costs + societal: everything the financier bears this week", kLedgerWeek, "", "", 1,
   "costs.per_financier.<financier>.total", A::run_total},
  {Q::societal_events, S::societal_cost, "societal.<cost>", "events/week", L::city, K::flow,
   "societal cost events of this kind this week (costs.societal)",
   "Simulation::interventions().ledger.week_events[cost]", "", "", 1, "costs.societal_events.<cost>", A::run_total},
  // Per provider (providers.csv: one row per week and provider).
  {Q::provider_queue_length, S::provider, "providers.<provider>.queue_length", "households", L::provider, K::stock,
   "waiting at the end of the week", kProviderWeek, "", "queue_length", 1,
   "providers.providers[<provider>].final_queue_length"},
  {Q::provider_in_service, S::provider, "providers.<provider>.in_service", "households", L::provider, K::stock,
   "in service at the end of the week", kProviderWeek, "", "in_service", 1,
   "providers.providers[<provider>].final_in_service"},
  {Q::provider_requests, S::provider, "providers.<provider>.requests", "households/week", L::provider, K::flow,
   "help requests received directly", kProviderWeek, "", "requests", 1, "providers.providers[<provider>].requests",
   A::run_total},
  {Q::provider_admissions, S::provider, "providers.<provider>.admissions", "households/week", L::provider, K::flow,
   "admitted from the queue", kProviderWeek, "", "admissions", 1, "providers.providers[<provider>].admissions",
   A::run_total},
  {Q::provider_discharges, S::provider, "providers.<provider>.discharges", "households/week", L::provider, K::flow,
   "services ended (duration, targets reached, intake referral)", kProviderWeek, "", "discharges", 1,
   "providers.providers[<provider>].discharges", A::run_total},
  {Q::provider_dropouts, S::provider, "providers.<provider>.dropouts", "households/week", L::provider, K::flow,
   "left service early", kProviderWeek, "", "dropouts", 1, "providers.providers[<provider>].dropouts", A::run_total},
  {Q::provider_referrals_in, S::provider, "providers.<provider>.referrals_in", "households/week", L::provider,
   K::flow, "referrals arrived (delay elapsed, not lost)", kProviderWeek, "", "referrals_in", 1,
   "providers.providers[<provider>].referrals_in", A::run_total},
  {Q::provider_referrals_out, S::provider, "providers.<provider>.referrals_out", "households/week", L::provider,
   K::flow, "referred on along a pathway", kProviderWeek, "", "referrals_out", 1,
   "providers.providers[<provider>].referrals_out", A::run_total},
  {Q::provider_lost, S::provider, "providers.<provider>.lost", "households/week", L::provider, K::flow,
   "referrals to this provider lost on the way", kProviderWeek, "", "lost", 1, "providers.providers[<provider>].lost",
   A::run_total},
  {Q::provider_wait_mean, S::provider, "providers.<provider>.wait_mean", "weeks", L::provider, K::stock,
   "mean wait of those admitted this week (0 when nobody was admitted)", kProviderWeek, "", "wait_mean", 1, "",
   A::last_week, 1, Y::admissions_weighted},
  {Q::provider_wait_p90, S::provider, "providers.<provider>.wait_p90", "weeks", L::provider, K::stock,
   "90th percentile (nearest rank) wait of those admitted this week (0 when nobody was admitted)", kProviderWeek,
   "", "wait_p90", 1, "", A::last_week, 1, Y::admissions_weighted},
  {Q::provider_cost, S::provider, "providers.<provider>.cost", "EUR/week", L::provider, K::flow,
   "client-weeks x cost per week + admissions x intake cost", kProviderWeek, "", "cost_eur", 1,
   "providers.providers[<provider>].cost", A::run_total},
  {Q::provider_capacity, S::provider, "providers.<provider>.capacity", "clients", L::provider, K::stock,
   "capacity in force (concurrent clients; capacity_change interventions included)",
   "Simulation::providers().capacity[provider]", "", "", 1, "providers.providers[<provider>].capacity"},
  // Per intervention (summary.json costs.interventions).
  {Q::intervention_targeted, S::intervention, "interventions.<intervention>.targeted", "household-weeks/week",
   L::intervention, K::flow, "households matching the target while it is active", kCounters, "", "", 1,
   "costs.interventions[<intervention>].targeted_household_weeks", A::run_total},
  {Q::intervention_found, S::intervention, "interventions.<intervention>.found", "households/week", L::intervention,
   K::flow, "found, referred or signalled and contacted (before the budget check)", kCounters, "", "", 1,
   "costs.interventions[<intervention>].found", A::run_total},
  {Q::intervention_enrolled, S::intervention, "interventions.<intervention>.enrolled", "households/week",
   L::intervention, K::flow, "enrolments", kCounters, "", "", 1, "costs.interventions[<intervention>].enrolled",
   A::run_total},
  {Q::intervention_refused, S::intervention, "interventions.<intervention>.refused", "households/week",
   L::intervention, K::flow, "found but not enrolled because the budget was used up", kCounters, "", "", 1,
   "costs.interventions[<intervention>].refused_budget", A::run_total},
  {Q::intervention_completed, S::intervention, "interventions.<intervention>.completed", "households/week",
   L::intervention, K::flow, "enrolments that ran their full length", kCounters, "", "", 1,
   "costs.interventions[<intervention>].completed", A::run_total},
  {Q::intervention_dropped_out, S::intervention, "interventions.<intervention>.dropped_out", "households/week",
   L::intervention, K::flow, "enrolments ended early", kCounters, "", "", 1,
   "costs.interventions[<intervention>].dropped_out", A::run_total},
  {Q::intervention_in_programme, S::intervention, "interventions.<intervention>.in_programme", "households",
   L::intervention, K::stock, "enrolled at the end of the week",
   "Simulation::interventions().counters[intervention].enrolled_now", "", "", 1,
   "costs.interventions[<intervention>].enrolled_at_end"},
  {Q::intervention_signals, S::intervention, "interventions.<intervention>.signals", "signals/week", L::intervention,
   K::flow, "early_signals: arrears signals raised", kCounters, "", "", 1,
   "costs.interventions[<intervention>].signals", A::run_total},
  {Q::intervention_visits, S::intervention, "interventions.<intervention>.visits", "visits/week", L::intervention,
   K::flow, "outreach: visits made", kCounters, "", "", 1, "costs.interventions[<intervention>].visits",
   A::run_total},
  {Q::intervention_improvements, S::intervention, "interventions.<intervention>.improvements", "steps/week",
   L::intervention, K::flow, "severity steps gained through the programme", kCounters, "", "", 1,
   "costs.interventions[<intervention>].severity_steps_gained", A::run_total},
  {Q::intervention_spent, S::intervention, "interventions.<intervention>.spent", "EUR/week", L::intervention,
   K::flow, "everything charged to the intervention (gross)", kCounters, "", "", 1,
   "costs.interventions[<intervention>].spent", A::run_total},
  {Q::intervention_settled, S::intervention, "interventions.<intervention>.settled", "EUR/week", L::intervention,
   K::flow, "debt_restructuring: paid to creditors", kCounters, "", "", 1,
   "costs.interventions[<intervention>].settled", A::run_total},
  {Q::intervention_repaid, S::intervention, "interventions.<intervention>.repaid", "EUR/week", L::intervention,
   K::flow, "debt_restructuring: repayments received", kCounters, "", "", 1,
   "costs.interventions[<intervention>].repaid", A::run_total},
  // Waiting lists, after-care, help-seeking per wijk (issue 14): appended, so the columns
  // of timeseries.csv and providers.csv before them keep their places.
  {Q::provider_left_waiting, S::provider, "providers.<provider>.left_waiting", "households/week", L::provider,
   K::flow, "gave up waiting (leave_waiting_weekly)", kProviderWeek, "", "left_waiting", 1,
   "providers.providers[<provider>].left_waiting", A::run_total},
  {Q::provider_after_care, S::provider, "providers.<provider>.after_care", "households", L::provider, K::stock,
   "in after-care after a service here at the end of the week (after_care_weeks)", kProviderWeek, "",
   "after_care", 1, "providers.providers[<provider>].final_after_care"},
  {Q::help_requests, S::network, "help_requests", "households/week", L::wijk, K::flow,
   "households that asked for help this week (sent to an entry provider; per provider: "
   "providers.<provider>.requests)", kWeek, "help_requests", "", 1, ""},
  // The open population (issue 14): appended, so earlier columns keep their places.
  {Q::persons, S::none, "persons", "persons", L::wijk, K::stock,
   "persons in the wijk's households (adults + children)", kWeek, "persons", "", 1, "final.persons"},
  {Q::employed, S::none, "employed", "households", L::wijk, K::stock,
   "households whose work status is employed", kWeek, "employed", "", 1, ""},
  {Q::unemployed, S::none, "unemployed", "households", L::wijk, K::stock,
   "households whose work status is unemployed (unemployment: unemployed / (employed + unemployed))", kWeek,
   "unemployed", "", 1, "final.unemployed"},
  {Q::households_with_children, S::none, "households_with_children", "households", L::wijk, K::stock,
   "households with children (< 18)", kWeek, "households_with_children", "", 1, "final.households_with_children"},
  {Q::departures, S::none, "departures", "households/week", L::wijk, K::flow,
   "households that left the city this week (moved out or died: life events with leaves_city)", kWeek,
   "departures", "", 1, ""},
  {Q::arrivals, S::none, "arrivals", "households/week", L::wijk, K::flow,
   "newcomer households that moved into the vacated dwellings this week (= departures)", kWeek, "arrivals", "", 1,
   ""},
  {Q::persons_departed, S::none, "persons_departed", "persons/week", L::wijk, K::flow,
   "persons in the households that left this week", kWeek, "persons_departed", "", 1, ""},
  {Q::persons_arrived, S::none, "persons_arrived", "persons/week", L::wijk, K::flow,
   "persons in the newcomer households this week", kWeek, "persons_arrived", "", 1, ""},
  {Q::on_benefits, S::none, "on_benefits", "households", L::wijk, K::stock,
   "households whose work status is benefits (bijstand: social assistance)", kWeek, "on_benefits", "", 1,
   "final.on_benefits"},
  {Q::provider_moved_out, S::provider, "providers.<provider>.moved_out", "households/week", L::provider, K::flow,
   "left the city while waiting, in service, in transit or in after-care here", kProviderWeek, "", "moved_out", 1,
   "providers.providers[<provider>].moved_out", A::run_total},
  // Service reach (issue 14: district nursing clients a year, youth care per child).
  {Q::provider_clients, S::provider, "providers.<provider>.clients", "households/week", L::provider, K::flow,
   "client spells: services started this week, plus in a year's first week (1, 53, ...) those in service "
   "when it starts, so a year's sum is the households served that year (readmitted: twice)",
   kProviderWeek, "", "", 1, "providers.providers[<provider>].clients", A::run_total},
  {Q::provider_client_children, S::provider, "providers.<provider>.client_children", "children/week", L::provider,
   K::flow, "children (household members under 18) of the households counted in providers.<provider>.clients",
   kProviderWeek, "", "", 1, "providers.providers[<provider>].client_children", A::run_total},
  {Q::children, S::none, "children", "persons", L::wijk, K::stock,
   "children (household members under 18) at the end of the week", kWeek, "", "", 1, ""},
  // Debt assistance (issue 14): arrangements that ended debt-free. Drop-out is
  // providers.<provider>.dropouts; relapse is the events.<event> of an after_settlement event.
  {Q::provider_debts_settled, S::provider, "providers.<provider>.debts_settled", "households/week", L::provider,
   K::flow, "services ended as planned whose debt was settled (settles_debt): debt and creditors cleared, finances >= 3",
   kProviderWeek, "", "", 1, "providers.providers[<provider>].debts_settled", A::run_total},
};
// clang-format on

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string_view placeholder(OutcomeScope scope) {
  switch (scope) {
    case S::domain:
    case S::domain_level: return "<domain>";
    case S::event: return "<event>";
    case S::societal_cost: return "<cost>";
    case S::provider: return "<provider>";
    case S::financier: return "<financier>";
    case S::intervention: return "<intervention>";
    case S::none:
    case S::network: return "";
  }
  return "";
}

// The names a scope expands over in this scenario (empty list: the row does not apply).
std::vector<std::string> names_of(const CompiledScenario& s, OutcomeScope scope) {
  std::vector<std::string> out;
  switch (scope) {
    case S::none: out.emplace_back(); break;
    case S::network:
      if (s.network.enabled()) out.emplace_back();
      break;
    case S::domain:
    case S::domain_level: out = s.domain_names; break;
    case S::event:
      for (const auto& e : s.events) out.push_back(e.name);
      break;
    case S::societal_cost:
      for (const auto& c : s.costs.societal) out.push_back(c.name);
      break;
    case S::provider:
      for (const auto& p : s.network.providers) out.push_back(p.name);
      break;
    case S::financier:
      for (const auto name : costs::kFinancierNames) out.emplace_back(name);
      break;
    case S::intervention:
      for (const auto& iv : s.interventions) out.push_back(iv.name);
      break;
  }
  return out;
}

// Fills a pattern: <placeholder> -> name, [<placeholder>] -> [index], <s> and <s-1>.
std::string fill(std::string_view pattern, const Outcome& o, const std::string& name) {
  std::string text(pattern);
  const std::string_view ph = placeholder(o.decl->scope);
  if (!ph.empty()) {
    std::string bracketed(1, '['), index(1, '[');
    bracketed.append(ph);
    bracketed += ']';
    index += std::to_string(o.index);
    index += ']';
    text = replace_all(text, bracketed, index);
    text = replace_all(text, ph, name);
  }
  text = replace_all(text, "<s-1>", std::to_string(o.level - 1));
  return replace_all(text, "<s>", std::to_string(o.level));
}

// `text` in Markdown code quotes ("" stays "").
std::string code(std::string_view text) {
  if (text.empty()) return {};
  std::string out(1, '`');
  out.append(text);
  out += '`';
  return out;
}

std::string_view last_part(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

}  // namespace

std::string_view name_of(OutcomeLevel level) {
  static constexpr std::array<std::string_view, 5> kNames{"city", "wijk", "provider", "financier", "intervention"};
  return kNames[static_cast<size_t>(level)];
}

std::string_view name_of(OutcomeKind kind) { return kind == K::stock ? "stock" : "flow"; }

std::string_view name_of(YearlyAggregate aggregate, OutcomeKind kind) {
  if (aggregate == Y::admissions_weighted) return "admissions-weighted mean";
  return kind == K::flow ? "sum" : "year end";
}

std::span<const OutcomeDecl> outcome_declarations() { return kRows; }

const OutcomeDecl& declaration_of(Quantity quantity) {
  for (const auto& row : kRows)
    if (row.quantity == quantity) return row;
  throw std::logic_error("outcome dictionary: no row for quantity " + std::to_string(static_cast<int>(quantity)));
}

std::vector<Outcome> scenario_outcomes(const CompiledScenario& s) {
  std::vector<Outcome> out;
  for (const auto& row : kRows) {
    const auto names = names_of(s, row.scope);
    for (size_t i = 0; i < names.size(); ++i) {
      const int levels = row.scope == S::domain_level ? kSeverityLevels : 1;
      for (int lvl = 1; lvl <= levels; ++lvl) {
        Outcome o;
        o.decl = &row;
        o.index = row.scope == S::none || row.scope == S::network ? -1 : static_cast<int>(i);
        o.level = row.scope == S::domain_level ? lvl : 0;
        o.param = names[i];
        o.name = fill(row.pattern, o, names[i]);
        out.push_back(std::move(o));
      }
    }
  }
  return out;
}

std::string Outcome::timeseries_column() const {
  if (decl->timeseries_column.empty()) return "";
  // The cost columns exist for the network's seven financiers only (timeseries.csv).
  if (decl->scope == S::financier && index >= providers::kFinancierCount) return "";
  return fill(decl->timeseries_column, *this, param);
}

std::string Outcome::providers_column() const { return std::string(decl->providers_column); }

std::string Outcome::summary_key() const {
  if (decl->summary_key.empty()) return "";
  return fill(decl->summary_key, *this, param);
}

std::vector<std::string> closest_names(const std::vector<std::string>& candidates, std::string_view name,
                                       size_t max) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& c : candidates) {
    size_t d = edit_distance(name, c);
    if (last_part(c) == name) d = 0;
    if (d <= std::max<size_t>(2, name.size() / 3)) scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < max; ++i) out.push_back(scored[i].second);
  return out;
}

std::vector<std::string> closest_outcomes(const CompiledScenario& s, std::string_view name, size_t max) {
  std::vector<std::string> names;
  for (const auto& o : scenario_outcomes(s)) names.push_back(o.name);
  return closest_names(names, name, max);
}

namespace {

// `name` against `pattern`, each <...> matching one or more characters other than '.'.
bool matches(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == '<') {
    const size_t close = pattern.find('>');
    const std::string_view rest = pattern.substr(close + 1);
    for (size_t n = 1; n <= name.size() && name[n - 1] != '.'; ++n)
      if (matches(rest, name.substr(n))) return true;
    return false;
  }
  return !name.empty() && name.front() == pattern.front() && matches(pattern.substr(1), name.substr(1));
}

}  // namespace

const OutcomeDecl* declaration_for_name(std::string_view name) {
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& row : kRows)
      if (matches(row.pattern, name)) return &row;
    for (std::string_view suffix : {".mean", ".total", ".discounted"})
      if (pass == 0 && name.ends_with(suffix)) {
        name.remove_suffix(suffix.size());
        break;
      }
  }
  return nullptr;
}

Outcome find_outcome(const CompiledScenario& s, std::string_view name) {
  for (auto& o : scenario_outcomes(s))
    if (o.name == name) return o;
  std::string message = "unknown metric '" + std::string(name) + "'";
  const auto near = closest_outcomes(s, name);
  if (!near.empty()) {
    message += "; did you mean ";
    for (size_t i = 0; i < near.size(); ++i) message += (i ? (i + 1 == near.size() ? " or " : ", ") : "") + near[i];
    message += "?";
  }
  message += " (households, multi_problem, total_debt, households_in_debt, problems.<domain>, "
             "severity.<domain>.<1..5>, events.<event>, care.<status>, providers.<provider>.<what>, "
             "financiers.<financier>.<what>, interventions.<intervention>.<what>; `wijksim outcomes` lists them all)";
  throw UnknownOutcome(message);
}

std::vector<std::string> dictionary_timeseries_columns(const CompiledScenario& s) {
  std::vector<std::string> cols{"week", "wijk"};
  for (const auto& o : scenario_outcomes(s)) {
    if (o.decl->scope == S::financier && !s.network.enabled()) continue;
    if (auto c = o.timeseries_column(); !c.empty()) cols.push_back(std::move(c));
  }
  return cols;
}

std::vector<std::string> dictionary_providers_columns() {
  std::vector<std::string> cols{"week", "provider", "type", "financier"};
  for (const auto& row : kRows)
    if (!row.providers_column.empty()) cols.emplace_back(row.providers_column);
  return cols;
}

std::string outcomes_markdown() {
  std::string out =
      "# Outcomes\n\n"
      "<!-- Generated from the outcome dictionary (models/src/output/outcomes.cpp) by\n"
      "     `wijksim outcomes --markdown`; tests/experiments/test_outcomes.cpp fails when it differs. -->\n\n"
      "Every outcome a run produces, declared once. Experiments record any of them by name\n"
      "(`outputs: {metrics: [...]}` in an experiment file; `wijksim compare --metric NAME`),\n"
      "and `wijksim outcomes [SCENARIO]` lists them with the scenario's own names filled in.\n\n"
      "- `<domain>`, `<event>`, `<cost>`, `<provider>`, `<intervention>`: the scenario's names;\n"
      "  `<financier>`: one of ";
  for (size_t f = 0; f < costs::kFinancierNames.size(); ++f)
    out += (f ? ", " : "") + std::string("`") + std::string(costs::kFinancierNames[f]) + "`";
  out +=
      ".\n"
      "- level: `wijk` outcomes exist per wijk and for the city (`all`); the others city-wide.\n"
      "- stock: the state at the end of the week; flow: this week (0 at week 0).\n"
      "- An experiment's summaries are each metric's value at the last week, `<metric>.mean`\n"
      "  (mean over weeks 1..last) and, for flows, `<metric>.total` (sum over weeks 1..last);\n"
      "  and per financier `financiers.<financier>.costs.discounted` and `.societal.discounted`\n"
      "  (EUR over the run at `costs.discount_rate`, week 1 undiscounted, as summary.json).\n"
      "- Yearly values (the store's `yearly` table; `wijksim compare --per-year`): year y =\n"
      "  weeks 52(y-1)+1 .. 52y, complete years only, from every week whatever `outputs.every`\n"
      "  is; the `per year` column says how (a flow's unit then reads per year).\n"
      "- Money is in euros everywhere (the engine counts whole cents and converts on output):\n"
      "  CSV columns name the unit (`cost_eur`, `cost_<financier>_eur`, `total_debt_eur`, exact\n"
      "  text with two decimals, whole euros for debt); summary.json keys do not, its money is\n"
      "  euros throughout (`costs.currency` = `EUR`).\n\n"
      "| name | unit | level | kind | per year | description |\n|---|---|---|---|---|---|\n";
  for (const auto& r : kRows)
    out += "| " + code(r.pattern) + " | " + std::string(r.unit) + " | " + std::string(name_of(r.level)) +
           " | " + std::string(name_of(r.kind)) + " | " + std::string(name_of(r.yearly, r.kind)) + " | " +
           std::string(r.description) + " |\n";
  out +=
      "\n## Where each outcome is read, and where the result files carry it\n\n"
      "timeseries.csv and providers.csv: `file value = outcome x scale`. summary.json: the key\n"
      "holds the outcome at the last week (`last`), at week 0 (`first`), or summed over the run\n"
      "(`total`); `[<provider>]` and `[<intervention>]` are array positions in scenario order.\n\n"
      "| name | read from | timeseries.csv | providers.csv | scale | summary.json |\n|---|---|---|---|---|---|\n";
  for (const auto& r : kRows) {
    char scale[16];
    std::snprintf(scale, sizeof scale, "%g", r.file_scale);
    const bool in_file = !r.timeseries_column.empty() || !r.providers_column.empty();
    std::string summary;
    if (!r.summary_key.empty()) {
      summary = code(r.summary_key) + " (" +
                (r.summary_aggregate == A::run_total ? "total" : r.summary_aggregate == A::last_week ? "last" : "first");
      if (r.summary_scale != 1) {
        std::snprintf(scale, sizeof scale, "%g", r.summary_scale);
        summary += ", x" + std::string(scale);
        std::snprintf(scale, sizeof scale, "%g", r.file_scale);
      }
      summary += ")";
    }
    out += "| " + code(r.pattern) + " | " + std::string(r.source) + " | " + code(r.timeseries_column) + " | " +
           code(r.providers_column) + " | " + (in_file ? std::string(scale) : std::string()) + " | " + summary +
           " |\n";
  }
  out +=
      "\nThe `cost_<financier>_eur` columns of timeseries.csv exist for the provider network's\n"
      "seven financiers only (not `municipality`, `landlord`), and the care and cost columns only\n"
      "with a provider network; in the wijk rows they are empty.\n";
  return out;
}

std::string outcomes_table(const CompiledScenario& s) {
  const auto all = scenario_outcomes(s);
  size_t width = 4;
  for (const auto& o : all) width = std::max(width, o.name.size());
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-*s  %-20s  %-12s  %-5s  %s\n", static_cast<int>(width), "name", "unit", "level",
                "kind", "description");
  out += line;
  for (const auto& o : all) {
    std::snprintf(line, sizeof line, "%-*s  %-20s  %-12s  %-5s  %s\n", static_cast<int>(width), o.name.c_str(),
                  std::string(o.decl->unit).c_str(), std::string(name_of(o.decl->level)).c_str(),
                  std::string(name_of(o.decl->kind)).c_str(), std::string(o.decl->description).c_str());
    out += line;
  }
  return out;
}

}  // namespace wijksim::output
