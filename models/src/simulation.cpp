// Simulation: owns one run's SimState, tallies and TBB arena; wires the phases together.
#include "wijksim/simulation.hpp"

#include <stdexcept>

#include "channels.hpp"
#include "lean_kernel.hpp"
#include "wijksim/models/interventions/network.hpp"
#include "population.hpp"
#include "services.hpp"
#include "step.hpp"
#include "validate.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/state.hpp"

namespace wijksim {

struct Simulation::Impl {
  CompiledScenario scenario;  // a copy: the caller's object may go away
  RunOptions options;
  uint64_t seed;
  uint32_t replication;
  models::ModelTables tables;
  models::MetricsLayout layout;
  std::vector<uint64_t> wijk_households;
  SimState state;
  ChunkRunner runner;
  models::Tallies tallies;
  models::CareRun care;  // provider network (services.hpp)
  models::InterventionState interventions;  // interventions and cost ledger (helper F)
  WeekMetrics metrics;
  uint32_t week = 0;
  bool initialised = false;

  Impl(const CompiledScenario& s, const RunOptions& o)
      : scenario(s),
        options(o),
        seed(o.override_seed ? o.seed : s.seed),
        replication(o.override_replication ? o.replication : s.replication),
        tables(models::ModelTables::build(s)),
        layout(s.n_domains, static_cast<int>(s.events.size()), static_cast<int>(s.wijken.size())),
        runner(o.threads) {
    if (o.threads < 1) throw std::invalid_argument("wijksim: RunOptions.threads: expected >= 1, got " + std::to_string(o.threads));
    if (s.total_households() >= (uint64_t{1} << 32))
      throw std::invalid_argument("wijksim: scenario has more than 2^32-1 households");
    for (const auto& w : s.wijken) wijk_households.push_back(w.households);
    tables.kernel = models::choose_kernel(tables, o.kernel);
  }

  models::StepContext context() const {
    models::StepContext c;
    c.scenario = &scenario;
    c.tables = &tables;
    c.layout = &layout;
    c.key = philox_key(seed);
    c.replication = replication;
    c.week = week;
    c.care = const_cast<models::CareRun*>(&care);  // mutated only by step()
    return c;
  }

  void validate() const {
#ifdef WIJKSIM_VALIDATE
    models::validate_state(tables, layout, state, tallies.totals, wijk_households, week);
    models::validate_care(scenario, state, care, week);
#endif
  }
};

Simulation::Simulation(const CompiledScenario& scenario, RunOptions options)
    : impl_(std::make_unique<Impl>(scenario, options)) {}
Simulation::~Simulation() = default;

void Simulation::initialise() {
  Impl& m = *impl_;
  m.week = 0;
  m.state.allocate(m.scenario.total_households(), m.scenario.n_domains);
  models::assign_wijken(m.scenario, m.state);
  models::init_care(m.scenario, m.state, m.care);  // before the caches: they read care status
  const Philox::key_type key = philox_key(m.seed);
  m.runner.run(m.state.n_households, [&](size_t, uint64_t begin, uint64_t end) {
    models::draw_households(m.scenario, m.tables, key, m.replication, m.state, begin, end);
    for (uint64_t h = begin; h < end; ++h) models::refresh_household_cache(m.tables, m.state, h);
  });
  m.tallies = models::make_tallies(m.layout, m.state.n_households);
  m.tallies.totals = models::recount(m.layout, m.state);
  models::init_interventions(m.scenario, m.state.n_households, m.wijk_households, m.interventions);
  m.initialised = true;
  m.validate();
  models::fill_week_metrics(m.layout, m.tallies.totals, m.wijk_households, 0, m.metrics);
  models::fill_care_metrics(m.care, m.state.n_households, m.metrics);
}

void Simulation::step() {
  Impl& m = *impl_;
  if (!m.initialised) throw std::logic_error("wijksim: Simulation::step() called before initialise()");
  ++m.week;  // draws of the step that produces week k use week k
  // Network interventions switch at their start/end weeks; when the network in force changed
  // (e.g. a pooled budget lets a generalist deliver a silo's effects), the service-effect
  // tables and the cached thresholds of households in service follow it.
  if (models::apply_network_interventions(m.interventions, m.scenario, m.care, m.week))
    models::refresh_service_effects(m.scenario, m.tables, m.state, m.week);
  models::step_week(m.context(), m.state, m.runner, m.tallies, &m.interventions);
  m.validate();
  models::fill_week_metrics(m.layout, m.tallies.totals, m.wijk_households, m.week, m.metrics);
  models::fill_care_metrics(m.care, m.state.n_households, m.metrics);
}

uint32_t Simulation::week() const { return impl_->week; }
const WeekMetrics& Simulation::metrics() const { return impl_->metrics; }
const char* Simulation::household_kernel() const { return models::kernel_name(impl_->tables.kernel); }
uint64_t Simulation::state_hash() const { return wijksim::state_hash(impl_->state); }
const SimState& Simulation::state() const { return impl_->state; }
const models::InterventionState& Simulation::interventions() const { return impl_->interventions; }
const CompiledScenario& Simulation::scenario() const { return impl_->scenario; }
const providers::ProviderState& Simulation::providers() const { return impl_->care.ps; }
uint64_t Simulation::seed() const { return impl_->seed; }
uint32_t Simulation::replication() const { return impl_->replication; }

void run_simulation(const CompiledScenario& scenario, const RunOptions& options, uint32_t weeks,
                    const std::function<void(const Simulation&)>& on_week) {
  Simulation sim(scenario, options);
  sim.initialise();
  if (on_week) on_week(sim);
  while (sim.week() < weeks) {
    sim.step();
    if (on_week) on_week(sim);
  }
}

}  // namespace wijksim
