// Households leaving the city and newcomers moving into their dwellings (turnover.hpp).
#include "turnover.hpp"

#include <algorithm>

#include "channels.hpp"
#include "household_kernel.hpp"
#include "interventions/phase.hpp"
#include "population.hpp"
#include "services.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

void init_turnover(uint64_t n_households, Turnover& tv) {
  tv.chunk.assign(ChunkRunner::chunk_count(n_households), {});
  tv.week.clear();
  tv.next_id = n_households;
}

void move_out_and_in(const StepContext& ctx, SimState& s, uint64_t h, int event, int64_t* tally) {
  const MetricsLayout& L = *ctx.layout;
  int64_t* row = tally + L.stride * s.wijk[h];
  row[L.event(event)] += 1;
  row[L.departures()] += 1;
  row[L.persons_departed()] += s.adults[h] + s.children[h];
  // One stream for all the newcomer's draws (the week-0 population uses a second,
  // Purpose::debt, for the initial debt; here the same stream simply continues).
  RngStream r(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::newcomer);
  draw_household(*ctx.scenario, *ctx.tables, s, h, r, r);
  // The generator draws the age at arrival; age0 is the age at week 0, so that
  // age0 + week / 52 is the age now. Floored at 0: after 18 years an 18-year-old newcomer's
  // age reads a little high (ages are whole years, as everywhere in the model).
  s.age0[h] = static_cast<uint8_t>(std::max<int>(0, static_cast<int>(s.age0[h]) - static_cast<int>(ctx.week / 52)));
  row[L.arrivals()] += 1;
  row[L.persons_arrived()] += s.adults[h] + s.children[h];
  ctx.turnover->chunk[h / kChunkHouseholds].push_back(static_cast<uint32_t>(h));
}

void settle_turnover(const StepContext& ctx, SimState& s, ChunkRunner& runner, Turnover& tv, CareRun& care,
                     InterventionState& st) {
  // Chunks hold consecutive households: concatenating in chunk order gives household order.
  tv.week.clear();
  for (auto& list : tv.chunk) {
    tv.week.insert(tv.week.end(), list.begin(), list.end());
    list.clear();
  }
  if (tv.week.empty()) return;
  if (care.enabled) providers::remove_households(care.ps, care_arrays(s), tv.week);  // one pass per list
  for (const uint32_t h : tv.week) {
    s.household_id[h] = tv.next_id++;
    leave_programmes(ctx, s, st, h);
  }
  refresh_household_caches(runner, *ctx.tables, s, tv.week);  // not in care any more: help-seeking, no service effects
}

}  // namespace wijksim::models
