#pragma once
// Money at the output edge: the one place where the engine's integer euro cents become the
// euros every result file shows (summary.json numbers, the `_eur` columns of
// timeseries.csv and providers.csv, the `wijksim run` tables).
//
// The engine keeps int64 cents so that every sum is exact and independent of thread count
// (costs.hpp); only what is written is converted. CSV cells are exact decimal text
// ("-1234.05", always two decimals), so the files stay byte-identical and parsing a cell
// gives the same double as euros(cents). Rejected: printf("%.2f", cents / 100.0), which
// goes through a binary fraction and could print a different last digit on another libc.
#include <cstdint>
#include <string>

namespace wijksim::output {

inline double euros(int64_t cents) { return static_cast<double>(cents) / 100.0; }
// Discounted amounts are accumulated in (fractional) cents.
inline double euros(double cents) { return cents / 100.0; }

// Exact decimal text of `cents` in euros with two decimals: 123456 -> "1234.56", -5 -> "-0.05".
inline std::string euros_text(int64_t cents) {
  const bool negative = cents < 0;
  // Unsigned magnitude: -INT64_MIN does not fit in int64.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  const uint64_t fraction = magnitude % 100;
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / 100);
  text += '.';
  text += static_cast<char>('0' + fraction / 10);
  text += static_cast<char>('0' + fraction % 10);
  return text;
}

}  // namespace wijksim::output
