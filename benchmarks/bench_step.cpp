// Household-steps per second of the weekly step (initialisation excluded), for the
// households-ref model and a default-like city, 1 and 2 threads. Counters:
//   hh_steps_per_s   household-steps per second (1M households x weeks / wall time)
//   hot_bytes_per_hh bytes of hot state per household (state registry)
// Run: build-X/bin/bench_step --benchmark_repetitions=3 (min/median via the aggregates).
#include <benchmark/benchmark.h>

#include "wijksim/models/synthetic.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

namespace {

constexpr uint64_t kHouseholds = 1'000'000;
constexpr uint32_t kWeeks = 52;

template <class MakeScenario>
void bench_weeks(benchmark::State& st, MakeScenario make) {
  const wijksim::CompiledScenario sc = make(kHouseholds, 1);
  const int threads = static_cast<int>(st.range(0));
  size_t hot = 0;
  for (auto _ : st) {
    st.PauseTiming();
    wijksim::Simulation sim(sc, wijksim::RunOptions{.threads = threads});
    sim.initialise();
    st.ResumeTiming();
    for (uint32_t w = 0; w < kWeeks; ++w) sim.step();
    benchmark::DoNotOptimize(sim.metrics().all.multi_problem);
    hot = wijksim::hot_bytes_per_household(sim.state());
  }
  st.counters["hh_steps_per_s"] = benchmark::Counter(static_cast<double>(kHouseholds) * kWeeks,
                                                     benchmark::Counter::kIsIterationInvariantRate);
  st.counters["hot_bytes_per_hh"] = static_cast<double>(hot);
}

void BM_households_ref(benchmark::State& st) { bench_weeks(st, wijksim::models::households_ref_scenario); }
void BM_default_like(benchmark::State& st) { bench_weeks(st, wijksim::models::default_like_scenario); }

BENCHMARK(BM_households_ref)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_default_like)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
