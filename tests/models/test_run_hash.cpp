// The determinism contract over the whole RunState (Simulation::run_hash): households,
// provider queues and counters, interventions' counters and ledger, week and network
// epoch are identical for 1, 2, 3 and 8 threads on the default city with a programme and
// a network intervention that switches on and off during the run; a different seed gives a
// different hash (negative control: the hash can fail).
#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace wijksim;

namespace {

constexpr const char* kProgrammes = R"(
interventions:
  - {type: debt_restructuring, name: schuldhulp, target: all, parameters: {weekly_uptake: 0.02}}
  - {type: capacity_change, name: half-ggz, start_week: 5, end_week: 15, target: all,
     parameters: {providers: [ggz], capacity_factor: 0.5}}
)";

uint64_t run_hash(const CompiledScenario& sc, int threads, uint64_t seed) {
  RunOptions o;
  o.threads = threads;
  o.override_seed = true;
  o.seed = seed;
  Simulation sim(sc, o);
  sim.initialise();
  while (sim.week() < sc.weeks) sim.step();
  return sim.run_hash();
}

}  // namespace

TEST_CASE("run hash (every part of the run state) does not depend on the thread count", "[determinism]") {
  const CompiledScenario sc = test::small_city(kProgrammes, 3000, 20);
  const uint64_t one = run_hash(sc, 1, 7);
  for (int threads : {2, 3, 8}) {
    INFO("threads = " << threads);
    CHECK(run_hash(sc, threads, 7) == one);
  }
  CHECK(run_hash(sc, 1, 8) != one);  // negative control
}

TEST_CASE("run hash sees the provider state: a capacity change alone changes it", "[determinism]") {
  // Halving ggz capacity for weeks 5..15 changes queues and counters; the households may
  // or may not differ, the run state must.
  const CompiledScenario with = test::small_city(kProgrammes, 3000, 20);
  const CompiledScenario without = test::small_city(R"(
interventions:
  - {type: debt_restructuring, name: schuldhulp, target: all, parameters: {weekly_uptake: 0.02}}
)", 3000, 20);
  CHECK(run_hash(with, 1, 7) != run_hash(without, 1, 7));
}
