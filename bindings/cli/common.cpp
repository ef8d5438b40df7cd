// Helpers shared by the commands: scenario input, issue printing, signals, --seed check.
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli.hpp"

namespace wijksim::cli {

namespace {
volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_signal(int signal_number) { g_signal = signal_number; }
}  // namespace

Interrupted::Interrupted(int signal_number)
    : std::runtime_error(std::string("interrupted by ") + (signal_number == SIGINT ? "SIGINT" : signal_number == SIGTERM ? "SIGTERM" : "a signal")),
      signal_(signal_number) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void throw_if_interrupted() {
  if (g_signal != 0) throw Interrupted(g_signal);
}

scenarios::LoadedScenario load_input(const std::string& path, const std::vector<scenarios::Override>& overrides,
                                     std::ostream& warn) {
  scenarios::LoadedScenario loaded;
  if (path.empty()) {
    loaded = scenarios::load_default_scenario(overrides);
  } else {
    // The loader would report an unreadable file too; a directory gets a plainer message.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
      throw UsageError(path + ": expected a scenario YAML file, got a directory");
    loaded = scenarios::load_scenario_file(path, overrides);
  }
  for (const auto& issue : loaded.warnings) warn << "warning: " << issue.to_string() << "\n";
  return loaded;
}

void print_issues(std::ostream& out, const std::vector<scenarios::ScenarioIssue>& issues) {
  for (const auto& issue : issues) out << (issue.warning ? "warning: " : "") << issue.to_string() << "\n";
}

CLI::Validator seed_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || text.size() > 20 || (text.size() == 20 && text > "18446744073709551615"))
          return "expected a non-negative integer below 2^64, got '" + text + "'";
        return {};
      },
      "UINT64");
}

void add_scenario_argument(CLI::App& sub, std::string& path) {
  sub.add_option("scenario", path, "Scenario YAML file (default: the embedded default city)");
}

void add_threads_option(CLI::App& sub, int& threads, const char* what) {
  sub.add_option("--threads,-t", threads, what)->check(CLI::Range(1, 1024))->capture_default_str();
}

void add_set_option(CLI::App& sub, std::vector<std::string>& sets) {
  sub.add_option("--set", sets,
                 "Override a scenario value, e.g. --set population.wijken[0].households=500 or --set providers=[] "
                 "(repeatable); checked like the file itself")
      ->take_all();
}

std::vector<scenarios::Override> parse_sets(const std::vector<std::string>& sets) {
  std::vector<scenarios::Override> overrides;
  for (const auto& text : sets) overrides.push_back(scenarios::parse_override(text));
  return overrides;
}

}  // namespace wijksim::cli
