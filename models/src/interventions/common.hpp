#pragma once
// Shared by the intervention mechanisms: targeting, draws, the "before" snapshot of a
// household that a mechanism changes, and the generic programme (enrol, weekly, exit).
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "../model_tables.hpp"
#include "../step_context.hpp"
#include "wijksim/interventions.hpp"
#include "wijksim/models/interventions/state.hpp"

namespace wijksim::models::iv {

inline constexpr uint32_t kDrawsPerIntervention = 32;  // Philox calls per (household, week, intervention): 0 find, 1 weekly, 2.. effects (domain d: call 2 + d / 4, word d % 4)

// Four uniforms for (household, week, intervention i, call k < 32).
inline Philox::ctr_type draw(const StepContext& ctx, uint64_t h, int i, uint32_t k) {
  return philox_draw(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::interventions,
                     static_cast<uint32_t>(i) * kDrawsPerIntervention + k);
}

inline uint32_t household_kind(const SimState& s, uint64_t h) {
  const bool couple = s.adults[h] >= 2, kids = s.children[h] > 0;
  return couple ? (kids ? 3u : 1u) : (kids ? 2u : 0u);  // providers::HouseholdKind
}

// The severity test first: the usual target is a few domains at or below a level, which
// most households fail, so the others are read for few; and without a branch per domain
// (which of them holds is not predictable). A pure conjunction: the order changes nothing.
inline bool in_target(const InterventionTarget& t, const SimState& s, uint64_t h, uint32_t week) {
  if (!t.any_of.empty()) {
    const uint8_t* sev = s.severity_row(h);
    bool any = false;
    for (const auto& c : t.any_of) any |= sev[c.domain] <= c.at_or_below;
    if (!any) return false;
  }
  if (!t.wijk.empty() && !t.wijk[s.wijk[h]]) return false;
  const int age = s.age0[h] + static_cast<int>(week / 52);
  if (age < t.min_age || age > t.max_age) return false;
  if (!(t.kinds & (1u << household_kind(s, h)))) return false;
  const double income = s.income[h];
  if (income < t.min_income || income > t.max_income) return false;
  return s.debt[h] >= t.min_debt && s.debt[h] <= t.max_debt;
}

// Remembers a household's severities and debt before the first change of the week, so
// the metric tallies can be moved and the cache refreshed once afterwards.
struct Touch {
  bool touched = false;
  uint8_t old_sev[kMaxDomains];
  int64_t old_debt = 0;
  void before(const SimState& s, uint64_t h) {
    if (touched) return;
    touched = true;
    std::memcpy(old_sev, s.severity_row(h), static_cast<size_t>(s.n_domains));
    old_debt = s.debt[h];
  }
};

// What one mechanism call may use.
struct Ctx {
  const StepContext& step;
  SimState& s;
  InterventionState& st;
  uint64_t h;
  Touch& touch;
};

// Posts a cost of intervention i to its financier and counts it as spent.
inline void charge(Ctx& c, const CompiledIntervention& iv, int i, int64_t cents, costs::Category cat = costs::intervention) {
  if (cents == 0) return;
  c.st.ledger.post(iv.financier, cat, cents);
  c.st.counters[i].spent_cents += cents;
}

// Planned length of an enrolment, in weeks.
int enrolment_weeks(const CompiledIntervention& iv);
// Enrols household c.h in intervention i if the budget allows (reserving the planned
// weekly costs plus `upfront_cents`, e.g. a settlement). Returns false (and counts
// refused_budget) when it does not fit.
bool try_enrol(Ctx& c, const CompiledIntervention& iv, int i, int64_t upfront_cents);
// One enrolled week of household c.h (costs, dropout, effects, repayments, exit).
void enrolled_week(Ctx& c, const CompiledIntervention& iv, int i);
// +1 severity in domain d with probability p using uniform u; counts the improvement.
bool improve_domain(Ctx& c, int i, int d, double p, double u);

// Mechanism entry points, one file each (see the comment at the top of each file).
bool found_debt_restructuring(Ctx& c, const CompiledIntervention& iv, int i);
int64_t settle_debts(Ctx& c, const CompiledIntervention& iv, int i);  // on enrolment; returns settlement
void debt_week(Ctx& c, const CompiledIntervention& iv, int i);       // repayment
void debt_dropout(Ctx& c, const CompiledIntervention& iv, int i);    // loan back to the household
bool found_outreach(Ctx& c, const CompiledIntervention& iv, int i);
bool found_early_signal(Ctx& c, const CompiledIntervention& iv, int i);
bool found_social_prescribing(Ctx& c, const CompiledIntervention& iv, int i);
bool found_informal_care(Ctx& c, const CompiledIntervention& iv, int i);
bool found_collective_day_activities(Ctx& c, const CompiledIntervention& iv, int i);

}  // namespace wijksim::models::iv
