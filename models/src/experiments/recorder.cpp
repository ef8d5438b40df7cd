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
    case Quantity::help_requests: return static_cast<double>(a.help_requests);
    case Quantity::persons: return static_cast<double>(a.persons);
    case Quantity::employed: return static_cast<double>(a.employed);
    case Quantity::unemployed: return static_cast<double>(a.unemployed);
    case Quantity::on_benefits: return static_cast<double>(a.on_benefits);
    case Quantity::households_with_children: return static_cast<double>(a.with_children);
    case Quantity::departures: return static_cast<double>(a.departures);
    case Quantity::arrivals: return static_cast<double>(a.arrivals);
    case Quantity::persons_departed: return static_cast<double>(a.persons_departed);
    case Quantity::persons_arrived: return static_cast<double>(a.persons_arrived);
    case Quantity::children: return static_cast<double>(a.children);
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
    case Quantity::events:
    case Quantity::help_requests:
    case Quantity::children:
    case Quantity::persons:
    case Quantity::employed:
    case Quantity::unemployed:
    case Quantity::on_benefits:
    case Quantity::households_with_children:
    case Quantity::departures:
    case Quantity::arrivals:
    case Quantity::persons_departed:
    case Quantity::persons_arrived: return area_value(wijk >= 0 ? m.wijk.at(static_cast<size_t>(wijk)) : m.all, o);
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
    case Quantity::provider_left_waiting: return provider().left_waiting;
    case Quantity::provider_after_care: return provider().after_care;
    case Quantity::provider_moved_out: return provider().moved_out;
    case Quantity::provider_clients: return provider().clients;
    case Quantity::provider_client_children: return provider().client_children;
    case Quantity::provider_debts_settled: return provider().debts_settled;
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

namespace {
// Year y holds weeks 52(y-1)+1 .. 52y (week 0 is the initial state, in no year); a last,
// incomplete year is not recorded, so every yearly value covers 52 weeks.
constexpr uint32_t kWeeksPerYear = 52;
}  // namespace

void OutcomeRecorder::accumulate(size_t k, size_t a, const Simulation& sim, double value) {
  const output::Outcome& o = selector_.outcomes()[k];
  YearSum& y = year_[k][a];
  if (o.decl->yearly == output::YearlyAggregate::admissions_weighted) {
    // Weighted by the provider's admissions this week: the year's mean over admissions.
    const double w =
        o.absent ? 0.0 : static_cast<double>(sim.providers().week_counters.at(static_cast<size_t>(o.index)).admissions);
    y.sum += value * w;
    y.weight += w;
  } else if (o.decl->kind == output::OutcomeKind::flow) {
    y.sum += value;
  } else {
    y.sum = value;  // a stock: its value at the year's last week
  }
}

void OutcomeRecorder::observe(const Simulation& sim) {
  const WeekMetrics& m = sim.metrics();
  const auto& outcomes = selector_.outcomes();
  const auto& wijken = sim.scenario().wijken;
  const bool record = selector_.records_week(m.week, last_week_);
  const bool by_wijk = selector_.outputs().by_wijk;
  const bool in_year = m.week >= 1;
  if (year_.empty()) year_.assign(outcomes.size(), std::vector<YearSum>(1 + (by_wijk ? m.wijk.size() : 0)));
  for (size_t k = 0; k < outcomes.size(); ++k) {
    const double v = read_outcome(sim, outcomes[k], -1, previous_);
    history_[k].push_back(v);
    if (record) rows_.push_back({m.week, "all", outcomes[k].name, v});
    if (in_year) accumulate(k, 0, sim, v);
  }
  // Wijk values every week (not only recorded ones): the yearly flows need each week.
  if (by_wijk)
    for (size_t w = 0; w < m.wijk.size(); ++w)
      for (size_t k = 0; k < outcomes.size(); ++k) {
        if (outcomes[k].decl->level != output::OutcomeLevel::wijk) continue;
        const double v = read_outcome(sim, outcomes[k], static_cast<int>(w), previous_);
        if (record) rows_.push_back({m.week, wijken[w].name, outcomes[k].name, v});
        if (in_year) accumulate(k, 1 + w, sim, v);
      }
  if (in_year && m.week % kWeeksPerYear == 0) {
    const uint32_t year = m.week / kWeeksPerYear;
    for (size_t k = 0; k < outcomes.size(); ++k)
      for (size_t a = 0; a < year_[k].size(); ++a) {
        if (a > 0 && outcomes[k].decl->level != output::OutcomeLevel::wijk) continue;
        YearSum& y = year_[k][a];
        const bool weighted = outcomes[k].decl->yearly == output::YearlyAggregate::admissions_weighted;
        const double value = weighted ? (y.weight > 0 ? y.sum / y.weight : 0.0) : y.sum;
        yearly_rows_.push_back({year, a == 0 ? std::string("all") : wijken[a - 1].name, outcomes[k].name, value});
        y = YearSum{};
      }
  }
  const auto& discounted = sim.interventions().ledger.discounted;
  discounted_.clear();
  for (const auto& row : discounted) discounted_.insert(discounted_.end(), row.begin(), row.end());
  previous_ = sim.interventions().counters;
}

std::vector<SummaryValue> OutcomeRecorder::summaries() const {
  std::vector<SummaryValue> out = selector_.summaries(history_);
  if (discounted_.empty()) return out;
  for (int f = 0; f < costs::kFinancierCount; ++f) {
    const double* d = &discounted_[static_cast<size_t>(f) * costs::kCategoryCount];
    const std::string name = "financiers." + std::string(costs::kFinancierNames[f]);
    // The sum in the order of models/src/costs/balance.cpp's spending(), so a run's figure
    // equals summary.json's bit for bit.
    out.push_back({name + ".costs.discounted", (d[costs::intervention] + d[costs::provider] + d[costs::repayment]) / 100.0});
    out.push_back({name + ".societal.discounted", d[costs::societal] / 100.0});
  }
  return out;
}

}  // namespace wijksim::experiments
