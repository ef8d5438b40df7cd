#pragma once
// What a life event's eligibility (EventEligibility) reads of a household: its work status,
// whether it is a couple, has children, is in debt (in_debt, debt.hpp) and had its debt
// settled. Five facts with 5 x 2 x 2 x 2 x 2 = 80 combinations, so the event channels of
// every household are one of 80 rows that ModelTables computes once (event_rows): a busy
// household finds its row by index instead of evaluating every event's eligibility.
#include <cstdint>

#include "wijksim/compiled_scenario.hpp"

namespace wijksim::models {

struct EventFacts {
  WorkStatus work = WorkStatus::employed;
  bool couple = false;    // adults >= 2 (else one adult)
  bool children = false;  // children >= 1
  bool debt = false;      // in_debt (read only when some event asks: ModelTables::events_read_debt)
  bool settled = false;   // kFlagDebtSettled
};

inline constexpr int kEventFactCombinations = kWorkStatusCount * 2 * 2 * 2 * 2;

inline int event_facts_index(const EventFacts& f) {
  return (((static_cast<int>(f.work) * 2 + f.couple) * 2 + f.children) * 2 + f.debt) * 2 + f.settled;
}

inline EventFacts event_facts_of_index(int i) {
  EventFacts f;
  f.settled = i & 1;
  f.debt = (i >> 1) & 1;
  f.children = (i >> 2) & 1;
  f.couple = (i >> 3) & 1;
  f.work = static_cast<WorkStatus>(i >> 4);
  return f;
}

// The one definition of who an event can hit.
inline bool eligible(EventEligibility e, const EventFacts& f) {
  switch (e) {
    case EventEligibility::all: return true;
    case EventEligibility::employed: return f.work == WorkStatus::employed;
    case EventEligibility::couples: return f.couple;
    case EventEligibility::with_children: return f.children;
    case EventEligibility::in_debt: return f.debt;
    case EventEligibility::debt_free: return !f.debt;
    case EventEligibility::unemployed: return f.work == WorkStatus::unemployed;
    case EventEligibility::on_benefits: return f.work == WorkStatus::benefits;
    case EventEligibility::couples_without_children: return f.couple && !f.children;
    case EventEligibility::singles: return !f.couple;
    case EventEligibility::retired_singles: return f.work == WorkStatus::retired && !f.couple;
    case EventEligibility::retired_couples: return f.work == WorkStatus::retired && f.couple;
    case EventEligibility::after_settlement: return f.settled && !f.debt;
  }
  return false;
}

}  // namespace wijksim::models
