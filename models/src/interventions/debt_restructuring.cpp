// debt_restructuring — Leiden "Debt to no debt" / saneringskrediet (DOMAIN-FIGURES §2.5).
//
// Mechanism. Each week a targeted household with problematic debt (finances at or below
// the debt model's grows_at_or_below and debt > 0) that is in no programme is found by
// the credit bank with probability weekly_uptake and accepts with contact_probability
// (40% drop out before an arrangement, §2.3). If the budget can take the whole planned
// cost, the bank settles: it pays settlement_fraction x debt to the creditors (an
// intervention cost of the intervention's financier), the household's debts and
// creditors go to zero, and its finances rise to at least finances_after_settlement.
// The household now owes the bank the FULL debt (Leiden: "repays the full amount") and
// repays it in equal weekly instalments over repay_months; instalments are booked as
// `repayment` (negative cost) for the same financier. While coached (duration_weeks) its
// finances improve with improve_weekly per week, which is how "relapse is lower while
// coached" shows: with zero debt and coaching the finances domain climbs away from the
// levels where debts grow. A household that drops out (dropout_weekly) stops repaying:
// the unpaid rest of the loan becomes its debt again (one creditor, the bank).
//
// Repayment is tied to income (the Dutch "vrij te laten bedrag"): each week's instalment
// is min(loan / weeks, max(0, income - repay_income_floor) x repay_income_share), income
// and floor per month, turned into a week x 12 / 52. A household at or below the floor
// repays nothing that week. What is still owed when the repayment period ends is written
// off by the bank (the "schone lei"; counted as written_off, a cost the financier already
// paid with the settlement, so no ledger entry). Defaults (floor EUR 1,200 / month, share
// 1.0: everything above the floor, as in the Wsnp) are assumed.
//
// Expected direction (tests/models/interventions): fewer targeted households at
// finances <= 2 after two years than in the baseline with the same seed.
#include <algorithm>
#include <cmath>

#include "common.hpp"

namespace wijksim::models::iv {

bool found_debt_restructuring(Ctx& c, const CompiledIntervention& iv, int i) {
  const ModelTables& t = *c.step.tables;
  if (!t.debt || c.s.debt[c.h] <= 0 || c.s.severity_row(c.h)[t.finances] > t.grows_at_or_below) return false;
  const auto u = draw(c.step, c.h, i, 0);
  return u01(u.v[0]) < iv.params.weekly_uptake && u01(u.v[1]) < iv.params.contact_probability;
}

int64_t settle_debts(Ctx& c, const CompiledIntervention& iv, int i) {
  const ModelTables& t = *c.step.tables;
  const int64_t debt_cents = c.s.debt[c.h] * 100;
  const auto settlement = static_cast<int64_t>(std::llround(static_cast<double>(debt_cents) * iv.params.settlement_fraction));
  c.touch.before(c.s, c.h);
  c.s.debt[c.h] = 0;
  c.s.creditors[c.h] = 0;
  uint8_t& fin = c.s.severity_row(c.h)[t.finances];
  fin = static_cast<uint8_t>(std::max<int>(fin, iv.params.finances_after_settlement));
  const int weeks = std::max(1, static_cast<int>(std::lround(iv.params.repay_months * 52.0 / 12.0)));
  c.s.loan_cents[c.h] = debt_cents;
  c.s.repay_cents[c.h] = (debt_cents + weeks - 1) / weeks;
  charge(c, iv, i, settlement);
  c.st.counters[i].settled_cents += settlement;
  return settlement;
}

// What the household can pay this week: the part of its income above the floor, in cents.
int64_t weekly_capacity_cents(const InterventionParams& p, uint32_t income_per_month) {
  const double above = std::max(0.0, static_cast<double>(income_per_month) - p.repay_income_floor);
  return static_cast<int64_t>(std::floor(above * p.repay_income_share * 100.0 * 12.0 / 52.0));
}

void debt_week(Ctx& c, const CompiledIntervention& iv, int i) {
  int64_t& loan = c.s.loan_cents[c.h];
  if (loan <= 0) return;
  const int64_t capacity = weekly_capacity_cents(iv.params, c.s.income[c.h]);
  const bool last = c.step.week >= c.s.end_week[c.h];
  // The last week also takes the rounding rest of the instalments, within the capacity.
  const int64_t pay = std::min({loan, last ? loan : c.s.repay_cents[c.h], capacity});
  loan -= pay;
  if (pay > 0) c.st.ledger.post(iv.financier, costs::repayment, -pay);
  c.st.counters[i].repaid_cents += pay;
  if (last && loan > 0) {
    c.st.counters[i].written_off_cents += loan;
    loan = 0;
  }
}

void debt_dropout(Ctx& c, const CompiledIntervention& /*iv*/, int /*i*/) {
  int64_t& loan = c.s.loan_cents[c.h];
  if (loan <= 0) return;
  c.touch.before(c.s, c.h);
  c.s.debt[c.h] += (loan + 99) / 100;  // whole euros, rounded up: the bank's claim
  c.s.creditors[c.h] = static_cast<uint8_t>(std::min(255, c.s.creditors[c.h] + 1));
  loan = 0;
}

}  // namespace wijksim::models::iv
