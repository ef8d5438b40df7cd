// Memory and output estimates before a run or sweep (see resources.hpp).
#include "resources.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli.hpp"
#include "wijksim/experiments/outputs.hpp"
#include "wijksim/output/timeseries.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

namespace wijksim::cli {

namespace fs = std::filesystem;

namespace {

constexpr double kGB = 1e9;

std::string gb(double bytes) {
  char text[48];
  if (bytes < 1e3) std::snprintf(text, sizeof text, "%.0f bytes", bytes);
  else if (bytes < 1e6) std::snprintf(text, sizeof text, "%.1f kB", bytes / 1e3);
  else if (bytes < 1e9) std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  else std::snprintf(text, sizeof text, "%.2f GB", bytes / kGB);
  return text;
}

double physical_memory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 0;
}

// Free space (for an unprivileged writer) of the file system holding `target`, or of its
// nearest existing ancestor; 0 when unknown (then no output check).
double free_space(fs::path target) {
  std::error_code ec;
  target = fs::absolute(target, ec);
  while (!target.empty() && !fs::exists(target, ec)) {
    if (target == target.parent_path()) break;
    target = target.parent_path();
  }
  struct statvfs st {};
  if (::statvfs(target.c_str(), &st) != 0) return 0;
  return static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize);
}

void check(double estimate, const std::string& how, double limit_gb, double default_limit, const char* default_name,
           const char* option, const char* what) {
  const double limit = limit_gb > 0 ? limit_gb * kGB : default_limit;
  if (limit <= 0 || estimate <= limit) return;
  throw UsageError(std::string(what) + " would need about " + gb(estimate) + " (" + how + "), more than the limit of " +
                   gb(limit) + (limit_gb > 0 ? std::string(" (") + option + ")" : std::string(" (") + default_name + ")") +
                   "; make it smaller, or pass " + option + " GB to set the limit");
}

std::string number(double n) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", n);
  return text;
}

}  // namespace

void add_resource_options(CLI::App& sub, ResourceLimits& limits) {
  sub.add_option("--max-memory", limits.max_memory_gb,
                 "Refuse to start when the estimated memory is above this many GB (default: physical memory)")
      ->check(CLI::PositiveNumber);
  sub.add_option("--max-output", limits.max_output_gb,
                 "Refuse to start when the estimated output is above this many GB (default: free space there)")
      ->check(CLI::PositiveNumber);
}

uint64_t state_bytes_per_household(const CompiledScenario& scenario) {
  CompiledScenario probe = scenario;
  for (auto& w : probe.wijken) w.households = 1;
  Simulation sim(probe, RunOptions{});
  sim.initialise();
  return wijksim::state_bytes_per_household(sim.state());
}

void check_run_resources(const CompiledScenario& scenario, bool baseline_run, const fs::path& out_dir,
                         const ResourceLimits& limits) {
  const double households = static_cast<double>(scenario.total_households());
  const double per = static_cast<double>(state_bytes_per_household(scenario));
  const double copies = baseline_run ? 2 : 1;
  check(households * per * copies,
        number(households) + " households x " + number(per) + " bytes" + (baseline_run ? " x 2 (with the baseline run)" : ""),
        limits.max_memory_gb, physical_memory(), "physical memory", "--max-memory", "this run's memory");
  // A cell holds at most ~digits(households) characters plus the comma.
  const double cell = std::floor(std::log10(std::max(households, 1.0))) + 2;
  const double columns = static_cast<double>(output::timeseries_columns(scenario).size());
  const double weeks = static_cast<double>(scenario.weeks) + 1;
  const double rows = weeks * static_cast<double>(scenario.wijken.size() + 1);
  const double providers = static_cast<double>(scenario.network.providers.size());
  const double bytes = rows * columns * cell + weeks * providers * 16 * cell;
  check(bytes,
        number(rows) + " timeseries.csv rows x " + number(columns) + " columns" +
            (providers > 0 ? " and " + number(weeks * providers) + " providers.csv rows" : ""),
        limits.max_output_gb, free_space(out_dir), "free space there", "--max-output", "this run's output");
}

void check_sweep_resources(const scenarios::LoadedExperiment& e, int threads, const std::string& store,
                           const ResourceLimits& limits) {
  if (e.scenarios.empty()) return;
  const double runs = static_cast<double>(e.scenarios.size()) * e.record.replications /
                      std::max<uint32_t>(e.record.shard.count, 1);
  const CompiledScenario* largest = &e.scenarios.front();
  double weeks = 0, areas = 1;
  for (const auto& s : e.scenarios) {
    if (s.total_households() > largest->total_households()) largest = &s;
    weeks = std::max(weeks, static_cast<double>(s.weeks));
    if (e.outputs.by_wijk) areas = std::max(areas, static_cast<double>(s.wijken.size() + 1));
  }
  const double concurrent = std::min(static_cast<double>(std::max(threads, 1)), runs);
  const double households = static_cast<double>(largest->total_households());
  const double per = static_cast<double>(state_bytes_per_household(*largest));
  check(concurrent * households * per,
        number(concurrent) + " simulations at once x " + number(households) + " households x " + number(per) + " bytes",
        limits.max_memory_gb, physical_memory(), "physical memory", "--max-memory", "this sweep's memory");
  const double metrics = static_cast<double>(
      e.outputs.metrics.empty() ? experiments::default_metrics(*largest).size() : e.outputs.metrics.size());
  const double recorded_weeks = std::floor(weeks / std::max<uint32_t>(e.outputs.every_weeks, 1)) + 2;
  const double rows = runs * recorded_weeks * metrics * areas;
  check(rows * 48,
        number(runs) + " runs x " + number(recorded_weeks) + " weeks x " + number(metrics) + " metrics x " +
            number(areas) + " areas, ~48 bytes a row",
        limits.max_output_gb, free_space(fs::path(store).parent_path().empty() ? "." : fs::path(store).parent_path()),
        "free space there", "--max-output", "this sweep's results store");
}

}  // namespace wijksim::cli
