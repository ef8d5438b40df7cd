#pragma once
// Fixed-size household chunks run on a private oneTBB arena.
//
// Determinism: chunk boundaries depend only on the household count (never on the thread
// count), chunks are multiples of 4 households (one Philox call serves a block of 4), and
// every chunk writes its own slice of the state plus its own integer delta buffer. So the
// result is the same for 1 or 64 threads; only the wall time changes.
// A simple_partitioner with grain 1 hands out one chunk per task: no chunk is ever split.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

namespace wijksim {

inline constexpr uint64_t kChunkHouseholds = 16384;  // multiple of 4; ~0.5 MB of hot state
static_assert(kChunkHouseholds % 4 == 0, "chunks must hold whole Philox blocks of 4 households");

class ChunkRunner {
 public:
  explicit ChunkRunner(int threads) : arena_(std::max(1, threads)) {}

  static size_t chunk_count(uint64_t n_households) {
    return static_cast<size_t>((n_households + kChunkHouseholds - 1) / kChunkHouseholds);
  }

  // Runs f() inside this runner's arena, so nested TBB loops (the provider network's
  // per-provider loop) use at most the run's thread count.
  template <class F>
  void execute(F&& f) {
    arena_.execute(f);
  }

  // Calls f(begin, end) on consecutive pieces of [0, n) of `grain` items (the last may be
  // shorter), in parallel: for work whose result does not depend on how it is split.
  template <class F>
  void run_range(uint64_t n, uint64_t grain, F&& f) {
    if (n == 0) return;
    const uint64_t pieces = (n + grain - 1) / grain;
    arena_.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<uint64_t>(0, pieces, 1),
          [&](const tbb::blocked_range<uint64_t>& r) {
            for (uint64_t c = r.begin(); c != r.end(); ++c) f(c * grain, std::min(n, (c + 1) * grain));
          },
          tbb::simple_partitioner());
    });
  }

  // Calls f(chunk_index, first_household, end_household) once per chunk.
  template <class F>
  void run(uint64_t n_households, F&& f) {
    const size_t n_chunks = chunk_count(n_households);
    arena_.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, n_chunks, 1),
          [&](const tbb::blocked_range<size_t>& r) {
            for (size_t c = r.begin(); c != r.end(); ++c) {
              const uint64_t begin = c * kChunkHouseholds;
              f(c, begin, std::min<uint64_t>(begin + kChunkHouseholds, n_households));
            }
          },
          tbb::simple_partitioner());
    });
  }

 private:
  tbb::task_arena arena_;
};

}  // namespace wijksim
