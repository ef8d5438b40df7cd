// From-scratch recount and conversion of integer tallies to WeekMetrics.
#include "metrics_tally.hpp"

namespace wijksim::models {

std::vector<int64_t> recount(const MetricsLayout& L, const SimState& s) {
  std::vector<int64_t> tally(L.size(), 0);
  for (uint64_t h = 0; h < s.n_households; ++h) tally_household(L, s, h, 1, tally.data());
  return tally;
}

void fill_week_metrics(const MetricsLayout& L, const std::vector<int64_t>& tally,
                       const std::vector<uint64_t>& wijk_households, uint32_t week, WeekMetrics& out) {
  out.week = week;
  out.wijk.resize(static_cast<size_t>(L.n_wijken));
  const size_t n_sev = static_cast<size_t>(L.n_domains) * 5;
  auto reset = [&](AreaMetrics& a) {
    a = AreaMetrics{};
    a.severity_count.assign(n_sev, 0);
    a.events.assign(static_cast<size_t>(L.n_events), 0);
  };
  reset(out.all);
  for (int w = 0; w < L.n_wijken; ++w) {
    AreaMetrics& a = out.wijk[w];
    reset(a);
    const int64_t* row = tally.data() + L.stride * w;
    a.households = wijk_households[w];
    for (size_t i = 0; i < n_sev; ++i) a.severity_count[i] = static_cast<uint64_t>(row[i]);
    a.multi_problem = static_cast<uint64_t>(row[L.multi()]);
    a.total_debt = row[L.debt()];
    a.households_in_debt = static_cast<uint64_t>(row[L.in_debt()]);
    for (int e = 0; e < L.n_events; ++e) a.events[e] = static_cast<uint64_t>(row[L.event(e)]);
    a.persons = static_cast<uint64_t>(row[L.persons()]);
    a.employed = static_cast<uint64_t>(row[L.employed()]);
    a.unemployed = static_cast<uint64_t>(row[L.unemployed()]);
    a.on_benefits = static_cast<uint64_t>(row[L.on_benefits()]);
    a.with_children = static_cast<uint64_t>(row[L.with_children()]);
    a.departures = static_cast<uint64_t>(row[L.departures()]);
    a.arrivals = static_cast<uint64_t>(row[L.arrivals()]);
    a.persons_departed = static_cast<uint64_t>(row[L.persons_departed()]);
    a.persons_arrived = static_cast<uint64_t>(row[L.persons_arrived()]);

    out.all.households += a.households;
    for (size_t i = 0; i < n_sev; ++i) out.all.severity_count[i] += a.severity_count[i];
    out.all.multi_problem += a.multi_problem;
    out.all.total_debt += a.total_debt;
    out.all.households_in_debt += a.households_in_debt;
    for (int e = 0; e < L.n_events; ++e) out.all.events[e] += a.events[e];
    out.all.persons += a.persons;
    out.all.employed += a.employed;
    out.all.unemployed += a.unemployed;
    out.all.on_benefits += a.on_benefits;
    out.all.with_children += a.with_children;
    out.all.departures += a.departures;
    out.all.arrivals += a.arrivals;
    out.all.persons_departed += a.persons_departed;
    out.all.persons_arrived += a.persons_arrived;
  }
}

}  // namespace wijksim::models
