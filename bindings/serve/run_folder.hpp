#pragma once
// One run of the page = one folder under the results folder, named by its start time
// (YYYYmmdd-HHMMSS, then -2, -3, ... within one second):
//
//   scenario.yaml    the chosen scenario, resolved, with the page's horizon and city size
//   experiment.yaml  that scenario, the ticked variants (first: baseline = as it is), replications
//   results.sqlite   the results store (wijksim compare / report read it too)
//   run.json         what the page lists: the choices, the status (running, done, failed) and message
//   brief-nl.html    the brief, made on first request (brief-en.html in English)
//
// A run whose run.json still says "running" when no server runs it was interrupted; its
// store keeps the runs it finished (`wijksim sweep experiment.yaml --resume --out results.sqlite`).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "serve/catalogue.hpp"
#include "serve/form.hpp"

namespace wijksim::serve {

inline constexpr const char* kExperimentFile = "experiment.yaml";
inline constexpr const char* kStoreFile = "results.sqlite";

struct RunInfo {
  std::string id;            // folder name
  std::string scenario;      // catalogue id
  std::string scenario_name;
  std::vector<std::string> variants;  // baseline first
  uint32_t replications = 0;
  uint32_t weeks = 0;
  uint64_t households = 0;   // in the run (after scaling)
  std::string created;       // local time, "YYYY-mm-dd HH:MM:SS"
  std::string status;        // running | done | failed
  std::string message;       // failure text, or the sweep's last words
};

// The scenario the run uses: `entry`'s spec with `weeks`, and with `households` > 0 every
// wijk scaled to that total (largest remainders, each at least 1) and every provider's
// capacity (also one given as FTE x caseload) by the same factor, rounded to whole clients,
// at least 1 (capacity shares scale by themselves; intervention budgets stay as written).
// FormError when there are fewer households than wijken.
scenarios::ScenarioSpec run_scenario(const ScenarioEntry& entry, const RunRequest& request);

// Creates a new run folder with scenario.yaml, experiment.yaml and run.json (status
// running) and returns it.
std::filesystem::path create_run(const std::filesystem::path& results, const ScenarioEntry& entry,
                                 const RunRequest& request);

void set_status(const std::filesystem::path& folder, const std::string& status, const std::string& message);

std::optional<RunInfo> read_run(const std::filesystem::path& results, const std::string& id);
// Every run folder, newest first.
std::vector<RunInfo> list_runs(const std::filesystem::path& results);

}  // namespace wijksim::serve
