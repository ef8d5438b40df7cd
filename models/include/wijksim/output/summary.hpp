#pragma once
// summary.json: provenance of one run (what was run, with which engine, how fast) and the
// aggregates of the whole city at the start and at the end. Unlike timeseries.csv it holds
// wall time and a timestamp, so it differs between runs; compare timeseries.csv instead.
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/metrics.hpp"

namespace wijksim::output {

struct RunInfo {
  std::string scenario_name;
  std::string scenario_sha256;   // of the resolved scenario YAML text (scenario.resolved.yaml)
  uint64_t seed = 0;
  uint32_t replication = 0;
  int threads = 1;
  uint32_t weeks = 0;            // steps simulated
  uint64_t households = 0;
  double wall_seconds = 0;       // initialise + all steps, excluding file writing
  std::string started_at;        // ISO 8601 UTC, e.g. 2024-05-01T12:00:00Z
};

// Lower-case hex SHA-256 (OpenSSL EVP) of `text`.
std::string sha256_hex(std::string_view text);
// ISO 8601 UTC text of a time point, second resolution.
std::string iso8601_utc(std::time_t t);
// household-steps per second; 0 when no time was measured.
double household_steps_per_second(uint64_t households, uint32_t weeks, double wall_seconds);

// The city-wide (`all`) aggregates of one week: severity counts and shares per domain,
// multi-problem households, debt and events, keyed by the scenario's names.
nlohmann::json area_aggregates(const CompiledScenario& scenario, const AreaMetrics& area);

// The whole summary document; `initial` is week 0, `final` the last week simulated.
nlohmann::json summary_json(const CompiledScenario& scenario, const RunInfo& info,
                            const WeekMetrics& initial, const WeekMetrics& final);

}  // namespace wijksim::output
