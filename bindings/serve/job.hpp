#pragma once
// The one experiment a server runs at a time, in a thread of its own, so the page and its
// status stay answerable and a browser that goes away changes nothing: the run goes on and
// reopening the page shows it. A second start while one runs is refused (BusyError).
//
// start() does everything that can fail on the user's input before it returns (write the
// files, load the experiment, check memory and disk, create the store), so such failures
// reach the page as a message; only the simulation itself runs in the thread.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "serve/catalogue.hpp"
#include "serve/form.hpp"
#include "wijksim/scenarios/experiment.hpp"

namespace wijksim::experiments {
class ResultStore;
}

namespace wijksim::serve {

class BusyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Memory and disk limits of `wijksim sweep` (bindings/cli/resources.hpp), passed in by the
// command; throws (any std::exception: its message goes to the page) above a limit.
using ResourceCheck = std::function<void(const scenarios::LoadedExperiment&, int threads, const std::string& store)>;

struct JobStatus {
  std::string id;
  uint64_t done = 0, total = 0;  // finished runs / runs in the store
  bool running = false;
  std::string status;             // running | done | failed
  std::string message;
};

class Job {
 public:
  Job(std::filesystem::path results, int threads, ResourceCheck check);
  ~Job();  // waits for the run
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  // Returns the new run's id. FormError: the input does not make a valid experiment;
  // BusyError: a run is going.
  std::string start(const ScenarioEntry& entry, const RunRequest& request);
  // The running or last run of this server, if any.
  std::optional<JobStatus> status() const;

 private:
  void run(scenarios::LoadedExperiment experiment, std::filesystem::path folder);
  std::filesystem::path results_;
  int threads_;
  ResourceCheck check_;
  mutable std::mutex mutex_;
  std::thread thread_;
  std::shared_ptr<experiments::ResultStore> store_;  // while running (its queries are thread-safe)
  std::optional<JobStatus> last_;
};

}  // namespace wijksim::serve
