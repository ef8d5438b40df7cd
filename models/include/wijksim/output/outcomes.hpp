#pragma once
// The outcome dictionary: every outcome a run produces, declared once (STYLE.md
// convention 9). One row per outcome: name pattern, unit, level, stock or flow,
// description, where its value is read from a finished week of a wijksim::Simulation, and
// the column or key under which timeseries.csv, providers.csv and summary.json carry it.
//
// Who reads it: the experiment recorder (experiments/outputs.hpp resolves names,
// models/src/experiments/recorder.cpp reads the values), `wijksim outcomes`, the Python
// `wijksim.outcomes()`, docs/outputs.md (generated: outcomes_markdown) and the file
// writers (timeseries.csv and providers.csv take their column names from here).
//
// Names: a row's pattern is expanded over the scenario's own names —
//   households, severity.<domain>.<s>, problems.<domain>, events.<event>   (city and wijk)
//   care.<status>, societal.<cost>                                         (city)
//   providers.<provider>.<what>                                            (per provider)
//   financiers.<financier>.<what>                                          (per financier)
//   interventions.<intervention>.<what>                                    (per intervention)
// A flow is "this week" (0 at week 0); a stock is the state at the end of the week.
//
// Design note: the rows live in engine/ (not models/) because the experiment loader in
// scenarios/, which links engine only, checks metric names against them (with file:line:
// column), and because the engine's file writers take their columns from them. The rows
// only name things the engine already names (costs.hpp financiers, interventions.hpp,
// providers/); the values are read in models/ (recorder.cpp), one `case` per Quantity, so
// -Wswitch flags a row without a reader. Rejected: a row with a reader callback on
// Simulation (the engine cannot see Simulation), and a second name list in scenarios/.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/compiled_scenario.hpp"

