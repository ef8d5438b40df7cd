#pragma once
// WeekMetrics: the aggregates of one week, per wijk and for the whole city. Every figure
// is an integer (debt in whole euros), so reductions over chunks and threads are exact and
// order-independent: results cannot depend on the thread count.
#include <array>
#include <cstdint>
#include <vector>

namespace wijksim {

// One row of timeseries.csv: one wijk (or the whole city) in one week.
struct AreaMetrics {
  uint64_t households = 0;
  // severity_count[d * 5 + (s - 1)]: households with severity s in domain d.
  std::vector<uint64_t> severity_count;
  uint64_t multi_problem = 0;     // households with >= 3 domains at severity <= 2
  int64_t total_debt = 0;         // euros
  uint64_t households_in_debt = 0;
  std::vector<uint64_t> events;   // life events this week, per event type
  uint64_t help_requests = 0;     // households that asked for help this week (provider network only)
  // The open population (issue 14). Stocks:
  uint64_t persons = 0;           // adults + children
  uint64_t employed = 0;          // households whose work status is employed
  uint64_t unemployed = 0;        // ... unemployed
  uint64_t on_benefits = 0;       // ... on benefits (bijstand)
  uint64_t with_children = 0;     // households with children (< 18)
  // Flows this week: households that left the city (departures) and the newcomers that
  // moved into their dwellings (arrivals, equal to departures: the dwelling stock is
  // fixed), and the persons in each.
  uint64_t departures = 0;
  uint64_t arrivals = 0;
  uint64_t persons_departed = 0;
  uint64_t persons_arrived = 0;
  uint64_t children = 0;          // children (household members under 18) at the end of the week
};

struct WeekMetrics {
  uint32_t week = 0;                // 0 = initial state, k = after k steps
  std::vector<AreaMetrics> wijk;    // one per wijk, in scenario order
  AreaMetrics all;                  // the whole city (sum of wijk rows)
  // Provider network (providers issue; zero / empty without providers), whole city:
  // households not in care, waiting, in service, in transit (they sum to all.households),
  // and this week's cost per financier in euro cents (index = providers::Financier).
  std::array<uint64_t, 4> care{};
  std::vector<int64_t> financier_cents;
};

}  // namespace wijksim
