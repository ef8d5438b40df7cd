#pragma once
// Engine speed measurement, shared by `wijksim bench` (CLI) and benchmarks/.
//
//   wijksim::BenchOptions o; o.households = 1'000'000; o.weeks = 52; o.threads = 1;
//   wijksim::BenchResult r = wijksim::run_bench(compiled, o);
//   r.median_steps_per_second;  // household-steps per second, initialisation excluded
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/simulation.hpp"

namespace wijksim {

struct BenchOptions {
  uint64_t households = 0;  // 0 = the scenario's own count; else scale the wijken to this
  uint32_t weeks = 52;
  int threads = 1;
  int repeats = 3;          // each repeat initialises a fresh Simulation (not timed) and steps
};

struct BenchResult {
  uint64_t households = 0;
  uint32_t weeks = 0;
  int threads = 1;
  // The vector path the household kernel took on this CPU (chosen at run time, the same
  // bits on every path; WIJKSIM_ISA caps it): wide Philox's "avx512", "avx2", "sse2" or
  // "scalar", which draws the quiet-week gate.
  const char* vector_isa = "scalar";
  std::vector<double> steps_per_second;  // household-steps / s, one per repeat
  double min_steps_per_second = 0;
  double median_steps_per_second = 0;
  double max_steps_per_second = 0;
  double init_seconds = 0;               // initialise() of the last repeat
  double peak_rss_bytes_per_household = 0;  // process peak RSS (VmHWM) / households
  size_t hot_bytes_per_household = 0;       // registered hot arrays (state.hpp)
  size_t state_bytes_per_household = 0;     // all registered arrays
  // Outcome of the last repeat after `weeks` (benchmark comparison with other frameworks):
  double final_mean_severity = 0;           // mean over households and domains, ZRM 1..5
  double final_share_any_domain_le2 = 0;    // households with at least one domain at <= 2
};

// The scenario with its wijk household counts scaled so that they sum to exactly
// `households`: proportional, floor, then the largest remainders (ties: lower wijk index)
// get one more. Deterministic.
CompiledScenario scale_households(const CompiledScenario& scenario, uint64_t households);

// The whole city scaled to `households` (what `wijksim bench --households` runs): the wijken
// as scale_households, and every absolute count sized to the city by the same ratio
// (rounded half up, at least 1 where it was positive) so that waiting lists, programmes and
// their budgets stay as loaded as in the scenario itself: provider capacities (those without
// capacity_share, which follows the households already), initial_in_service and
// initial_waiting, and the interventions' budget_cents, visits_per_week, max_concurrent and
// capacity_delta. A 1M-household bench of the 50,000-household default city with the
// city's own capacities would run ever-growing waiting lists instead of the city.
CompiledScenario scale_city(const CompiledScenario& scenario, uint64_t households);

// Throws std::invalid_argument for threads < 1, repeats < 1 or weeks < 1.
BenchResult run_bench(const CompiledScenario& scenario, const BenchOptions& options);

// Peak resident set size of this process in bytes (VmHWM from /proc/self/status, falling
// back to getrusage); 0 if unknown.
uint64_t peak_rss_bytes();

}  // namespace wijksim
