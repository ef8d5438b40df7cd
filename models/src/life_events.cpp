// Phase "life events": a job loss, divorce, illness or a child turning 18 changes the
// household's severities, income, debt, creditors, work status and composition at once.
#include "life_events.hpp"

#include <algorithm>
#include <cmath>

#include "services.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

namespace {
uint8_t clamp_u8(int v, int lo) { return static_cast<uint8_t>(std::clamp(v, lo, 255)); }

// refers_to: a referral from outside the network joins provider p's list like a help
// request (the same chunk list, so in household order), if the household is in no care
// (one care spell at a time) and p takes it after the event's effects. No draw.
bool refer(const StepContext& ctx, SimState& s, uint64_t h, int p) {
  if (ctx.care == nullptr || !ctx.care->enabled) return false;
  if (s.care_status[h] != static_cast<uint8_t>(providers::CareStatus::not_in_care)) return false;
  const auto& net = *ctx.network;
  if (!providers::is_eligible(net.providers[static_cast<size_t>(p)], household_view(s), static_cast<uint32_t>(h), ctx.week))
    return false;
  ctx.care->push_request(h, p);
  return true;
}
}  // namespace

uint32_t apply_life_events(const StepContext& ctx, SimState& s, uint64_t h, const Outcomes& out,
                           int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const MetricsLayout& L = *ctx.layout;
  uint32_t changed = kChangedNothing;
  for (int e = 0; e < t.n_events; ++e) {
    if (out.o[e] == 0) continue;
    const CompiledLifeEvent& ev = ctx.scenario->events[e];
    changed |= kChangedEvent;
    tally[L.stride * s.wijk[h] + L.event(e)] += 1;

    uint8_t* sev = s.severity_row(h);
    for (const auto& [d, delta] : ev.severity_delta) {
      sev[d] = static_cast<uint8_t>(std::clamp(sev[d] + delta, 1, kSeverityLevels));
      changed |= kChangedSeverity;
    }
    for (const auto& [d, level] : ev.severity_at_least)
      if (sev[d] < level) {
        sev[d] = static_cast<uint8_t>(level);
        changed |= kChangedSeverity;
      }
    for (const auto& [d, level] : ev.severity_at_most)
      if (sev[d] > level) {
        sev[d] = static_cast<uint8_t>(level);
        changed |= kChangedSeverity;
      }
    if (ev.clear_debt) {
      // Repaid, settled or remitted: the creditors go with the debt. Debt growth skips
      // this week (kChangedDebtCleared), so no arrears reappear on the day it ends.
      s.debt[h] = 0;
      s.creditors[h] = 0;
      changed |= kChangedDebt | kChangedDebtCleared;
    }
    if (ev.income_factor != 1.0) {
      // Whole euros, rounded half up; income never negative.
      s.income[h] = static_cast<uint32_t>(
          std::max(0.0, std::floor(static_cast<double>(s.income[h]) * ev.income_factor + 0.5)));
      changed |= kChangedIncome;
    }
    if (ev.debt_add != 0.0) {
      s.debt[h] = std::max<int64_t>(0, s.debt[h] + std::llround(ev.debt_add));
      changed |= kChangedDebt;
    }
    if (ev.creditors_add != 0) {
      s.creditors[h] = clamp_u8(s.creditors[h] + ev.creditors_add, 0);
      changed |= kChangedDebt;
    }
    if (ev.set_work_status >= 0) {
      s.work_status[h] = static_cast<uint8_t>(ev.set_work_status);
      changed |= kChangedWork;
    }
    if (ev.adults_delta != 0 || ev.children_delta != 0) {
      s.adults[h] = clamp_u8(s.adults[h] + ev.adults_delta, 1);  // a household keeps its head
      s.children[h] = clamp_u8(s.children[h] + ev.children_delta, 0);
      changed |= kChangedComposition;
    }
    if (ev.becomes_single_parent_if_children && s.children[h] > 0 && s.adults[h] == 1) {
      s.flags[h] |= kFlagSingleParent;
      changed |= kChangedComposition;
    }
    if ((changed & kChangedComposition) && (s.children[h] == 0 || s.adults[h] >= 2))
      s.flags[h] &= static_cast<uint8_t>(~kFlagSingleParent);
    if (ev.refers_to >= 0 && !(changed & kChangedReferred) && refer(ctx, s, h, ev.refers_to)) changed |= kChangedReferred;
  }
  return changed;
}

}  // namespace wijksim::models
