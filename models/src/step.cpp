// initialise and step: the table of contents of a run, one named phase per line.
#include "step.hpp"

#include "channels.hpp"
#include "debt_settlement.hpp"
#include "household_kernel.hpp"
#include "interventions/phase.hpp"
#include "network_in_force.hpp"
#include "population.hpp"
#include "services.hpp"
#include "tallies.hpp"
#include "turnover.hpp"
#include "validate.hpp"

namespace wijksim::models {

namespace {

StepContext context(const Model& model, RunState& run) {
  const NetworkEpoch& epoch = model.epochs[run.epoch];
  StepContext c;
  c.scenario = &model.scenario;
  c.tables = &epoch.tables;
  c.network = &epoch.network;
  c.layout = &model.layout;
  c.key = run.key;
  c.replication = run.replication;
  c.week = run.week;
  c.care = &run.care;
  c.turnover = &run.turnover;
  return c;
}

// [life events -> dynamics -> debt -> help-seeking requests], fused per household in the
// household kernel (household_kernel.*), chunk by chunk on the run's threads.
void step_households(const StepContext& ctx, SimState& s, ChunkRunner& runner, Tallies& tallies, HouseholdPhase phase) {
  runner.run(s.n_households, [&](size_t c, uint64_t begin, uint64_t end) { phase(ctx, s, begin, end, tallies.chunk[c].data()); });
}

// WIJKSIM_VALIDATE: every invariant after every week (a full recount; never in Release).
void validate_run([[maybe_unused]] const Model& model, [[maybe_unused]] const RunState& run) {
#ifdef WIJKSIM_VALIDATE
  const NetworkEpoch& epoch = model.epochs[run.epoch];
  validate_state(epoch.tables, model.layout, run.households, run.tallies.totals, model.wijk_households, run.week);
  validate_care(epoch.network, run.households, run.care, run.week);
#endif
}

}  // namespace

void initialise(const Model& model, RunState& run, ChunkRunner& runner, uint64_t seed, uint32_t replication) {
  const CompiledScenario& sc = model.scenario;
  run.key = philox_key(seed);
  run.seed = seed;
  run.replication = replication;
  run.week = 0;
  run.epoch = 0;
  SimState& s = run.households;
  s.allocate(sc.total_households(), sc.n_domains);
  assign_wijken(sc, s);
  init_care(model.epochs.front(), s, run.care);  // before the caches: they read care status
  runner.run(s.n_households, [&](size_t, uint64_t begin, uint64_t end) {
    draw_households(sc, model.tables(), run.key, replication, s, begin, end);
    for (uint64_t h = begin; h < end; ++h) refresh_household_cache(model.tables(), s, h);
  });
  init_turnover(s.n_households, run.turnover);
  place_initial_care(context(model, run), s, runner, run.care);  // waiting lists and services at week 0 (services.cpp)
  run.tallies = make_tallies(model.layout, s.n_households);
  run.tallies.totals = recount(model.layout, s);
  init_interventions(sc, model.wijk_households, s, run.interventions);
  validate_run(model, run);
  fill_metrics(model, run);
}

void step(const Model& model, RunState& run, ChunkRunner& runner, HouseholdPhase households) {
  ++run.week;  // draws of the step that produces week k use week k
  enter_network_epoch(model, run);                      // network in force (network_in_force.cpp)
  clear_weekly_flows(model.layout, run.tallies);        // this week's event counts start at 0 (tallies.cpp)
  const StepContext ctx = context(model, run);
  SimState& s = run.households;
  step_households(ctx, s, runner, run.tallies, households);  // life events, dynamics, debt, help wanted
  settle_turnover(ctx, s, runner, run.turnover, run.care, run.interventions);  // moving in: ids, care, programmes (turnover.cpp)
  submit_help_requests(ctx, s, run.care);               // help-seeking: requests to entry providers (services.cpp)
  run_services(ctx, s, runner, run.care);               // referrals, admissions, discharges (services.cpp)
  settle_completed_debts(ctx, s, run.care, run.tallies);  // arrangements that ended debt-free (debt_settlement.cpp)
  fold_chunk_tallies(model.layout, s, run.tallies);     // household phases' tallies (tallies.cpp)
  step_interventions(ctx, s, runner, run.interventions, run.tallies.totals.data());  // programmes (interventions/)
  step_costs(ctx, s, runner, run.interventions);        // costs per financier (costs/societal.cpp)
  validate_run(model, run);                             // WIJKSIM_VALIDATE only
  fill_metrics(model, run);                             // WeekMetrics of this week (tallies.cpp)
}

}  // namespace wijksim::models
