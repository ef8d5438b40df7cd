#pragma once
// Debt growth: while a household's finances are bad (severity <= grows_at_or_below) and
// its income is low (< low_income_threshold), interest and fees add weekly_growth_rate x
// debt and new arrears add weekly_arrears, capped at max_debt. Deterministic, so it runs
// even in quiet weeks; the condition is cached as kFlagDebtGrows (state changes that
// affect it go through refresh_household_cache).
//
// Rounding rule (fixed, part of the output contract): the growth on the balance is
// rounded half up to whole euros, floor(debt * rate + 0.5); arrears are rounded once
// (half away from zero) when the tables are built. A debt at or above the cap (possible
// after a life event adds debt) does not grow and is not reduced.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "model_tables.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

inline bool debt_grows(const ModelTables& t, const SimState& s, uint64_t h) {
  return t.debt && s.severity_row(h)[t.finances] <= t.grows_at_or_below &&
         static_cast<double>(s.income[h]) < t.low_income_threshold;
}

// In debt: debt > 0, or arrears start this week (debt_grows). A quiet week changes neither
// the growth condition nor (debt only grows there) this answer, so what reads it (the in_debt
// and debt_free events, the finances ceiling) keeps the cached quiet threshold exact.
inline bool in_debt(const ModelTables& t, const SimState& s, uint64_t h) { return s.debt[h] > 0 || debt_grows(t, s, h); }
// The same answer from the cache (kFlagDebtGrows, written by refresh_household_cache), for
// readers that run after the cache is written and have no tables (societal costs).
inline bool in_debt_cached(const SimState& s, uint64_t h) { return s.debt[h] > 0 || (s.flags[h] & kFlagDebtGrows) != 0; }

inline int64_t grown_debt(const ModelTables& t, int64_t debt) {
  if (debt >= t.max_debt) return debt;
  const int64_t interest = static_cast<int64_t>(std::floor(static_cast<double>(debt) * t.growth_rate + 0.5));
  return std::min(debt + interest + t.arrears_euros, t.max_debt);
}

// Debt growth of household h this week: a debt that starts from 0 (first arrears) gets
// its first creditor, so new debtors are not debtors of nobody (issue 14). Returns the
// debt before.
inline int64_t grow_debt(const ModelTables& t, SimState& s, uint64_t h) {
  const int64_t before = s.debt[h];
  s.debt[h] = grown_debt(t, before);
  if (s.debt[h] > 0 && s.creditors[h] == 0) s.creditors[h] = 1;
  return before;
}

}  // namespace wijksim::models
