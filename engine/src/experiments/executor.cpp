#include "wijksim/experiments/executor.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace wijksim::experiments {

Progress::Progress(uint64_t total, uint64_t already_done, std::ostream* out)
    : total_(total), done_(already_done), out_(out), start_(std::chrono::steady_clock::now()), last_draw_(start_) {
  std::lock_guard lock(mutex_);
  draw_locked(true);
}

void Progress::run_finished() {
  std::lock_guard lock(mutex_);
  ++done_;
  ++done_here_;
  draw_locked(false);
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  draw_locked(true);
  if (out_) *out_ << '\n' << std::flush;
}

std::string Progress::line() const {
  const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() / 60.0;
  const double rate = minutes > 0 ? static_cast<double>(done_here_) / minutes : 0.0;
  const int width = 30;
  const auto filled = total_ ? static_cast<int>(width * done_ / total_) : width;
  char buf[160];
  std::string eta = "--:--:--";
  if (rate > 0 && done_ <= total_) {
    const auto s = static_cast<long>(static_cast<double>(total_ - done_) / rate * 60.0);
    std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    eta = buf;
  }
  std::snprintf(buf, sizeof buf, "[%s%s] %llu/%llu runs  %.1f runs/min  ETA %s",
                std::string(static_cast<size_t>(filled), '#').c_str(),
                std::string(static_cast<size_t>(width - filled), ' ').c_str(),
                static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_), rate, eta.c_str());
  return buf;
}

void Progress::draw_locked(bool force) {
  if (!out_) return;
  const auto now = std::chrono::steady_clock::now();
  // Redraw at most 5 times a second: a 10,000-run sweep must not spend its time printing.
  if (!force && now - last_draw_ < std::chrono::milliseconds(200) && done_ != total_) return;
  last_draw_ = now;
  *out_ << '\r' << line() << std::flush;
}

int threads_per_run(int threads, size_t runs) {
  if (runs == 0 || static_cast<size_t>(threads) <= runs) return 1;
  return std::max(1, threads / static_cast<int>(runs));
}

void execute_runs(ResultStore& store, const std::vector<RunKey>& runs, const RunFunction& run, int threads,
                  Progress* progress) {
  threads = std::max(1, threads);
  const int inner = threads_per_run(threads, runs.size());
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, runs.size(), 1), [&](const tbb::blocked_range<size_t>& r) {
      for (size_t i = r.begin(); i != r.end(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        RunOutput out = run(runs[i], inner);
        out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        store.record_run(runs[i], out);
        if (progress) progress->run_finished();
      }
    });
  });
}

}  // namespace wijksim::experiments
