// The generic programme every enrolling intervention shares: budget reservation,
// enrolment, one enrolled week (cost, dropout, effects, type extras) and exit.
//
// Budget rule (why "never spends more than its budget" holds): at enrolment the whole
// planned cost of the enrolment (intake + weekly cost x planned weeks + any upfront
// payment such as a debt settlement) is reserved; an enrolment that does not fit in
// budget - spent - reserved is refused. Weekly costs move money from reserved to spent;
// leaving early releases the unspent reservation. So spent + reserved <= budget always.
// Repayments flowing back do not refill the budget (gross spending is capped).
#include <algorithm>
#include <cmath>

#include "common.hpp"
#include "phase.hpp"

namespace wijksim::models::iv {

int enrolment_weeks(const CompiledIntervention& iv) {
  int weeks = std::max(1, iv.params.duration_weeks);
  if (iv.type == InterventionType::debt_restructuring)
    weeks = std::max(weeks, static_cast<int>(std::lround(iv.params.repay_months * 52.0 / 12.0)));
  return weeks;
}

bool try_enrol(Ctx& c, const CompiledIntervention& iv, int i, int64_t upfront_cents) {
  InterventionCounters& k = c.st.counters[i];
  const int weeks = enrolment_weeks(iv);
  const int64_t planned = iv.params.cost_per_week_cents * weeks;
  const int64_t reserve = iv.params.cost_per_enrolment_cents + upfront_cents + planned;
  if (iv.params.max_concurrent > 0 && k.enrolled_now >= static_cast<uint64_t>(iv.params.max_concurrent)) {
    ++k.refused_budget;  // capacity of volunteers: counted with the budget refusals
    return false;
  }
  if (iv.budget_cents >= 0 && k.spent_cents + k.committed_cents + reserve > iv.budget_cents) {
    ++k.refused_budget;
    return false;
  }
  k.committed_cents += planned;
  charge(c, iv, i, iv.params.cost_per_enrolment_cents);
  ++k.enrolled;
  ++k.enrolled_now;
  c.s.programme[c.h] = static_cast<int8_t>(i);
  c.s.enrol_week[c.h] = c.step.week;
  c.s.end_week[c.h] = c.step.week + static_cast<uint32_t>(weeks);
  c.s.programmes_ever[c.h] |= 1u << i;
  return true;
}

bool improve_domain(Ctx& c, int i, int d, double p, double u) {
  uint8_t* sev = c.s.severity_row(c.h);
  if (sev[d] >= kSeverityLevels || !(u < p)) return false;
  c.touch.before(c.s, c.h);
  ++sev[d];
  ++c.st.counters[i].improvements;
  return true;
}

namespace {

void leave(Ctx& c, const CompiledIntervention& iv, int i, bool completed) {
  InterventionCounters& k = c.st.counters[i];
  const int64_t remaining = static_cast<int64_t>(c.s.end_week[c.h] - c.step.week) * iv.params.cost_per_week_cents;
  k.committed_cents -= remaining;
  ++(completed ? k.completed : k.dropped_out);
  --k.enrolled_now;
  c.s.programme[c.h] = kNoProgramme;
}

// Effects while the programme's active part lasts (duration_weeks from enrolment).
void effects(Ctx& c, const CompiledIntervention& iv, int i) {
  const InterventionParams& p = iv.params;
  if (p.improve_weekly <= 0 || c.step.week > c.s.enrol_week[c.h] + static_cast<uint32_t>(p.duration_weeks)) return;
  const auto word = [&](int d) { return u01(draw(c.step, c.h, i, 2 + static_cast<uint32_t>(d) / 4).v[d % 4]); };
  if (!p.effect_domains.empty()) {
    for (const int d : p.effect_domains) improve_domain(c, i, d, p.improve_weekly, word(d));
    return;
  }
  // No effect domains (outreach): every domain still in or near the problem range.
  const uint8_t* sev = c.s.severity_row(c.h);
  for (int d = 0; d < c.s.n_domains; ++d)
    if (sev[d] <= p.problem_at_or_below + 1) improve_domain(c, i, d, p.improve_weekly, word(d));
}

}  // namespace

void enrolled_week(Ctx& c, const CompiledIntervention& iv, int i) {
  InterventionCounters& k = c.st.counters[i];
  const int64_t weekly = iv.params.cost_per_week_cents;
  charge(c, iv, i, weekly);
  k.committed_cents -= weekly;
  if (iv.type == InterventionType::collective_day_activities && iv.params.individual_cost_per_week_cents > 0)
    // The individual day activity this place replaces is no longer bought.
    c.st.ledger.post(iv.financier, costs::provider, -iv.params.individual_cost_per_week_cents);
  if (iv.type == InterventionType::debt_restructuring) debt_week(c, iv, i);
  const auto u = draw(c.step, c.h, i, 1);
  if (u01(u.v[0]) < iv.params.dropout_weekly) {
    if (iv.type == InterventionType::debt_restructuring) debt_dropout(c, iv, i);
    leave(c, iv, i, /*completed=*/false);
    return;
  }
  effects(c, iv, i);
  if (c.step.week >= c.s.end_week[c.h]) leave(c, iv, i, /*completed=*/true);
}

}  // namespace wijksim::models::iv

namespace wijksim::models {

void leave_programmes(const StepContext& ctx, SimState& s, InterventionState& st, uint64_t h) {
  if (const int8_t p = s.programme[h]; p != kNoProgramme) {
    iv::Touch touch;
    iv::Ctx c{ctx, s, st, h, touch};
    st.counters[p].written_off_cents += s.loan_cents[h];
    iv::leave(c, ctx.scenario->interventions[p], p, /*completed=*/false);
  }
  s.programme[h] = kNoProgramme;
  s.enrol_week[h] = 0;
  s.end_week[h] = 0;
  s.programmes_ever[h] = 0;
  s.loan_cents[h] = 0;
  s.repay_cents[h] = 0;
  s.signal_due[h] = 0;
  s.signal_of[h] = kNoProgramme;
}

}  // namespace wijksim::models
