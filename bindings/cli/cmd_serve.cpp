// `wijksim serve [--port N] [--results DIR] [--host 127.0.0.1]`: the local web page of
// bindings/serve. This file only parses the options, wires in the sweep's resource check
// and handles Ctrl-C.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "cli.hpp"
#include "resources.hpp"
#include "serve/server.hpp"

namespace wijksim::cli {
namespace {

struct ServeArgs {
  serve::ServeOptions options;
  ResourceLimits limits;
};

int serve_command(ServeArgs& a) {
  const ResourceLimits limits = a.limits;
  a.options.check_resources = [limits](const scenarios::LoadedExperiment& e, int threads, const std::string& store) {
    check_sweep_resources(e, threads, store, limits);
  };
  std::unique_ptr<serve::Server> server;
  try {
    server = std::make_unique<serve::Server>(a.options);
  } catch (const std::runtime_error& e) {  // results folder, scenarios folder
    throw UsageError(e.what());
  }
  for (const auto& w : server->catalogue().warnings()) std::cerr << "wijksim: left out: " << w << "\n";
  int port = 0;
  try {
    port = server->bind();
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  std::cout << "wijksim serve: http://" << a.options.host << ":" << port << "/  (results in "
            << a.options.results.string() << "; Ctrl-C stops)" << std::endl;

  // Signal handlers only set a flag (common.cpp); this thread turns it into stop().
  install_interrupt_handlers();
  std::atomic<bool> listening{true};
  std::atomic<int> signal_number{0};
  std::thread watcher([&] {
    while (listening) {
      try {
        throw_if_interrupted();
      } catch (const Interrupted& e) {
        signal_number = e.signal_number();
        server->stop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  server->listen();
  listening = false;
  watcher.join();
  if (const auto job = server->job_status(); job && job->running) {
    // The experiment cannot be cut short between weeks, and waiting could take hours. The
    // store commits each finished run, so ending the process now loses only the runs in
    // progress; quick_exit skips the destructors that would wait for the run's thread.
    std::cerr << "wijksim serve: stopped during run " << job->id << " (" << job->done << " of " << job->total
              << " runs recorded; complete it with wijksim sweep experiment.yaml --resume --out results.sqlite in "
                 "its folder)\n";
    std::quick_exit(128 + signal_number);
  }
  std::cerr << "wijksim serve: stopped\n";
  return kExitOk;
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto a = std::make_shared<ServeArgs>();
  a->options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* sub = app.add_subcommand(
      "serve", "A local web page: pick a scenario or programme, tick variants, set replications and horizon, run, "
               "read the brief; earlier runs are listed. One experiment at a time.");
  sub->add_option("--port,-p", a->options.port, "Port (0: any free port, printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--host", a->options.host, "Address to listen on (127.0.0.1: this machine only)")
      ->capture_default_str();
  sub->add_option("--results", a->options.results, "Folder of the runs (created when absent)")->capture_default_str();
  sub->add_option("--scenarios", a->options.scenarios,
                  "Folder of the scenarios offered (*.yaml, programmes/, reference/)")
      ->check(CLI::ExistingDirectory)
      ->capture_default_str();
  add_threads_option(*sub, a->options.threads, "Threads for the experiment's runs");
  add_resource_options(*sub, a->limits);
  return {sub, [a] { return serve_command(*a); }};
}

}  // namespace wijksim::cli
