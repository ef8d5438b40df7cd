// Debt arrangements that ended as planned and settled the debt (debt_settlement.hpp).
#include "debt_settlement.hpp"

#include <algorithm>

#include "channels.hpp"
#include "metrics_tally.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/rng.hpp"

namespace wijksim::models {

void settle_completed_debts(const StepContext& ctx, SimState& s, CareRun& care, Tallies& tallies) {
  if (!care.enabled) return;
  const auto& net = *ctx.network;
  const MetricsLayout& L = *ctx.layout;
  const int finances = ctx.scenario->debt.finances_domain;
  for (size_t p = 0; p < net.providers.size(); ++p) {
    const double prob = net.providers[p].settles_debt;
    if (!(prob > 0.0)) continue;
    for (const uint32_t h : care.ps.completed[p]) {
      if (s.debt[h] <= 0) continue;  // nothing left to settle (repaid on its own meanwhile)
      const auto r = philox_draw(ctx.key, h, ctx.week, ctx.replication, Purpose::debt_settlement, 0);
      if (!(u01(r.v[0]) < prob)) continue;
      // The household's stocks move in its chunk's tally, folded after this phase.
      int64_t* tally = tallies.chunk[h / kChunkHouseholds].data();
      tally_household(L, s, h, -1, tally);
      s.debt[h] = 0;
      s.creditors[h] = 0;
      if (finances >= 0) {
        uint8_t& fin = s.severity_row(h)[finances];
        fin = std::max<uint8_t>(fin, 3);
      }
      s.flags[h] = static_cast<uint8_t>(s.flags[h] | kFlagDebtSettled);
      tally_household(L, s, h, +1, tally);
      ++care.ps.week_counters[p].debts_settled;
      ++care.ps.total_counters[p].debts_settled;
      refresh_household_cache(*ctx.tables, s, h);  // debt, finances and eligibilities changed
    }
  }
}

}  // namespace wijksim::models
