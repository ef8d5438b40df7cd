// read_outcome / OutcomeRecorder (wijksim/experiments/recorder.hpp): one case per row of
// the outcome dictionary (models/src/output/outcomes.cpp); -Wswitch flags a missing one.
#include "wijksim/experiments/recorder.hpp"

#include <stdexcept>

#include "wijksim/costs.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::experiments {

namespace {

using output::Quantity;

double euros(int64_t cents) { return static_cast<double>(cents) / 100.0; }

double area_value(const AreaMetrics& a, const output::Outcome& o) {
  const auto d = static_cast<size_t>(o.index);
  switch (o.decl->quantity) {
    case Quantity::households: return static_cast<double>(a.households);
    case Quantity::severity:
      return static_cast<double>(a.severity_count[d * kSeverityLevels + static_cast<size_t>(o.level - 1)]);
    case Quantity::problems:
      return static_cast<double>(a.severity_count[d * kSeverityLevels] + a.severity_count[d * kSeverityLevels + 1]);
    case Quantity::multi_problem: return static_cast<double>(a.multi_problem);
    case Quantity::total_debt: return static_cast<double>(a.total_debt);
    case Quantity::households_in_debt: return static_cast<double>(a.households_in_debt);
    case Quantity::events: return static_cast<double>(a.events[d]);
    default: break;
  }
  throw std::logic_error("outcome " + o.name + " is not a wijk outcome");
}

// Counter `field` of intervention i this week: now - previous week (0 at week 0).
template <class Field>
double counter_flow(const models::InterventionState& st, const std::vector<models::InterventionCounters>& previous,
                    size_t i, Field field) {
  const auto now = field(st.counters[i]);
  const auto before = i < previous.size() ? field(previous[i]) : decltype(now){0};
  return static_cast<double>(now - before);
}

}  // namespace

double read_outcome(const Simulation& sim, const output::Outcome& o, int wijk,
                    const std::vector<models::InterventionCounters>& previous) {
  if (o.absent) return 0;  // a provider / intervention this variant does not have
  const WeekMetrics& m = sim.metrics();
  const auto i = static_cast<size_t>(o.index);
  const auto& ledger = sim.interventions().ledger;
  const auto& st = sim.interventions();
  const auto provider = [&]() -> const providers::ProviderWeek& { return sim.providers().week_counters.at(i); };
  using C = models::InterventionCounters;
  switch (o.decl->quantity) {
    case Quantity::households:
    case Quantity::severity:
    case Quantity::problems:
    case Quantity::multi_problem:
    case Quantity::total_debt:
    case Quantity::households_in_debt:
    case Quantity::events: return area_value(wijk >= 0 ? m.wijk.at(static_cast<size_t>(wijk)) : m.all, o);
    case Quantity::care_not_in_care: return static_cast<double>(m.care[0]);
    case Quantity::care_waiting: return static_cast<double>(m.care[1]);
    case Quantity::care_in_service: return static_cast<double>(m.care[2]);
    case Quantity::care_in_transit: return static_cast<double>(m.care[3]);
    case Quantity::societal_events: return i < ledger.week_events.size() ? static_cast<double>(ledger.week_events[i]) : 0;
    case Quantity::provider_queue_length: return provider().queue_length;
    case Quantity::provider_in_service: return provider().in_service;
    case Quantity::provider_requests: return provider().requests;
    case Quantity::provider_admissions: return provider().admissions;
    case Quantity::provider_discharges: return provider().discharges;
    case Quantity::provider_dropouts: return provider().dropouts;
    case Quantity::provider_referrals_in: return provider().referrals_in;
    case Quantity::provider_referrals_out: return provider().referrals_out;
    case Quantity::provider_lost: return provider().lost;
    case Quantity::provider_wait_mean: return provider().mean_wait();
    case Quantity::provider_wait_p90: return provider().admissions ? provider().wait_p90 : 0;
    case Quantity::provider_cost: return euros(provider().cost_cents);
    case Quantity::provider_capacity: return sim.providers().capacity.at(i);
    case Quantity::financier_provider: return euros(ledger.week[i][costs::provider]);
    case Quantity::financier_intervention: return euros(ledger.week[i][costs::intervention]);
    case Quantity::financier_repayment: return euros(ledger.week[i][costs::repayment]);
    case Quantity::financier_societal: return euros(ledger.week[i][costs::societal]);
    case Quantity::financier_costs:
      return euros(ledger.week[i][costs::intervention] + ledger.week[i][costs::provider] +
                   ledger.week[i][costs::repayment]);
    case Quantity::financier_total: {
      int64_t sum = 0;
      for (int c = 0; c < costs::kCategoryCount; ++c) sum += ledger.week[i][c];
      return euros(sum);
    }
    case Quantity::intervention_targeted: return counter_flow(st, previous, i, [](const C& k) { return k.targeted_weeks; });
    case Quantity::intervention_found: return counter_flow(st, previous, i, [](const C& k) { return k.found; });
    case Quantity::intervention_enrolled: return counter_flow(st, previous, i, [](const C& k) { return k.enrolled; });
    case Quantity::intervention_refused: return counter_flow(st, previous, i, [](const C& k) { return k.refused_budget; });
    case Quantity::intervention_completed: return counter_flow(st, previous, i, [](const C& k) { return k.completed; });
    case Quantity::intervention_dropped_out:
      return counter_flow(st, previous, i, [](const C& k) { return k.dropped_out; });
    case Quantity::intervention_in_programme: return static_cast<double>(st.counters.at(i).enrolled_now);
    case Quantity::intervention_signals: return counter_flow(st, previous, i, [](const C& k) { return k.signals; });
    case Quantity::intervention_visits: return counter_flow(st, previous, i, [](const C& k) { return k.visits; });
    case Quantity::intervention_improvements:
      return counter_flow(st, previous, i, [](const C& k) { return k.improvements; });
    case Quantity::intervention_spent: return counter_flow(st, previous, i, [](const C& k) { return k.spent_cents; }) / 100.0;
    case Quantity::intervention_settled:
      return counter_flow(st, previous, i, [](const C& k) { return k.settled_cents; }) / 100.0;
    case Quantity::intervention_repaid:
      return counter_flow(st, previous, i, [](const C& k) { return k.repaid_cents; }) / 100.0;
  }
  throw std::logic_error("outcome " + o.name + " has no reader");
}

OutcomeRecorder::OutcomeRecorder(const MetricSelector& selector, uint32_t last_week)
    : selector_(selector), last_week_(last_week), history_(selector.names().size()) {}

OutcomeRecorder::~OutcomeRecorder() = default;

void OutcomeRecorder::observe(const Simulation& sim) {
  const WeekMetrics& m = sim.metrics();
  const auto& outcomes = selector_.outcomes();
  const bool record = selector_.records_week(m.week, last_week_);
  for (size_t k = 0; k < outcomes.size(); ++k) {
    const double v = read_outcome(sim, outcomes[k], -1, previous_);
    history_[k].push_back(v);
    if (record) rows_.push_back({m.week, "all", outcomes[k].name, v});
  }
  if (record && selector_.outputs().by_wijk) {
    const auto& wijken = sim.scenario().wijken;
    for (size_t w = 0; w < m.wijk.size(); ++w)
      for (const auto& o : outcomes)
        if (o.decl->level == output::OutcomeLevel::wijk)
          rows_.push_back({m.week, wijken[w].name, o.name, read_outcome(sim, o, static_cast<int>(w), previous_)});
  }
  previous_ = sim.interventions().counters;
}

}  // namespace wijksim::experiments