namespace wijksim::output {

enum class OutcomeLevel : uint8_t { city, wijk, provider, financier, intervention };
enum class OutcomeKind : uint8_t { stock, flow };
std::string_view name_of(OutcomeLevel level);
std::string_view name_of(OutcomeKind kind);

// What one row reads (models/src/experiments/recorder.cpp has one case per value).
enum class Quantity : uint8_t {
  households, severity, problems, multi_problem, total_debt, households_in_debt, events,
  care_not_in_care, care_waiting, care_in_service, care_in_transit, societal_events,
  provider_queue_length, provider_in_service, provider_requests, provider_admissions, provider_discharges,
  provider_dropouts, provider_referrals_in, provider_referrals_out, provider_lost, provider_wait_mean,
  provider_wait_p90, provider_cost, provider_capacity,
  financier_costs, financier_societal, financier_intervention, financier_provider, financier_repayment,
  financier_total,
  intervention_targeted, intervention_found, intervention_enrolled, intervention_refused, intervention_completed,
  intervention_dropped_out, intervention_in_programme, intervention_signals, intervention_visits,
  intervention_improvements, intervention_spent, intervention_settled, intervention_repaid,
  provider_left_waiting, provider_after_care, help_requests,
  persons, employed, unemployed, households_with_children, departures, arrivals, persons_departed,
  persons_arrived, provider_moved_out,
  provider_clients, provider_client_children, children, provider_debts_settled, on_benefits,
};

// The names a row's pattern is expanded over.
enum class OutcomeScope : uint8_t {
  none,           // one outcome
  domain,         // <domain>
  domain_level,   // <domain>.<s>, s = 1..5
  event,          // <event> (life events)
  societal_cost,  // <cost> (costs.societal)
  provider,       // <provider>; only with a provider network
  financier,      // <financier>: costs::kFinancierNames (the network's seven, municipality, landlord)
  intervention,   // <intervention>
  network,        // one outcome, only with a provider network
};

// How a summary.json key relates to the weekly values: the value at the last week
// simulated, the sum over weeks 1..last (run totals), or at week 0.
enum class SummaryAggregate : uint8_t { last_week, run_total, first_week };

// How an experiment's yearly value (store table `yearly`; year y = weeks 52(y-1)+1 .. 52y,
// complete years only) is made from the weekly values: `by_kind` sums a flow over the
// year's 52 weeks and takes a stock at the year's last week; `admissions_weighted` is the
// mean of the weekly values weighted by the provider's admissions that week (for wait_mean
// the mean wait of everybody admitted in the year; for wait_p90 the admissions-weighted
// mean of the weekly 90th percentiles, not the year's percentile; 0 when nobody was).
enum class YearlyAggregate : uint8_t { by_kind, admissions_weighted };
std::string_view name_of(YearlyAggregate aggregate, OutcomeKind kind);

struct OutcomeDecl {
  Quantity quantity;
  OutcomeScope scope;
  std::string_view pattern;      // e.g. "providers.<provider>.queue_length"
  std::string_view unit;
  OutcomeLevel level;
  OutcomeKind kind;
  std::string_view description;
  std::string_view source;       // where the value is read from a finished week
  // The same figure in the result files ("" = not there). timeseries.csv and providers.csv
  // hold `file value = outcome x file_scale`; summary.json keys hold `aggregate(outcome) x
  // summary_scale`. In patterns, <domain> etc. are the scenario's names and [<provider>]
  // etc. array indices in scenario order; <s-1> is severity - 1.
  std::string_view timeseries_column;
  std::string_view providers_column;
  double file_scale = 1;
  std::string_view summary_key;
  SummaryAggregate summary_aggregate = SummaryAggregate::last_week;
  double summary_scale = 1;
  YearlyAggregate yearly = YearlyAggregate::by_kind;  // last, so only the rows that differ name it
};

// Every row, in the order outcomes are listed (and timeseries.csv / providers.csv columns run).
std::span<const OutcomeDecl> outcome_declarations();
const OutcomeDecl& declaration_of(Quantity quantity);

// One outcome of a scenario: a row expanded with one of its names.
struct Outcome {
  std::string name;              // e.g. "providers.ggz.queue_length"
  const OutcomeDecl* decl = nullptr;
  int index = -1;                // domain, event, cost, provider, financier or intervention index
  int level = 0;                 // severity 1..5 (domain_level)
  std::string param;             // the name filled in for the row's placeholder ("" = none)
  bool absent = false;           // an experiment variant without this provider / intervention: reads 0
  // The row's file columns / summary key with this outcome's names filled in ("" = none).
  std::string timeseries_column() const;
  std::string providers_column() const;
  std::string summary_key() const;
};

// Every outcome the scenario offers, in dictionary order.
std::vector<Outcome> scenario_outcomes(const CompiledScenario& scenario);

class UnknownOutcome : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};
// The outcome called `name`; throws UnknownOutcome "unknown metric 'x'; did you mean ...?"
// naming the closest names of the scenario (and how to list them all).
Outcome find_outcome(const CompiledScenario& scenario, std::string_view name);
// Names closest to `name` (edit distance, or the same last part: `waiting` -> care.waiting).
std::vector<std::string> closest_outcomes(const CompiledScenario& scenario, std::string_view name, size_t max = 3);
std::vector<std::string> closest_names(const std::vector<std::string>& candidates, std::string_view name,
                                       size_t max = 3);
// The row a name (of any scenario) belongs to, by pattern (a placeholder matches one
// dot-free name); an experiment summary's ".mean" / ".total" / ".discounted" suffix is allowed. nullptr
// when none matches. For stores, whose scenario is not at hand.
const OutcomeDecl* declaration_for_name(std::string_view name);

// timeseries.csv columns from the dictionary: week, wijk, then every row's column in
// dictionary order (care and cost columns only with a provider network).
std::vector<std::string> dictionary_timeseries_columns(const CompiledScenario& scenario);
// providers.csv columns: week, provider, type, financier, then the provider rows' columns.
std::vector<std::string> dictionary_providers_columns();

// docs/outputs.md (the generic dictionary: patterns, not one scenario's names).
std::string outcomes_markdown();
// `wijksim outcomes`: one line per outcome of `scenario` (name, unit, level, kind, description).
std::string outcomes_table(const CompiledScenario& scenario);

}  // namespace wijksim::output
