// The per-household step when the gate says something happens. This function is the
// table of contents of a household's week, one phase per line; later issues add their
// per-household reactions in on_household_changed().
#include "household_step.hpp"

#include "channels.hpp"
#include "dynamics.hpp"
#include "life_events.hpp"

namespace wijksim::models {

namespace {

// Seam for later phases: called once per household whose state changed this week, with
// what changed. Today it only refreshes the cached quiet threshold and debt flag;
// help-seeking (e.g. "finances just dropped to 2") and interventions hook in here.
void on_household_changed(const StepContext& ctx, SimState& s, uint64_t h, uint32_t /*changed*/) {
  refresh_household_cache(*ctx.tables, s, h);
}

}  // namespace

void step_household(const StepContext& ctx, SimState& s, uint64_t h, int64_t* tally) {
  Channels c;
  channel_probabilities(*ctx.tables, s, h, c);
  RngStream rng(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::dynamics);
  Outcomes out;
  const bool debt_grows_now = s.flags[h] & kFlagDebtGrows;  // start-of-week condition
  if (sample_given_any(c, rng, out) == 0) {  // only through the gate's 2^-32 rounding
    if (debt_grows_now) grow_debt_quiet(ctx, s, h, tally);
    return;
  }
  tally_household(*ctx.layout, s, h, -1, tally);  // stocks: remove the old state ...

  uint32_t changed = kChangedNothing;
  changed |= apply_life_events(ctx, s, h, out, tally);             // life events
  changed |= apply_dynamics(ctx, s, h, out);                       // household dynamics
  if (debt_grows_now) {                                            // debt
    s.debt[h] = grown_debt(*ctx.tables, s.debt[h]);
    changed |= kChangedDebt;
  }
  // [help-seeking], [services]: per-household reactions go into on_household_changed.
  on_household_changed(ctx, s, h, changed);

  tally_household(*ctx.layout, s, h, +1, tally);  // ... and add the new one
}

}  // namespace wijksim::models
