#pragma once
// Internal to the `wijksim` executable: the commands, the errors main() maps to exit codes,
// and helpers shared by more than one command.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "wijksim/scenarios/load.hpp"

namespace wijksim::cli {

// Exit codes (documented in README.md, "Command line").
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;   // anything unexpected; the message says what
inline constexpr int kExitBadInput = 2;   // scenario errors, bad options or values, DIR exists

// Bad command-line input that CLI11 cannot see (e.g. a directory given as a scenario).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A SIGINT/SIGTERM arrived; thrown between weeks so destructors clean up. Exit 128 + signal.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal_number);
  int signal_number() const { return signal_; }
 private:
  int signal_;
};

// Signal handling for long runs: handlers only set a flag; the run loop polls it.
void install_interrupt_handlers();
void throw_if_interrupted();  // throws Interrupted once a signal has arrived

// Scenario input shared by run, validate and bench: a path, or "" for the embedded default
// city. Prints warnings to `warn`; throws ScenarioError or UsageError.
scenarios::LoadedScenario load_input(const std::string& path, const std::vector<scenarios::Override>& overrides,
                                     std::ostream& warn);
// Prints every issue as `file:line:column: key.path: expected ..., got ...`.
void print_issues(std::ostream& out, const std::vector<scenarios::ScenarioIssue>& issues);

// Each command registers its subcommand and options; `run` executes it after parsing and
// returns the exit code.
struct Command {
  CLI::App* subcommand = nullptr;
  std::function<int()> run;
};
Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_bench_command(CLI::App& app);
Command add_serve_command(CLI::App& app);  // cmd_serve.cpp (bindings/serve)

// --seed: a non-negative integer that fits 64 bits. CLI11's own unsigned parsing would
// accept some negatives modulo 2^64, so the text is checked here.
CLI::Validator seed_validator();

// Options shared by run and bench, declared once so their names and checks agree.
void add_scenario_argument(CLI::App& sub, std::string& path);
void add_threads_option(CLI::App& sub, int& threads, const char* what);
// --set key.path=value (repeatable), and the overrides it gives (ScenarioError on bad text).
void add_set_option(CLI::App& sub, std::vector<std::string>& sets);
std::vector<scenarios::Override> parse_sets(const std::vector<std::string>& sets);

}  // namespace wijksim::cli
