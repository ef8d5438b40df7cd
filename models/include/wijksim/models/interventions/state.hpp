#pragma once
// The mutable state of the interventions and the cost accounting of one run, next to
// SimState: per-household programme bookkeeping (structure of arrays), per-intervention
// counters, and the per-financier cost ledger. Owned by Simulation; read after a run
// through Simulation::interventions().
//
// Design note: kept apart from SimState's registry so that a scenario without
// interventions has exactly the SimState (and state hash) it had before interventions
// existed; the arrays here are hashed by interventions_hash() for the determinism tests.
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/costs.hpp"

namespace wijksim::models {

inline constexpr int8_t kNoProgramme = -1;

// Counters of one intervention over the whole run (flows) and now (stocks).
struct InterventionCounters {
  uint64_t targeted_weeks = 0;   // household-weeks in which the target matched (while active)
  uint64_t found = 0;            // found / referred / signalled and contacted (before budget)
  uint64_t enrolled = 0;         // enrolments
  uint64_t completed = 0;        // enrolments that ran their full length
  uint64_t dropped_out = 0;
  uint64_t refused_budget = 0;   // found but not enrolled because the budget was used up
  uint64_t signals = 0;          // early_signals: arrears signals raised
  uint64_t visits = 0;           // outreach: visits made
  uint64_t improvements = 0;     // severity steps gained through the programme
  uint64_t enrolled_now = 0;     // in the programme at the end of the last week
  int64_t spent_cents = 0;       // everything charged to the intervention (gross)
  int64_t committed_cents = 0;   // planned weekly costs of those enrolled, not yet spent
  int64_t repaid_cents = 0;      // debt_restructuring: repayments received
  int64_t settled_cents = 0;     // debt_restructuring: paid to creditors
  int64_t written_off_cents = 0; // debt_restructuring: loan left at the end (income too low), forgiven
};

struct InterventionState {
  uint64_t n_households = 0;
  // Per household (length n_households):
  std::vector<int8_t> programme;      // intervention index the household is enrolled in, or -1
  std::vector<uint32_t> enrol_week;   // week of enrolment
  std::vector<uint32_t> end_week;     // last week of the enrolment (inclusive)
  std::vector<uint32_t> ever;         // bit i: was enrolled in intervention i (no second time)
  std::vector<int64_t> loan_cents;    // debt_restructuring: still owed to the credit bank
  std::vector<int64_t> repay_cents;   // debt_restructuring: weekly instalment
  std::vector<uint32_t> signal_due;   // early_signals: week the pending signal is acted on, 0 none
  std::vector<int8_t> signal_of;      // early_signals: which intervention raised it

  std::vector<InterventionCounters> counters;  // per intervention
  std::vector<uint64_t> target_households;     // per intervention: households in its target wijken (outreach)
  costs::CostLedger ledger;
};

void init_interventions(const CompiledScenario& scenario, uint64_t n_households,
                        const std::vector<uint64_t>& wijk_households, InterventionState& st);

// FNV-1a over every per-household array and the counters (determinism tests).
uint64_t interventions_hash(const InterventionState& st);

}  // namespace wijksim::models
