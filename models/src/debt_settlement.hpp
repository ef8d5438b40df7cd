#pragma once
// Phase [debt settlement] (issue 14): a debt arrangement that ended as planned ends
// debt-free. The engine lists the households whose service ended without a dropout at a
// provider with `settles_debt` > 0 (ProviderState::completed); here, for each one that is
// still in debt, one Purpose::debt_settlement draw keyed by (household, week) decides
// whether the arrangement succeeded. A success clears debt and creditors, lifts finances
// to at least 3 (ZRM 3: "debts stable or controlled", as debt_ends), marks the household
// kFlagDebtSettled (the `after_settlement` event eligibility: the relapse risk) and counts
// in providers.<provider>.debts_settled. Serial, in provider then service order; no draw
// at all where settles_debt is 0, so common random numbers hold.
#include "run_state.hpp"
#include "step_context.hpp"

namespace wijksim::models {

void settle_completed_debts(const StepContext& ctx, SimState& s, CareRun& care, Tallies& tallies);

}  // namespace wijksim::models
