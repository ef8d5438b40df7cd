// early_signals — vroegsignalering (DOMAIN-FIGURES §2.6).
//
// Mechanism. While a targeted household's debts grow (finances at or below the debt
// model's level and low income: the cached kFlagDebtGrows), housing corporations, energy
// companies and insurers raise an arrears signal with probability signal_weekly per week.
// The signal reaches the credit bank or wijkteam delay_weeks later; then the household is
// contacted and accepts help with contact_probability (Divosa 2023: 7% of meldingen
// accept help). One signal is pending per household at a time. Accepted households are
// coached for duration_weeks; their finances improve with improve_weekly per week.
//
// Expected direction: fewer targeted households at finances <= 2 than in the baseline.
#include "common.hpp"

namespace wijksim::models::iv {

bool found_early_signal(Ctx& c, const CompiledIntervention& iv, int i) {
  uint32_t& due = c.s.signal_due[c.h];
  const auto u = draw(c.step, c.h, i, 0);
  if (due != 0 && c.s.signal_of[c.h] == i) {
    if (c.step.week < due) return false;
    due = 0;
    c.s.signal_of[c.h] = kNoProgramme;
    return u01(u.v[1]) < iv.params.contact_probability;
  }
  if (due != 0 || !(c.s.flags[c.h] & kFlagDebtGrows)) return false;  // another signal pending, or no arrears
  if (!(u01(u.v[0]) < iv.params.signal_weekly)) return false;
  ++c.st.counters[i].signals;
  due = c.step.week + static_cast<uint32_t>(std::max(0, iv.params.delay_weeks));
  c.s.signal_of[c.h] = static_cast<int8_t>(i);
  if (iv.params.delay_weeks > 0) return false;
  due = 0;
  c.s.signal_of[c.h] = kNoProgramme;
  return u01(u.v[1]) < iv.params.contact_probability;
}

}  // namespace wijksim::models::iv
