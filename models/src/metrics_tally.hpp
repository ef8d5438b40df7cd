#pragma once
// Integer tallies behind WeekMetrics. One row of int64 per wijk:
//   [severity counts: n_domains x 5][multi_problem][total_debt][households_in_debt]
//   [persons][employed][unemployed][with_children]
//   [departures][arrivals][persons_departed][persons_arrived][on_benefits][events: n_events]
// Stocks (severity counts, multi-problem, debt) are maintained incrementally: a household
// that changes is subtracted before and added after the change, into its chunk's delta
// buffer; the buffers are summed after the parallel loop. Integers make that sum exact and
// independent of chunk order and thread count. Events and the departure / arrival counts
// are weekly flows: reset each week. Composition and work status change only through life
// events, so the kernel moves those stocks only when an event fired (tally_composition).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/metrics.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

inline constexpr int kMultiProblemDomains = 3;   // >= 3 domains ...
inline constexpr int kMultiProblemSeverity = 2;  // ... at severity <= 2

struct MetricsLayout {
  int n_domains = 0, n_events = 0, n_wijken = 0;
  size_t stride = 0;
  MetricsLayout() = default;
  MetricsLayout(int domains, int events, int wijken)
      : n_domains(domains), n_events(events), n_wijken(wijken),
        stride(static_cast<size_t>(domains) * 5 + 12 + static_cast<size_t>(events)) {}
  size_t size() const { return stride * static_cast<size_t>(n_wijken); }
  size_t multi() const { return static_cast<size_t>(n_domains) * 5; }
  size_t debt() const { return multi() + 1; }
  size_t in_debt() const { return multi() + 2; }
  size_t persons() const { return multi() + 3; }
  size_t employed() const { return multi() + 4; }
  size_t unemployed() const { return multi() + 5; }
  size_t with_children() const { return multi() + 6; }
  size_t departures() const { return multi() + 7; }  // flows: departures .. persons_arrived
  size_t arrivals() const { return multi() + 8; }
  size_t persons_departed() const { return multi() + 9; }
  size_t persons_arrived() const { return multi() + 10; }
  size_t on_benefits() const { return multi() + 11; }  // a stock, after the flows
  size_t event(int e) const { return multi() + 12 + static_cast<size_t>(e); }
};

// Composition and work status of a household: what the persons / employment / children
// stocks read.
struct Composition {
  uint8_t adults = 0, children = 0, work = 0;
};
inline Composition composition_of(const SimState& s, uint64_t h) {
  return {s.adults[h], s.children[h], s.work_status[h]};
}

// Adds sign x the composition stocks of `c` to a wijk row.
inline void tally_composition(const MetricsLayout& L, const Composition& c, int64_t sign, int64_t* row) {
  row[L.persons()] += sign * (c.adults + c.children);
  row[L.employed()] += sign * (c.work == static_cast<uint8_t>(WorkStatus::employed));
  row[L.unemployed()] += sign * (c.work == static_cast<uint8_t>(WorkStatus::unemployed));
  row[L.on_benefits()] += sign * (c.work == static_cast<uint8_t>(WorkStatus::benefits));
  row[L.with_children()] += sign * (c.children > 0);
}

// Moves household h's composition stocks from `before` to its current state.
inline void tally_composition_change(const MetricsLayout& L, const SimState& s, uint64_t h, const Composition& before,
                                     int64_t* tally) {
  int64_t* row = tally + L.stride * s.wijk[h];
  tally_composition(L, before, -1, row);
  tally_composition(L, composition_of(s, h), +1, row);
}

// Adds sign x household h's contribution to the stock tallies of its wijk row.
inline void tally_household(const MetricsLayout& L, const SimState& s, uint64_t h, int64_t sign,
                            int64_t* tally) {
  int64_t* row = tally + L.stride * s.wijk[h];
  const uint8_t* sev = s.severity_row(h);
  int problems = 0;
  for (int d = 0; d < L.n_domains; ++d) {
    row[d * 5 + (sev[d] - 1)] += sign;
    problems += sev[d] <= kMultiProblemSeverity;
  }
  if (problems >= kMultiProblemDomains) row[L.multi()] += sign;
  row[L.debt()] += sign * s.debt[h];
  if (s.debt[h] > 0) row[L.in_debt()] += sign;
  tally_composition(L, composition_of(s, h), sign, row);
}

// Moves household h's contribution from its old state (old_sev, old_debt) to its current
// state for the domains listed in `domains` (the only ones that may have changed; with
// domains == nullptr every domain is compared). The multi-problem count is recounted only
// when a listed domain crossed the "severity <= 2" line, which is rare.
inline void tally_change(const MetricsLayout& L, const SimState& s, uint64_t h, const uint8_t* old_sev,
                         int64_t old_debt, int64_t* tally, const uint8_t* domains = nullptr, int n_listed = 0) {
  int64_t* row = tally + L.stride * s.wijk[h];
  const uint8_t* sev = s.severity_row(h);
  bool crossed = false;
  const auto move = [&](int d) {
    if (sev[d] == old_sev[d]) return;
    row[d * 5 + (old_sev[d] - 1)] -= 1;
    row[d * 5 + (sev[d] - 1)] += 1;
    crossed |= (sev[d] <= kMultiProblemSeverity) != (old_sev[d] <= kMultiProblemSeverity);
  };
  if (domains) {
    for (int i = 0; i < n_listed; ++i) move(domains[i]);
  } else {
    for (int d = 0; d < L.n_domains; ++d) move(d);
  }
  if (crossed) {
    int before = 0, after = 0;
    for (int d = 0; d < L.n_domains; ++d) {
      before += old_sev[d] <= kMultiProblemSeverity;
      after += sev[d] <= kMultiProblemSeverity;
    }
    row[L.multi()] += (after >= kMultiProblemDomains) - (before >= kMultiProblemDomains);
  }
  row[L.debt()] += s.debt[h] - old_debt;
  row[L.in_debt()] += (s.debt[h] > 0) - (old_debt > 0);
}

// Recounts every stock from scratch (week 0, and the WIJKSIM_VALIDATE cross-check).
std::vector<int64_t> recount(const MetricsLayout& L, const SimState& s);

// Converts tallies to the public WeekMetrics (wijk rows plus the city total).
void fill_week_metrics(const MetricsLayout& L, const std::vector<int64_t>& tally,
                       const std::vector<uint64_t>& wijk_households, uint32_t week, WeekMetrics& out);

}  // namespace wijksim::models
