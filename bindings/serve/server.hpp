#pragma once
// `wijksim serve`: the local web page (README.md here). It answers only its own routes:
//
//   GET  /                          start page (?scenario=ID shows that scenario's variants)
//   POST /run                       start a run (form.hpp); 303 to its page, 400 bad value, 409 busy,
//                                   403 from another site's page (its Origin is not this server)
//   GET  /status.json               this server's running or last run: {id, status, done, total}
//   GET  /runs/ID, /runs/ID/status.json, /runs/ID/brief?lang=nl|en
//   GET  /results/ID/FILE           a file of a run folder (request_path.hpp: anything else is 404)
//   GET  /favicon.ico               204 (no icon)
//
// Requests are answered by a pool of threads while the experiment runs in its own
// (job.hpp), so the page and the status stay answerable during a run.
#include <filesystem>
#include <memory>
#include <string>

#include "serve/form.hpp"
#include "serve/job.hpp"

namespace wijksim::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback only unless asked
  int port = 8080;                 // 0: any free port (bind() says which)
  std::filesystem::path results = "results";
  std::filesystem::path scenarios = default_scenarios_dir();
  int threads = 1;                 // for the experiment's runs
  int request_threads = 16;        // answering requests
  FormLimits limits;
  ResourceCheck check_resources;   // may be empty
};

class Server {
 public:
  // Loads the catalogue and creates the results folder; std::runtime_error when either fails.
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  const Catalogue& catalogue() const;
  // Binds host:port and returns the port; std::runtime_error when it cannot.
  int bind();
  void listen();  // answers requests until stop()
  void stop();    // from any thread
  std::optional<JobStatus> job_status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wijksim::serve
