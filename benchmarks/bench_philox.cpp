// Nanoseconds per Philox4x32-10 block (= 4 gate households) of philox_draw_blocks for each
// implementation this CPU supports, of the dispatched entry point, and of the SSE2
// philox_draw_x4 called per 4 blocks (what the gate used before). Runs of 4096 blocks, and
// 16 / 64 (the chunk runs of the gate's hot loop).
// Counter per_block: time per block. Run: build-X/bin/bench_philox --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true (median and min via the aggregates).
#include <benchmark/benchmark.h>

#include <vector>

#include "wijksim/philox_wide.hpp"
#include "wijksim/philox_x4.hpp"

namespace {

using wijksim::Purpose;

// Seconds per block (an iteration-invariant rate, inverted): printed as e.g. "0.85ns".
benchmark::Counter time_per_block(int64_t blocks) {
  return benchmark::Counter(static_cast<double>(blocks),
                            benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void bench_fn(benchmark::State& st, wijksim::detail::PhiloxBlocksFn fn) {
  const auto key = wijksim::philox_key(20240601);
  const auto n = static_cast<uint32_t>(st.range(0));
  std::vector<uint32_t> out(4 * size_t{n});
  uint32_t week = 0;
  for (auto _ : st) {
    fn(key, 12345, n, week++, 3, Purpose::gate, 0, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  st.counters["per_block"] = time_per_block(n);
}

void BM_philox_x4_loop(benchmark::State& st) {
  const auto key = wijksim::philox_key(20240601);
  const auto n = static_cast<uint32_t>(st.range(0));
  std::vector<uint32_t> out(4 * size_t{n});
  uint32_t week = 0;
  for (auto _ : st) {
    for (uint32_t b = 0; b < n; b += 4)
      wijksim::philox_draw_x4(key, 12345 + b, week, 3, Purpose::gate, 0,
                              reinterpret_cast<uint32_t(*)[4]>(out.data() + 4 * size_t{b}));
    ++week;
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  st.counters["per_block"] = time_per_block(n);
}

}  // namespace

int main(int argc, char** argv) {
  for (const auto& isa : wijksim::detail::philox_isas()) {
    if (!isa.supported) continue;
    benchmark::RegisterBenchmark((std::string("BM_philox_blocks/") + isa.name).c_str(), bench_fn, isa.fn)
        ->Arg(16)->Arg(64)->Arg(4096);
  }
  benchmark::RegisterBenchmark((std::string("BM_philox_draw_blocks_dispatched/") + wijksim::philox_wide_isa()).c_str(),
                               bench_fn, wijksim::philox_draw_blocks)
      ->Arg(16)->Arg(64)->Arg(4096);
  benchmark::RegisterBenchmark("BM_philox_x4_loop", BM_philox_x4_loop)->Arg(16)->Arg(64)->Arg(4096);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
