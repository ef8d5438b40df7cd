#pragma once
// The [interventions] and [costs] phases of the weekly step (internal to models).
//
//   step_interventions(ctx, s, runner, st, totals);   // after the household phases and the fold
//   step_costs(ctx, s, runner, st);           // societal events; closes the week's ledger
//
// Both walk households serially in index order (budgets are first come, first served by
// household index, never by thread arrival), so results do not depend on the thread count.
// Every draw is Philox keyed by (seed, household, week, replication, Purpose::interventions,
// draw index): intervention i owns draw indices [32 i, 32 i + 32), societal cost event e
// owns 0xF000 + e. A household no intervention targets consumes no draws and is not
// touched, so an intervention that matches nobody leaves every output byte-identical.
#include <cstdint>

#include "../step_context.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim {
class ChunkRunner;
}

namespace wijksim::models {

void step_interventions(const StepContext& ctx, SimState& s, ChunkRunner& runner, InterventionState& st, int64_t* totals);
void step_costs(const StepContext& ctx, const SimState& s, ChunkRunner& runner, InterventionState& st);
// Household h has left the city (turnover.hpp): it leaves its programme early (counted as
// dropped_out; its unspent reservation released; a debt_restructuring loan still owed is
// written off: the credit bank loses track of it) and the slot's programme arrays are
// cleared for the newcomer (in no programme, never enrolled, no pending signal).
void leave_programmes(const StepContext& ctx, SimState& s, InterventionState& st, uint64_t h);
// Adds this week's provider costs (cents per providers::Financier) to the ledger; call
// between step_interventions and step_costs when the provider network runs.
void post_provider_costs(InterventionState& st, const int64_t* financier_week_cents, int n_financiers);

}  // namespace wijksim::models
