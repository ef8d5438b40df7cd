// Simulation: the public face of one run: a const Model, a RunState and a TBB arena
// (model.hpp, run_state.hpp, step.hpp hold the work).
#include "wijksim/simulation.hpp"

#include <stdexcept>
#include <string>

#include "model.hpp"
#include "run_state.hpp"
#include "step.hpp"
#include "wijksim/hash.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/state.hpp"

namespace wijksim {

struct Simulation::Impl {
  const models::Model model;  // compiled once; the caller's scenario may go away
  const uint64_t seed;
  const uint32_t replication;
  ChunkRunner runner;
  models::RunState run;
  bool initialised = false;

  Impl(const CompiledScenario& s, const RunOptions& o)
      : model(checked_model(s, o)),
        seed(o.override_seed ? o.seed : s.seed),
        replication(o.override_replication ? o.replication : s.replication),
        runner(o.threads) {}

  static models::Model checked_model(const CompiledScenario& s, const RunOptions& o) {
    if (o.threads < 1) throw std::invalid_argument("wijksim: RunOptions.threads: expected >= 1, got " + std::to_string(o.threads));
    return models::Model::compile(s);
  }
};

Simulation::Simulation(const CompiledScenario& scenario, RunOptions options)
    : impl_(std::make_unique<Impl>(scenario, options)) {}
Simulation::~Simulation() = default;

void Simulation::initialise() {
  Impl& m = *impl_;
  models::initialise(m.model, m.run, m.runner, m.seed, m.replication);
  m.initialised = true;
}

void Simulation::step() {
  Impl& m = *impl_;
  if (!m.initialised) throw std::logic_error("wijksim: Simulation::step() called before initialise()");
  models::step(m.model, m.run, m.runner);
}

uint32_t Simulation::week() const { return impl_->run.week; }
const WeekMetrics& Simulation::metrics() const { return impl_->run.metrics; }
uint64_t Simulation::state_hash() const { return wijksim::state_hash(impl_->run.households); }
uint64_t Simulation::run_hash() const {
  const models::RunState& r = impl_->run;
  const uint64_t parts[] = {wijksim::state_hash(r.households), providers::provider_state_hash(r.care.ps),
                            models::interventions_hash(r.interventions), r.week, r.epoch};
  return fnv1a64(parts, sizeof parts);
}
const SimState& Simulation::state() const { return impl_->run.households; }
const models::InterventionState& Simulation::interventions() const { return impl_->run.interventions; }
const CompiledScenario& Simulation::scenario() const { return impl_->model.scenario; }
const providers::ProviderState& Simulation::providers() const { return impl_->run.care.ps; }
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
