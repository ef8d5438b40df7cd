// The per-household step when the gate says something happens. This function is the
// table of contents of a household's week, one phase per line. What other phases need to
// know leaves it as data: help requests in the chunk's list (services), the change mask
// in the cache refresh and the tallies.
#include "household_step.hpp"

#include "channels.hpp"
#include "dynamics.hpp"
#include "help_seeking.hpp"
#include "life_events.hpp"

namespace wijksim::models {

namespace {

// Refreshes the cached quiet threshold and debt flag. Without coupling, and when neither
// work status nor composition (event eligibility) changed, only the moved domains'
// channels are recomputed: the fired domains when no life event fired (dynamics moved only
// those), else every domain whose severity differs from old_sev. `sums` holds the
// start-of-week p_k; when only the fired domains moved, only their p_k and the help
// channel's are redone (the other channels keep their bits: apply_service_effects is
// idempotent), so the prefix products have the same bits as a full channel_sums.
void refresh_cache(const StepContext& ctx, SimState& s, uint64_t h, uint32_t changed, const uint8_t* old_sev,
                   const Outcomes& out, bool event_fired, Channels& c, ChannelSums& sums) {
  const ModelTables& t = *ctx.tables;
  if (t.coupling || (changed & (kChangedWork | kChangedComposition))) {
    channel_probabilities(t, s, h, c, sums);
  } else if (event_fired) {
    update_domain_channels(t, s, h, old_sev, c);
    channel_sums(c, sums);
  } else {
    const uint8_t* sev = s.severity_row(h);
    const double nf = network_factor_of(t, s, h);
    // The worst severity moves with the fired domains; a recount only when a domain
    // at the old worst level improved.
    uint8_t worst = c.worst;
    bool recount = worst == 0;
    for (int i = 0; i < out.n_fired; ++i) {
      const int d = out.fired[i] - t.n_events;
      if (d >= t.n_domains) continue;
      domain_channel(t, sev[d], d, 0.0, nf, c.a[t.n_events + d], c.b[t.n_events + d]);
      worst = std::min(worst, sev[d]);
      recount |= old_sev[d] == c.worst && sev[d] > old_sev[d];
    }
    if (t.care.network) apply_care_channels(t, s, h, recount ? worst_severity(s, h) : worst, c);
    for (int i = 0; i < out.n_fired; ++i) {  // after the service effects, which may change them
      const int k = out.fired[i];
      sums.p[k] = c.a[k] + c.b[k];
    }
    if (t.care.help) {
      const int k = help_channel(t);
      sums.p[k] = c.a[k] + c.b[k];
    }
    finish_sums(c.n, sums);
  }
  store_household_cache(t, s, h, sums.q());
}

}  // namespace

void step_household(const StepContext& ctx, SimState& s, uint64_t h, uint32_t gate, uint32_t second, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const int nd = t.n_domains;
  Channels c;
  ChannelSums sums;
  channel_probabilities(t, s, h, c, sums);
  RngStream rng(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::dynamics);
  Outcomes out;
  const bool debt_grows_now = s.flags[h] & kFlagDebtGrows;  // start-of-week condition
  if (sample_channels(c, sums, gate, second, rng, out) == 0) {  // only when the threshold saturated
    if (debt_grows_now) grow_debt_quiet(ctx, s, h, tally);
    return;
  }
  uint8_t old_sev[kMaxDomains];
  const uint8_t* sev = s.severity_row(h);
  for (int d = 0; d < nd; ++d) old_sev[d] = sev[d];
  const int64_t old_debt = s.debt[h];

  uint32_t changed = kChangedNothing;
  const bool event_fired = out.fired[0] < t.n_events;             // fired lists events first
  if (event_fired) changed |= apply_life_events(ctx, s, h, out, tally);  // life events
  changed |= apply_dynamics(ctx, s, h, out);                       // household dynamics
  if (t.care.help && out.o[help_channel(t)]) seek_help(ctx, s, h, out);  // [help-seeking] (help_seeking.hpp)
  if (debt_grows_now) {                                            // debt
    s.debt[h] = grown_debt(t, s.debt[h]);
    changed |= kChangedDebt;
  }

  refresh_cache(ctx, s, h, changed, old_sev, out, event_fired, c, sums);
  // Without life events only the fired domains can have moved: tally just those.
  uint8_t moved[kMaxChannels];
  int n_moved = 0;
  if (!event_fired)
    for (int i = 0; i < out.n_fired; ++i)
      if (out.fired[i] < t.n_events + nd) moved[n_moved++] = static_cast<uint8_t>(out.fired[i] - t.n_events);
  tally_change(*ctx.layout, s, h, old_sev, old_debt, tally, event_fired ? nullptr : moved, n_moved);
}

}  // namespace wijksim::models
