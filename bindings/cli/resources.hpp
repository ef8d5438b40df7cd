#pragma once
// Before a run or sweep starts: its memory and output size, estimated from the scenario's
// shape, against a limit (issue 11, defect 5). Over a limit is bad input (UsageError, exit 2)
// with the estimate, how it was made and the limit in the message; `--max-memory GB` and
// `--max-output GB` set the limits (default: the machine's physical memory, and the free
// space of the file system the output goes to).
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/scenarios/experiment.hpp"

namespace wijksim::cli {

struct ResourceLimits {
  double max_memory_gb = 0;  // 0 = physical memory
  double max_output_gb = 0;  // 0 = free space where the output goes
};
void add_resource_options(CLI::App& sub, ResourceLimits& limits);

// Bytes of simulation state per household (every registered array), measured on a probe of
// the same scenario shrunk to one household per wijk.
uint64_t state_bytes_per_household(const CompiledScenario& scenario);

// `run`: households x state bytes (twice when the costs' baseline run is made), and
// timeseries.csv + providers.csv rows x an estimated row length.
void check_run_resources(const CompiledScenario& scenario, bool baseline_run, const std::filesystem::path& out_dir,
                         const ResourceLimits& limits);
// `sweep`: min(threads, runs) concurrent simulations of the largest scenario, and the
// store's time-series rows (runs x recorded weeks x metrics x areas) at ~48 bytes each.
void check_sweep_resources(const scenarios::LoadedExperiment& experiment, int threads, const std::string& store,
                           const ResourceLimits& limits);

}  // namespace wijksim::cli
