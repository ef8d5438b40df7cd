// `wijksim sweep EXPERIMENT [--out RESULTS] [--threads N] [--resume] [--shard K/N]`: every
// (variant, sweep point, replication) run into a SQLite results store, in parallel,
// resumable; with --shard only the runs with run_id % N == K (`wijksim merge` joins shards).
#include <filesystem>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "experiment_commands.hpp"
#include "sweep_command.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/scenarios/experiment.hpp"

namespace wijksim::cli {

namespace {
// A full disk or an I/O error under the store is an I/O failure (exit 1, README's exit
// table); every other store problem (damaged, another experiment, in use) is bad input.
// The texts are sqlite3_errstr(SQLITE_FULL) and sqlite3_errstr(SQLITE_IOERR).
bool is_io_failure(const experiments::StoreError& e) {
  const std::string what = e.what();
  for (const char* io : {"database or disk is full", "disk I/O error"})
    if (what.find(io) != std::string::npos) return true;
  return false;
}
// The message without the SQL statement SQLite was running (" (in: COMMIT)"): it names the
// store and SQLite's reason, which is what a user can act on.
std::string store_message(const experiments::StoreError& e) {
  std::string what = e.what();
  if (const size_t sql = what.find(" (in: "); sql != std::string::npos && what.back() == ')') what.erase(sql);
  return what;
}
}  // namespace

int run_store_command(const std::function<int()>& body) {
  try {
    return body();
  } catch (const experiments::StoreError& e) {
    std::cerr << "wijksim: " << store_message(e) << "\n";
    return is_io_failure(e) ? kExitInternal : kExitBadInput;
  } catch (const std::filesystem::filesystem_error& e) {  // a results path that cannot be (e.g. under a file)
    std::cerr << "wijksim: " << e.path1().string() << ": " << e.code().message() << "\n";
    return kExitBadInput;
  }
}

std::string default_out(const std::string& experiment, const experiments::Shard& shard) {
  const std::string stem = std::filesystem::path(experiment).stem().string();
  return shard.count == 1 ? stem + ".sqlite"
                          : stem + ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) + ".sqlite";
}

int sweep_store(const SweepArgs& a, const experiments::Shard& shard, const std::string& out, bool quiet) {
  scenarios::LoadedExperiment e = scenarios::load_experiment_file(a.experiment);
  for (const auto& w : e.warnings) std::cerr << w.to_string() << "\n";
  e.record.shard = shard;
  check_sweep_resources(e, a.threads, out, a.limits);  // before the store is created (exit 2 above a limit)
  experiments::ResultStore store(out, a.resume ? experiments::OpenMode::resume : experiments::OpenMode::create, &e.record);
  const uint64_t done = store.count_runs(true);
  if (a.resume && done > 0)
    std::cerr << "wijksim: resuming " << out << ": " << done << " of " << store.count_runs(false) << " runs done\n";
  store.extend_replications(a.extend_to);
  const bool show = !quiet && isatty(STDERR_FILENO);
  experiments::SweepPlan plan{e.scenarios, e.n_points, e.outputs};
  experiments::ExperimentResult result;
  try {
    result = experiments::run_experiment(plan, store, e.record, a.threads, show, &std::cerr);
  } catch (const experiments::StoreError& e) {
    if (!is_io_failure(e)) throw;
    std::cerr << "wijksim: " << store_message(e) << "\nwijksim: " << out
              << " keeps the runs recorded before the failure; the others are marked pending. Free space "
                 "and continue with: wijksim sweep "
              << a.experiment << " --resume --out " << out << "\n";
    return kExitInternal;
  }
  if (result.rule_left_to_merge && !a.mpi)
    std::cerr << "wijksim: shard " << shard.to_string() << " ran its share of the first "
              << store.experiment().replications
              << " replications; the stopping rule is judged on all of them: merge the shards "
                 "(wijksim merge MERGED SHARD...) and continue with wijksim sweep "
              << a.experiment << " --resume --out MERGED\n";
  std::cerr << "wijksim: " << result.ran << " run(s) done, " << store.count_runs(false) << " in " << out << "\n";
  return kExitOk;
}

namespace {
int sweep(const SweepArgs& a) {
  if (a.mpi) return sweep_mpi(a);
  const experiments::Shard shard = a.shard.empty() ? experiments::Shard{} : experiments::parse_shard(a.shard);
  return sweep_store(a, shard, a.out.empty() ? default_out(a.experiment, shard) : a.out, a.quiet);
}
}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* sub = app.add_subcommand(
      "sweep", "Run an experiment (variants x sweep points x replications, common random numbers) into a "
               "SQLite results store. One transaction per finished run: a killed sweep continues with --resume. "
               "Under a stopping rule (replications: {min, max, batch, until}) batches are added until every "
               "named paired 95% CI is narrow enough or max is reached.");
  sub->add_option("experiment", a->experiment, "Experiment YAML file")->required();
  sub->add_option("--out,-o", a->out, "Results file (default: EXPERIMENT's name with .sqlite, here)");
  add_threads_option(*sub, a->threads, "Threads for all runs together");
  add_resource_options(*sub, a->limits);
  sub->add_flag("--resume", a->resume,
                "Continue an interrupted sweep: skip finished runs, rerun unfinished ones; a raised replication "
                "count or max, or a new stopping criterion, adds only the replications that are new (any other "
                "change to the experiment file is refused)");
  sub->add_flag("--quiet,-q", a->quiet, "No progress line");
  sub->add_option("--shard", a->shard,
                  "K/N: run only the runs with run_id % N == K into a store of their own (default name "
                  "EXPERIMENT.shard-K-of-N.sqlite); a Slurm array passes $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT. "
                  "Join the shards with `wijksim merge`");
  sub->add_flag("--mpi", a->mpi,
                "Under `mpirun -n R`: rank r runs shard r/R into OUT.rank-r-of-R, rank 0 merges them into OUT "
                "(needs a build with WIJKSIM_MPI)")
      ->excludes("--shard");
  return {sub, [a] { return run_store_command([a] { return sweep(*a); }); }};
}

}  // namespace wijksim::cli
