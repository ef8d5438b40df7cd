#pragma once
// timeseries.csv: one row per week (0 = initial state) and wijk, plus an `all` row for
// the whole city. Every cell is an integer, a name or the exact euro text of integer cents
// (money.hpp), so the file is byte-identical for any thread count (WeekMetrics holds
// integers only; no floating-point formatting here).
//
// Columns (documented in README.md, "Output files"):
//   week, wijk, households,
//   <domain>_s1 .. <domain>_s5   for every domain, in scenario order,
//   multi_problem, total_debt_eur (whole euros), households_in_debt,
//   events_<name>                for every life event, in scenario order,
//   with a provider network: not_in_care, waiting, in_service, in_transit, cost_<financier>_eur
//   (city-wide: empty in the wijk rows), help_requests (per wijk and city).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/output/streamed_file.hpp"
#include "wijksim/metrics.hpp"

namespace wijksim::output {

// Column names in file order (the header line, split).
std::vector<std::string> timeseries_columns(const CompiledScenario& scenario);
// The header line, ending in '\n'.
std::string timeseries_header(const CompiledScenario& scenario);
// Appends one line per wijk and the `all` line for `metrics.week`. Throws
// std::invalid_argument when the metrics do not match the scenario's shape (a wrong
// number of wijken, domains or events), so a mismatch cannot shift columns silently.
void append_timeseries_rows(std::string& out, const CompiledScenario& scenario,
                            const WeekMetrics& metrics);

// Streams rows to a file as the run goes, so a long run never holds its whole history.
class TimeseriesWriter {
 public:
  TimeseriesWriter(const std::filesystem::path& path, const CompiledScenario& scenario);
  void write_week(const WeekMetrics& metrics);
  // Flushes and closes; throws std::runtime_error naming the file if any write failed.
  void close();

 private:
  const CompiledScenario& scenario_;
  StreamedFile file_;
};

}  // namespace wijksim::output
