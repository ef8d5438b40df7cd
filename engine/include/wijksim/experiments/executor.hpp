#pragma once
// Runs a list of experiment runs in parallel and records each one in the results store
// the moment it finishes (one transaction per run). What a run computes is a callback,
// so the same executor drives simulations (sweep.hpp) and the store's own tests.
//
// Scheduling: one oneTBB arena of `threads` slots; runs are the unit of parallelism
// (parallel_for with grain 1), and each run gets threads_per_run() threads of its own,
// so runs x households never ask for more threads than the arena has. A run's output
// depends only on its RunKey, so any schedule gives the same rows.
#include <chrono>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <vector>

#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

// A progress line on stderr: runs done/total, runs per minute (this session), ETA.
class Progress {
 public:
  // `already_done` counts runs finished before a resume; `out` null = silent.
  Progress(uint64_t total, uint64_t already_done, std::ostream* out);
  void run_finished();
  void finish();            // final line and newline
  std::string line() const; // the current line (tests)
 private:
  void draw_locked(bool force);
  uint64_t total_, done_, done_here_ = 0;
  std::ostream* out_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  mutable std::mutex mutex_;
};

using RunFunction = std::function<RunOutput(const RunKey& key, int threads)>;

// Threads each run may use: all of them when fewer runs than threads remain, else 1.
int threads_per_run(int threads, size_t runs);

// Executes `runs` (typically store.runs(true)), writing each to `store`. Exceptions from a
// run stop the sweep and propagate; runs finished before stay recorded.
void execute_runs(ResultStore& store, const std::vector<RunKey>& runs, const RunFunction& run, int threads,
                  Progress* progress = nullptr);

}  // namespace wijksim::experiments
