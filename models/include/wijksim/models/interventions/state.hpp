#pragma once
// The interventions' and the cost accounting's part of a run's state (RunState,
// models/src/run_state.hpp): per-intervention counters and the per-financier cost ledger.
// The per-household programme arrays are in SimState's registry like every other
// per-household array (hashed, viewed from Python, checked by the determinism test), and
// allocated for every scenario, so that adding an intervention changes no array's shape.
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/state.hpp"

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
  // The per-household programme arrays (enrolment, loans, signals) are in SimState's
  // registry (wijksim/state.hpp); here only what is per intervention or per financier.
  std::vector<InterventionCounters> counters;  // per intervention
  std::vector<uint64_t> target_households;     // per intervention: households in its target wijken (outreach)
  costs::CostLedger ledger;
  // Scratch of the week, per chunk of households: who the serial pass visits (phase.cpp).
  std::vector<std::vector<uint32_t>> visit;
};

// Counters and ledger sized for the scenario; the programme arrays of `s` set to "none".
void init_interventions(const CompiledScenario& scenario, const std::vector<uint64_t>& wijk_households,
                        SimState& s, InterventionState& st);

// FNV-1a over the counters and the ledger totals (determinism tests; the programme
// arrays are in state_hash()).
uint64_t interventions_hash(const InterventionState& st);

}  // namespace wijksim::models
