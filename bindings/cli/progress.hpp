#pragma once
// A one-line progress bar on stderr: weeks done/total, household-steps/s and ETA. Shown
// only when stderr is a terminal and the run has lasted more than a second, so logs, pipes
// and short runs stay silent.
#include <chrono>
#include <cstdint>

namespace wijksim::cli {

class ProgressBar {
 public:
  ProgressBar(uint32_t total_weeks, uint64_t households);
  ~ProgressBar();  // clears the line if one was drawn
  void update(uint32_t weeks_done);

 private:
  using Clock = std::chrono::steady_clock;
  uint32_t total_;
  uint64_t households_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace wijksim::cli
