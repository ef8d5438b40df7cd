// The household kernel's oracle (reference_kernel.hpp).
#include "reference_kernel.hpp"

#include <algorithm>
#include <vector>

#include "channels.hpp"
#include "debt.hpp"
#include "dynamics.hpp"
#include "help_seeking.hpp"
#include "life_events.hpp"
#include "turnover.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::models::testing {

namespace {

// Every channel of household h from its state, written out from the law (channels.hpp):
// events (their eligibility from channels.cpp), then domains (coupling push: the scenario's
// dense matrix, summed over j in increasing order), then the
// service effects, then the help-seeking channel; p_k = a_k + b_k; P the prefix products.
// Waiting at provider p (or in after-care after p): the base worsening of p's effect
// domains times p's waiting_worsen_factor (after_care_worsen_factor), read from the network
// in force, before the coupling push and the cap worsen <= 1 - improve.
void channels_from_scratch(const StepContext& ctx, const SimState& s, uint64_t h, Channels& c, ChannelSums& sums) {
  const CompiledScenario& sc = *ctx.scenario;
  const ModelTables& t = *ctx.tables;
  const int ne = t.n_events, nd = t.n_domains;
  const uint8_t* sev = s.severity_row(h);
  const auto status = static_cast<providers::CareStatus>(s.care_status[h]);
  std::vector<double> factor(static_cast<size_t>(nd), 1.0);
  if (t.care.network && (status == providers::CareStatus::waiting || status == providers::CareStatus::after_care)) {
    const providers::CompiledProvider& pr = ctx.network->providers.at(static_cast<size_t>(s.care_provider[h]));
    for (const providers::DomainEffect& e : pr.effects)
      factor[static_cast<size_t>(e.domain)] =
          status == providers::CareStatus::waiting ? pr.waiting_worsen_factor : pr.after_care_worsen_factor;
  }
  c.n = ne + nd;
  event_channels(t, s, h, c);  // eligibility rules: channels.cpp (one definition)
  const double nf = t.network_factor[s.network[h]];
  for (int d = 0; d < nd; ++d) {
    const int idx = d * kSeverityLevels + (sev[d] - 1);
    const double improve = std::min(1.0, t.improve[idx] * nf);
    double worsen = t.worsen[idx] * factor[static_cast<size_t>(d)];
    if (t.coupling) {
      double push = 0.0;
      for (int j = 0; j < nd; ++j) push += sc.coupling(d, j) * t.problem_weight[sev[j] - 1];
      worsen *= std::max(0.0, 1.0 + push);
    }
    c.a[ne + d] = std::min(worsen, 1.0 - improve);
    c.b[ne + d] = improve;
  }
  if (t.care.network) {
    if (status == providers::CareStatus::in_service) {
      const double* eff = t.care.improve.data() + static_cast<size_t>(s.care_provider[h]) * nd;
      for (int d = 0; d < nd; ++d) {
        if (eff[d] <= 0 || sev[d] >= kSeverityLevels) continue;
        c.b[ne + d] = std::max(c.b[ne + d], std::min(1.0, eff[d]));
        c.a[ne + d] = std::min(c.a[ne + d], 1.0 - c.b[ne + d]);
      }
    }
  }
  // The finances ceiling (debt.finances_ceiling_in_debt), last: in debt, no improvement at or
  // above the ceiling, whatever the service.
  if (t.finances_ceiling > 0 && in_debt(t, s, h) && sev[t.finances] >= t.finances_ceiling) c.b[ne + t.finances] = 0.0;
  if (t.care.network) {
    if (t.care.help) {
      uint8_t worst = kSeverityLevels;
      for (int d = 0; d < nd; ++d) worst = std::min(worst, sev[d]);
      double p = 0;
      if (status == providers::CareStatus::not_in_care)
        p = t.care.weekly_by_worst[worst - 1] * t.care.avoidance_factor[s.care_avoidance[h]];
      c.a[c.n] = std::clamp(p, 0.0, 1.0);
      c.b[c.n] = 0.0;
      ++c.n;
    }
  }
  for (int k = 0; k < c.n; ++k) sums.p[k] = c.a[k] + c.b[k];
  sums.n = c.n;
  double acc = 1.0;
  sums.P[0] = acc;
  for (int k = 0; k < c.n; ++k) {
    acc *= 1.0 - sums.p[k];
    sums.P[k + 1] = acc;
  }
}

uint32_t gate_word(const StepContext& ctx, uint64_t h, uint32_t index) {
  const auto r = philox_draw(ctx.key, static_cast<uint32_t>(h / 4), ctx.week, ctx.replication, Purpose::gate, index);
  return r.v[h % 4];
}

}  // namespace

void reference_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  for (uint64_t h = begin; h < end; ++h) {
    Channels c;
    ChannelSums sums;
    channels_from_scratch(ctx, s, h, c, sums);
    const uint32_t gate = gate_word(ctx, h, 0);
    const bool grows = debt_grows(t, s, h);  // from the state, not the cached flag
    tally_household(*ctx.layout, s, h, -1, tally);
    bool cleared = false;  // an event cleared the debt this week: no growth this week
    bool departed = false;  // a leaves_city event fired: a newcomer, nothing else this week
    if (gate >= threshold_of(sums.q())) {
      RngStream rng(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::dynamics);
      Outcomes out;
      if (sample_channels(c, sums, gate, gate_word(ctx, h, 1), rng, out) > 0) {
        int leaving = -1;
        for (int e = t.n_events - 1; e >= 0; --e)
          if (out.o[e] != 0 && ctx.scenario->events[e].leaves_city) leaving = e;  // the first in scenario order
        if (leaving >= 0) {
          move_out_and_in(ctx, s, h, leaving, tally);
          departed = true;
        } else {
          uint32_t changed = kChangedNothing;
          if (out.fired[0] < t.n_events) changed = apply_life_events(ctx, s, h, out, tally);
          for (int e = 0; e < t.n_events; ++e) cleared |= out.o[e] != 0 && ctx.scenario->events[e].clear_debt;
          apply_dynamics(ctx, s, h, out);
          // A household referred by an event this week makes no help request of its own.
          if (t.care.help && out.o[help_channel(t)] && !(changed & kChangedReferred)) request_help(ctx, s, h);
        }
      }
    }
    if (grows && !cleared && !departed) {
      const bool was_free = s.debt[h] == 0;
      s.debt[h] = grown_debt(t, s.debt[h]);
      if (was_free && s.debt[h] > 0 && s.creditors[h] == 0) s.creditors[h] = 1;  // first arrears: one creditor
    }
    tally_household(*ctx.layout, s, h, +1, tally);
    Channels after;
    ChannelSums after_sums;
    channels_from_scratch(ctx, s, h, after, after_sums);
    store_household_cache(t, s, h, after_sums.q());
  }
}

}  // namespace wijksim::models::testing
