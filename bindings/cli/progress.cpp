// Progress bar on stderr (see progress.hpp for when it shows).
#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace wijksim::cli {

ProgressBar::ProgressBar(uint32_t total_weeks, uint64_t households)
    : total_(total_weeks), households_(households), enabled_(::isatty(STDERR_FILENO) == 1),
      start_(Clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::update(uint32_t weeks_done) {
  if (!enabled_ || total_ == 0) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  // Redraw at most 10 times a second: drawing costs a syscall and terminals are slow.
  if (elapsed < 1.0 || (drawn_ && now - last_draw_ < std::chrono::milliseconds(100))) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double done = static_cast<double>(weeks_done) / total_;
  const int filled = static_cast<int>(done * kWidth);
  const std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
  const double rate = static_cast<double>(households_) * weeks_done / elapsed;
  const double eta = weeks_done > 0 ? elapsed * (total_ - weeks_done) / weeks_done : 0;
  std::fprintf(stderr, "\r\033[Kweek %u/%u [%s] %.3g household-steps/s  ETA %.0fs", weeks_done, total_,
               bar.c_str(), rate, eta);
  std::fflush(stderr);
}

}  // namespace wijksim::cli
