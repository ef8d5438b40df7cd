// `wijksim run`: load, simulate, write timeseries.csv, summary.json and
// scenario.resolved.yaml atomically, print a summary table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>

#include "cli.hpp"
#include "progress.hpp"
#include "resources.hpp"
#include "run_report.hpp"
#include "wijksim/models/costs/summary.hpp"
#include "wijksim/output/providers_csv.hpp"
#include "wijksim/output/run_directory.hpp"
#include "wijksim/output/summary.hpp"
#include "wijksim/output/timeseries.hpp"
#include "wijksim/simulation.hpp"

namespace wijksim::cli {

namespace {

struct RunArgs {
  std::string scenario;  // "" = embedded default city
  std::string out;
  std::string seed;      // validated text; applied as an override so the resolved YAML has it
  uint32_t weeks = 0;    // 0 = as in the scenario
  int threads = 1;
  std::vector<std::string> sets;
  bool force = false;
  bool no_baseline = false;  // skip the costs comparison's in-process baseline run
  ResourceLimits limits;     // --max-memory, --max-output
};

int finances_domain(const CompiledScenario& scenario) {
  if (scenario.debt.finances_domain >= 0) return scenario.debt.finances_domain;
  for (size_t d = 0; d < scenario.domain_names.size(); ++d)
    if (scenario.domain_names[d] == "finances") return static_cast<int>(d);
  return -1;
}

std::string finances_share(const CompiledScenario& scenario, const AreaMetrics& area) {
  const int d = finances_domain(scenario);
  if (d < 0 || area.households == 0) return "n/a";
  const uint64_t problem = area.severity_count[d * kSeverityLevels] + area.severity_count[d * kSeverityLevels + 1];
  char text[32];
  std::snprintf(text, sizeof text, "%.2f%%", 100.0 * static_cast<double>(problem) / area.households);
  return text;
}

void print_summary(const CompiledScenario& scenario, const output::RunInfo& info, const WeekMetrics& initial,
                   const WeekMetrics& final, const nlohmann::json& summary, const std::string& dir) {
  auto row = [](const char* label, const std::string& start, const std::string& end) {
    std::printf("  %-32s %16s %16s\n", label, start.c_str(), end.c_str());
  };
  std::printf("\n%s: %llu households, %u weeks, seed %llu, %d thread(s)\n", info.scenario_name.c_str(),
              static_cast<unsigned long long>(info.households), info.weeks,
              static_cast<unsigned long long>(info.seed), info.threads);
  row("", "start (week 0)", "end (week " + std::to_string(final.week) + ")");
  row("multi-problem households", std::to_string(initial.all.multi_problem), std::to_string(final.all.multi_problem));
  row("share with finances <= 2", finances_share(scenario, initial.all), finances_share(scenario, final.all));
  row("total debt (EUR)", std::to_string(initial.all.total_debt), std::to_string(final.all.total_debt));
  row("households in debt", std::to_string(initial.all.households_in_debt),
      std::to_string(final.all.households_in_debt));
  std::printf("  %-32s %16.3f\n", "wall time (s)", info.wall_seconds);
  std::printf("  %-32s %16.4g\n", "household-steps/s",
              output::household_steps_per_second(info.households, info.weeks, info.wall_seconds));
  // With interventions: what they did against the same-seed baseline, from summary.json.
  std::fputs(intervention_report(summary).c_str(), stdout);
  // List what is really there: providers.csv, for one, exists only with a provider network.
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  std::string listing;
  for (const auto& name : files) listing += (listing.empty() ? "" : ", ") + name;
  std::printf("\nresults in %s/ (%s)\n", dir.c_str(), listing.c_str());
  std::fflush(stdout);
}

int run(const RunArgs& args) {
  // 1. All input checks, before anything is created on disk.
  std::vector<scenarios::Override> overrides = parse_sets(args.sets);
  if (!args.seed.empty()) overrides.push_back({"seed", args.seed});
  if (args.weeks > 0) overrides.push_back({"weeks", std::to_string(args.weeks)});
  const scenarios::LoadedScenario loaded = load_input(args.scenario, overrides, std::cerr);
  const CompiledScenario compiled = scenarios::compile(loaded.spec);
  const std::string resolved_yaml = scenarios::emit_resolved_yaml(loaded.spec);
  const std::time_t started = std::time(nullptr);
  const std::filesystem::path dir =
      args.out.empty() ? output::default_run_directory(compiled.name, started) : std::filesystem::path(args.out);
  // An --out that cannot exist (under a file, no permission) is bad input, not an internal error.
  const auto bad_out = [&](const std::filesystem::filesystem_error& e) {
    return UsageError("--out " + dir.string() + ": cannot create the output directory (" + e.code().message() + ")");
  };
  try {
    if (!args.out.empty()) output::check_output_directory(dir, args.force);  // the default one is numbered
  } catch (const std::filesystem::filesystem_error& e) {
    throw bad_out(e);
  }

  // Memory and output size estimated against their limits (exit 2 above one).
  check_run_resources(compiled, !args.no_baseline && !compiled.interventions.empty(), dir, args.limits);

  // 2. Simulate into a temporary directory; a signal stops the loop between weeks and the
  //    RunDirectory destructor removes the unfinished files.
  install_interrupt_handlers();
  std::optional<output::RunDirectory> out_holder;
  try {
    out_holder.emplace(dir, args.force, /*numbered=*/args.out.empty());
  } catch (const std::filesystem::filesystem_error& e) {
    throw bad_out(e);
  }
  output::RunDirectory& out = *out_holder;
  output::write_text_file(out.file("scenario.resolved.yaml"), resolved_yaml);
  output::TimeseriesWriter timeseries(out.file("timeseries.csv"), compiled);
  std::optional<output::ProvidersCsvWriter> providers_csv;  // only with a provider network
  if (compiled.network.enabled()) providers_csv.emplace(out.file("providers.csv"), compiled);

  RunOptions options;
  options.threads = args.threads;
  Simulation sim(compiled, options);
  ProgressBar progress(compiled.weeks, compiled.total_households());
  const auto t0 = std::chrono::steady_clock::now();
  sim.initialise();
  const WeekMetrics initial = sim.metrics();
  timeseries.write_week(initial);
  while (sim.week() < compiled.weeks) {
    throw_if_interrupted();
    sim.step();
    timeseries.write_week(sim.metrics());
    if (providers_csv) providers_csv->write_week(sim.week(), sim.providers());
    progress.update(sim.week());
  }
  throw_if_interrupted();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  output::RunInfo info;
  info.scenario_name = compiled.name;
  info.scenario_sha256 = output::sha256_hex(resolved_yaml);
  info.seed = sim.seed();
  info.replication = sim.replication();
  info.threads = args.threads;
  info.weeks = sim.week();
  info.households = compiled.total_households();
  info.wall_seconds = wall;
  info.started_at = output::iso8601_utc(started);
  timeseries.close();
  auto summary = output::summary_json(compiled, info, initial, sim.metrics());
  if (providers_csv) {
    providers_csv->close();
    summary["providers"] = output::providers_summary_json(compiled, sim.providers());
  }
  summary["costs"] = models::cost_summary_json(sim, options, !args.no_baseline);  // per financier, vs baseline
  output::write_text_file(out.file("summary.json"), summary.dump(2) + "\n");
  out.commit();
  print_summary(compiled, info, initial, sim.metrics(), summary, out.final_path().string());
  return kExitOk;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* sub = app.add_subcommand(
      "run",
      "Simulate a scenario and write timeseries.csv, summary.json and scenario.resolved.yaml to an "
      "output directory (complete or not at all). Without SCENARIO, runs the embedded default city.");
  add_scenario_argument(*sub, args->scenario);
  sub->add_option("--out,-o", args->out, "Output directory (default: results/<scenario-name>-<YYYYmmdd-HHMMSS>, then -2, -3, ... if that one is taken)");
  sub->add_option("--seed", args->seed, "Random seed, overrides the scenario's `seed`; written to the resolved YAML")
      ->check(seed_validator());
  add_threads_option(*sub, args->threads, "Worker threads (results do not depend on it)");
  sub->add_option("--weeks,-w", args->weeks, "Weeks to simulate, overrides the scenario's `weeks`")
      ->check(CLI::Range(1u, 100000u));
  add_set_option(*sub, args->sets);
  sub->add_flag("--force", args->force, "Replace the output directory if it exists (after the run succeeded)");
  add_resource_options(*sub, args->limits);
  sub->add_flag("--no-baseline", args->no_baseline,
                "With interventions: skip the baseline run behind summary.json's costs.vs_baseline (halves the "
                "run time; vs_baseline is then null)");
  return {sub, [args] { return run(*args); }};
}

}  // namespace wijksim::cli
