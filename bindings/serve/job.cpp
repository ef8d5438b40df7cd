// The background experiment (job.hpp): the same sequence as `wijksim sweep`
// (bindings/cli/cmd_sweep.cpp sweep_store): load, check resources, create the store,
// run_experiment.
#include "serve/job.hpp"

#include <sstream>

#include "serve/run_folder.hpp"
#include "wijksim/experiments/store.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/scenarios/load.hpp"

namespace wijksim::serve {
namespace fs = std::filesystem;

Job::Job(fs::path results, int threads, ResourceCheck check)
    : results_(std::move(results)), threads_(threads), check_(std::move(check)) {}

Job::~Job() {
  if (thread_.joinable()) thread_.join();
}

std::string Job::start(const ScenarioEntry& entry, const RunRequest& request) {
  std::lock_guard lock(mutex_);
  if (last_ && last_->running)
    throw BusyError("a run is going (" + last_->id + "); this server runs one experiment at a time: wait until it "
                    "ends, then start the next");
  if (thread_.joinable()) thread_.join();  // the last run has ended; its thread is about to return
  const fs::path folder = create_run(results_, entry, request);
  const std::string id = folder.filename().string();
  auto refuse = [&](const std::string& message) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    return FormError(message);
  };
  scenarios::LoadedExperiment experiment;
  try {
    experiment = scenarios::load_experiment_file((folder / kExperimentFile).string());
  } catch (const scenarios::ScenarioError& e) {
    std::string message = "the experiment does not load:";
    for (const auto& issue : e.issues()) message += "\n" + issue.to_string();
    throw refuse(message);
  }
  const std::string store_path = (folder / kStoreFile).string();
  try {
    if (check_) check_(experiment, threads_, store_path);
    store_ = std::make_shared<experiments::ResultStore>(store_path, experiments::OpenMode::create, &experiment.record);
  } catch (const std::exception& e) {
    throw refuse(e.what());
  }
  last_ = JobStatus{id, 0, store_->count_runs(false), true, "running", ""};
  thread_ = std::thread(&Job::run, this, std::move(experiment), folder);
  return id;
}

void Job::run(scenarios::LoadedExperiment e, fs::path folder) {
  std::string status = "done", message;
  std::ostringstream log;
  try {
    experiments::SweepPlan plan{e.scenarios, e.n_points, e.outputs};
    const auto result = experiments::run_experiment(plan, *store_, e.record, threads_, false, &log);
    message = std::to_string(result.ran) + " run(s) done";
  } catch (const std::exception& error) {
    status = "failed";
    message = error.what();
  }
  std::lock_guard lock(mutex_);
  last_->done = store_->count_runs(true);
  last_->total = store_->count_runs(false);
  store_.reset();  // closes the store before the page may open it for the brief
  if (!log.str().empty()) {
    message += '\n';
    message += log.str();
  }
  try {
    set_status(folder, status, message);
  } catch (const std::exception& error) {
    status = "failed";
    message += std::string("\nrun.json could not be written: ") + error.what();
  }
  last_->running = false;
  last_->status = status;
  last_->message = message;
}

std::optional<JobStatus> Job::status() const {
  std::lock_guard lock(mutex_);
  if (!last_) return std::nullopt;
  JobStatus s = *last_;
  if (s.running && store_) s.done = store_->count_runs(true);
  return s;
}

}  // namespace wijksim::serve
