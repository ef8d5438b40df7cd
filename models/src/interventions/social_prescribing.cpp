// social_prescribing — Welzijn op recept (DOMAIN-FIGURES §6.2).
//
// Mechanism. Targeted households are those whose complaints come from loneliness or
// psychosocial stress (write it in the target, e.g. domains: {social_network: 2,
// mental_health: 3}). Each week such a household visits its GP with gp_visit_weekly; the
// GP refers it to welfare activities with referral_probability ("the number of referrals
// per GP is low"). Referred households join activities for duration_weeks, improving
// social_network and time_use (effect_domains) with improve_weekly per week. GGZ
// treatment that the referral replaces (avoided_cost_per_referral, default 0: the effect
// on health-care use is centred near zero, §6.2) is booked as a negative societal cost of
// avoided_financier, so it shows up as avoided cost against the baseline.
//
// Expected direction: fewer targeted households at social_network <= 2 than in the baseline.
#include "common.hpp"

namespace wijksim::models::iv {

bool found_social_prescribing(Ctx& c, const CompiledIntervention& iv, int i) {
  const auto u = draw(c.step, c.h, i, 0);
  if (!(u01(u.v[0]) < iv.params.gp_visit_weekly && u01(u.v[1]) < iv.params.referral_probability)) return false;
  c.st.ledger.post(iv.params.avoided_financier, costs::societal, -iv.params.avoided_cost_per_referral_cents);
  return true;
}

}  // namespace wijksim::models::iv
