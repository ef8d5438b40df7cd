// `wijksim sweep EXPERIMENT [--out RESULTS] [--threads N] [--resume]`: every (variant,
// sweep point, replication) run into a SQLite results store, in parallel, resumable.
#include <filesystem>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "experiment_commands.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/scenarios/experiment.hpp"

namespace wijksim::cli {

int run_store_command(const std::function<int()>& body) {
  try {
    return body();
  } catch (const experiments::StoreError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
    return kExitBadInput;
  }
}

namespace {
struct SweepArgs {
  std::string experiment;
  std::string out;
  int threads = 1;
  bool resume = false;
  bool quiet = false;
};

int sweep(const SweepArgs& a) {
  const scenarios::LoadedExperiment e = scenarios::load_experiment_file(a.experiment);
  for (const auto& w : e.warnings) std::cerr << w.to_string() << "\n";
  const std::string out = a.out.empty() ? std::filesystem::path(a.experiment).stem().string() + ".sqlite" : a.out;
  experiments::ResultStore store(out, a.resume ? experiments::OpenMode::resume : experiments::OpenMode::create, &e.record);
  const uint64_t total = store.count_runs(false), done = store.count_runs(true);
  if (a.resume && done > 0) std::cerr << "wijksim: resuming " << out << ": " << done << " of " << total << " runs done\n";
  const bool show = !a.quiet && isatty(STDERR_FILENO);
  std::unique_ptr<experiments::Progress> progress;
  if (show) progress = std::make_unique<experiments::Progress>(total, done, &std::cerr);
  experiments::SweepPlan plan{e.scenarios, e.n_points, e.outputs};
  const size_t ran = experiments::run_sweep(plan, store, a.threads, progress.get());
  if (progress) progress->finish();
  std::cerr << "wijksim: " << ran << " run(s) done, " << total << " in " << out << "\n";
  return kExitOk;
}
}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* sub = app.add_subcommand(
      "sweep", "Run an experiment (variants x sweep points x replications, common random numbers) into a "
               "SQLite results store. One transaction per finished run: a killed sweep continues with --resume.");
  sub->add_option("experiment", a->experiment, "Experiment YAML file")->required();
  sub->add_option("--out,-o", a->out, "Results file (default: EXPERIMENT's name with .sqlite, here)");
  sub->add_option("--threads,-t", a->threads, "Threads for all runs together (>= 1)")->check(CLI::PositiveNumber);
  sub->add_flag("--resume", a->resume, "Continue an interrupted sweep: skip finished runs, rerun unfinished ones");
  sub->add_flag("--quiet,-q", a->quiet, "No progress line");
  return {sub, [a] { return run_store_command([a] { return sweep(*a); }); }};
}

}  // namespace wijksim::cli
