#pragma once
// The public run API. CLI, Python and experiments all call this, with the same names.
//
//   wijksim::Simulation sim(compiled, {.threads = 2});
//   sim.initialise();                 // draws the population (week 0 metrics available)
//   while (sim.week() < compiled.weeks) sim.step();
//   sim.metrics();                    // aggregates of the last completed week
//   sim.state_hash();                 // hash of every state array (determinism tests)
//
// Results depend only on (scenario, seed, replication), never on the thread count.
#include <cstdint>
#include <functional>
#include <memory>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/metrics.hpp"

namespace wijksim {

struct RunOptions {
  int threads = 1;                  // >= 1; the simulation runs in its own TBB arena
  // Optional overrides of the scenario's seed / replication (experiments use these).
  bool override_seed = false;
  uint64_t seed = 0;
  bool override_replication = false;
  uint32_t replication = 0;
};

struct SimState;  // structure of arrays, engine/include/wijksim/state.hpp
namespace providers { struct ProviderState; }  // wijksim/providers/service.hpp
namespace models {
struct InterventionState;  // wijksim/models/interventions/state.hpp: programmes, cost ledger
}
// This header lives in models/ (not engine/) because Simulation::step() runs the model
// phases (models/src/step.cpp: step(const Model&, RunState&)).

class Simulation {
 public:
  Simulation(const CompiledScenario& scenario, RunOptions options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  void initialise();        // draw households; computes week-0 metrics
  void step();              // advance one week; computes that week's metrics
  uint32_t week() const;    // weeks completed
  const WeekMetrics& metrics() const;  // metrics of the last completed week
  uint64_t state_hash() const;         // FNV-1a over every registered state array
  // The whole RunState: state_hash, the provider state (queues, counters, capacities in
  // force), the interventions' counters and ledger, the week and the network epoch.
  uint64_t run_hash() const;
  const SimState& state() const;
  // Interventions' counters and the per-financier cost ledger (costs.hpp).
  const models::InterventionState& interventions() const;
  // The scenario as compiled: never changed by the run (network interventions act through
  // the model's network epochs, models/src/model.hpp).
  const CompiledScenario& scenario() const;
  uint64_t seed() const;
  uint32_t replication() const;
  // Provider network state: queues, this week's counters per provider (providers.csv),
  // totals, cost per financier. Empty vectors when the scenario has no providers.
  const providers::ProviderState& providers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience: initialise, then step `weeks` times, calling `on_week` after
// initialise (week 0) and after every step.
void run_simulation(const CompiledScenario& scenario, const RunOptions& options, uint32_t weeks,
                    const std::function<void(const Simulation&)>& on_week);

}  // namespace wijksim
