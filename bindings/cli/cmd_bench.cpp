// `wijksim bench`: household-steps per second over repeats (engine's run_bench), peak
// memory and hot bytes per household; a table, or one JSON object with --json.
#include <cstdio>
#include <iostream>

#include <fstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "wijksim/bench.hpp"
#include "wijksim/scenarios/limits.hpp"
#include "wijksim/utc_time.hpp"
#include "wijksim/version.hpp"

namespace wijksim::cli {

namespace {

// The CPU's model name (/proc/cpuinfo's first "model name"; "unknown" elsewhere).
std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) != 0) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) break;
    const size_t first = line.find_first_not_of(' ', colon + 1);
    return first == std::string::npos ? "unknown" : line.substr(first);
  }
  return "unknown";
}


struct BenchArgs {
  std::string scenario;  // "" = embedded default city
  uint64_t households = 0;
  uint32_t weeks = 52;
  int threads = 1;
  int repeats = 3;
  bool json = false;
  std::vector<std::string> sets;
};

int bench(const BenchArgs& args) {
  const scenarios::LoadedScenario loaded = load_input(args.scenario, parse_sets(args.sets), std::cerr);
  const CompiledScenario compiled = scenarios::compile(loaded.spec);
  BenchOptions options;
  options.households = args.households;
  options.weeks = args.weeks;
  options.threads = args.threads;
  options.repeats = args.repeats;
  const BenchResult r = run_bench(compiled, options);
  if (args.json) {
    const nlohmann::json j = {{"scenario", compiled.name},
                              {"households", r.households},
                              {"weeks", r.weeks},
                              {"threads", r.threads},
                              {"repeats", r.steps_per_second.size()},
                              {"steps_per_second", r.steps_per_second},
                              {"min_steps_per_second", r.min_steps_per_second},
                              {"median_steps_per_second", r.median_steps_per_second},
                              {"final_mean_severity", r.final_mean_severity},
                              {"final_share_any_domain_le2", r.final_share_any_domain_le2},
                              {"max_steps_per_second", r.max_steps_per_second},
                              {"init_seconds", r.init_seconds},
                              {"peak_rss_bytes_per_household", r.peak_rss_bytes_per_household},
                              {"hot_bytes_per_household", r.hot_bytes_per_household},
                              {"state_bytes_per_household", r.state_bytes_per_household},
                              {"engine", {{"version", kEngineVersion}, {"git_hash", kGitHash}}},
                              // So that figures can be compared across machines and commits.
                              {"machine", {{"cpu_model", cpu_model()},
                                           {"logical_cpus", std::thread::hardware_concurrency()},
                                           {"vector_isa", r.vector_isa}}},
                              {"date", utc_now()}};
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%s: %llu households, %u weeks, %d thread(s), %zu repeat(s), vector path %s\n", compiled.name.c_str(),
              static_cast<unsigned long long>(r.households), r.weeks, r.threads, r.steps_per_second.size(),
              r.vector_isa);
  std::printf("  machine             %s, %u logical CPUs; git %s\n", cpu_model().c_str(),
              std::thread::hardware_concurrency(), kGitHash);
  std::printf("  household-steps/s   min %.4g   median %.4g   max %.4g\n", r.min_steps_per_second,
              r.median_steps_per_second, r.max_steps_per_second);
  std::printf("  initialise (s)      %.3f\n", r.init_seconds);
  std::printf("  peak memory         %.0f bytes/household (process peak RSS / households)\n",
              r.peak_rss_bytes_per_household);
  std::printf("  hot state           %zu bytes/household (all state %zu)\n", r.hot_bytes_per_household,
              r.state_bytes_per_household);
  std::printf("  after %u weeks      mean severity %.4f, share with a domain <= 2: %.4f\n", r.weeks,
              r.final_mean_severity, r.final_share_any_domain_le2);
  return kExitOk;
}

}  // namespace

Command add_bench_command(CLI::App& app) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* sub = app.add_subcommand(
      "bench",
      "Measure engine speed: household-steps per second (min/median/max over repeats, initialisation not "
      "timed), peak memory and hot state bytes per household. Without SCENARIO, uses the default city.");
  add_scenario_argument(*sub, args->scenario);
  sub->add_option("--households,-n", args->households,
                  "Scale the city to this many households in total: its wijken, and its capacities, queues and programmes by the same ratio (default: the scenario's own)")
      ->check(CLI::Range(uint64_t{1}, scenarios::limits::kMaxHouseholds));
  sub->add_option("--weeks,-w", args->weeks, "Weeks stepped per repeat")->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  add_threads_option(*sub, args->threads, "Worker threads");
  sub->add_option("--repeat,-r", args->repeats, "Repeats (each a fresh population)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_flag("--json", args->json, "Print one JSON object instead of the table");
  add_set_option(*sub, args->sets);
  return {sub, [args] { return bench(*args); }};
}

}  // namespace wijksim::cli
