// The per-household step when the gate says something happens. This function is the
// table of contents of a household's week, one phase per line; later issues add their
// per-household reactions in on_household_changed().
#include "household_step.hpp"

#include <cstring>

#include "channels.hpp"
#include "dynamics.hpp"
#include "help_seeking.hpp"
#include "life_events.hpp"

namespace wijksim::models {

namespace {

// Seam for later phases: called once per household whose state changed this week, with
// what changed (Changed bits). Help-seeking ("finances just dropped to 2") and
// interventions hook in here; the household cache is refreshed after it returns.
void on_household_changed(const StepContext& /*ctx*/, SimState& /*s*/, uint64_t /*h*/, uint32_t /*changed*/) {}

// Refreshes the cached quiet threshold and debt flag. Without coupling, and when neither
// work status nor composition (event eligibility) changed, only the moved domains'
// channels are recomputed.
void refresh_cache(const StepContext& ctx, SimState& s, uint64_t h, uint32_t changed, const uint8_t* old_sev,
                   Channels& c) {
  const ModelTables& t = *ctx.tables;
  if (t.coupling || (changed & (kChangedWork | kChangedComposition)))
    channel_probabilities(t, s, h, c);
  else
    update_domain_channels(t, s, h, old_sev, c);
  store_household_cache(t, s, h, c);
}

}  // namespace

void step_household(const StepContext& ctx, SimState& s, uint64_t h, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  Channels c;
  channel_probabilities(t, s, h, c);
  RngStream rng(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::dynamics);
  Outcomes out;
  const bool debt_grows_now = s.flags[h] & kFlagDebtGrows;  // start-of-week condition
  if (sample_given_any(c, rng, out) == 0) {  // only through the gate's 2^-32 rounding
    if (debt_grows_now) grow_debt_quiet(ctx, s, h, tally);
    return;
  }
  uint8_t old_sev[kMaxDomains];
  std::memcpy(old_sev, s.severity_row(h), static_cast<size_t>(t.n_domains));
  const int64_t old_debt = s.debt[h];

  uint32_t changed = kChangedNothing;
  if (out.fired[0] < t.n_events)                                   // fired lists events first
    changed |= apply_life_events(ctx, s, h, out, tally);           // life events
  changed |= apply_dynamics(ctx, s, h, out);                       // household dynamics
  if (t.care.help && out.o[help_channel(t)]) seek_help(ctx, s, h, out);  // [help-seeking] (help_seeking.hpp)
  if (debt_grows_now) {                                            // debt
    s.debt[h] = grown_debt(t, s.debt[h]);
    changed |= kChangedDebt;
  }
  on_household_changed(ctx, s, h, changed);                        // [help-seeking], [services] seam

  refresh_cache(ctx, s, h, changed, old_sev, c);
  tally_change(*ctx.layout, s, h, old_sev, old_debt, tally);
}

}  // namespace wijksim::models
