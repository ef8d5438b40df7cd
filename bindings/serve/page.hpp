#pragma once
// The HTML the server sends: the start page (scenario, variants, replications, horizon,
// the run going on, earlier runs) and a run's page (its choices, progress, brief links).
// Plain HTML with a few lines of script that poll the status; every text from a file or
// a request is escaped.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "serve/catalogue.hpp"
#include "serve/form.hpp"
#include "serve/job.hpp"
#include "serve/run_folder.hpp"

namespace wijksim::serve {

std::string html_escape(const std::string& text);

struct StartPage {
  const Catalogue* catalogue = nullptr;
  const ScenarioEntry* selected = nullptr;   // the scenario whose variants are shown
  const FormLimits* limits = nullptr;
  std::string error;                         // shown above the form (a refused run)
  std::multimap<std::string, std::string> values;  // the refused form, shown again as it was sent
  std::optional<JobStatus> job;              // this server's running or last run
  std::vector<RunInfo> runs;                 // newest first
};
std::string start_page(const StartPage& page);

// `live`: this server's status of the run when it is the current one.
std::string run_page(const RunInfo& run, const std::optional<JobStatus>& live);

std::string message_page(const std::string& title, const std::string& message);

}  // namespace wijksim::serve
