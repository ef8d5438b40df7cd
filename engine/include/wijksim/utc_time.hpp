#pragma once
// Times as written into results (summary.json's started_at, the store's created, bench's
// date, the brief's date): UTC, so a result reads the same wherever it is opened; gmtime_r,
// so the threads of `wijksim serve` may call it at once.
#include <ctime>
#include <string>

namespace wijksim {

// `t` formatted with strftime's `format` in UTC (default ISO 8601 to the second).
inline std::string utc_text(std::time_t t, const char* format = "%Y-%m-%dT%H:%M:%SZ") {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  return std::strftime(buf, sizeof buf, format, &tm) ? std::string(buf) : std::string();
}

inline std::string utc_now(const char* format = "%Y-%m-%dT%H:%M:%SZ") { return utc_text(std::time(nullptr), format); }

}  // namespace wijksim
