// wijksim: command-line entry point. The only place that turns errors into exit codes:
// library code throws, main() decides (0 ok, 1 internal error, 2 bad input, 128+n signal).
#include <exception>
#include <iostream>

#include "calibrate_command.hpp"
#include "cli.hpp"
#include "experiment_commands.hpp"
#include "outcomes_command.hpp"
#include "report_command.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/output/run_directory.hpp"
#include "wijksim/version.hpp"

namespace {

int dispatch(int argc, char** argv) {
  using namespace wijksim::cli;
  CLI::App app{
      "wijksim: agent-based simulation of households in a Dutch municipality's social domain.\n"
      "Households move through ZRM problem states (1 acute .. 5 fully self-sufficient) per life\n"
      "domain; the policy is written in a scenario YAML file. Same seed -> byte-identical results\n"
      "whatever the thread count.",
      "wijksim"};
  app.set_version_flag("--version", std::string("wijksim ") + wijksim::kEngineVersion + " (git " +
                                        wijksim::kGitHash + ")");
  app.require_subcommand(1);
  const Command commands[] = {add_run_command(app),      add_validate_command(app),
                              add_bench_command(app),    add_sweep_command(app),
                              add_compare_command(app),  add_export_command(app),
                              add_sensitivity_command(app), add_merge_command(app),
                              add_outcomes_command(app), add_serve_command(app),
                              add_report_command(app),   add_calibrate_command(app),
                              add_validation_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the error
    return code == 0 ? kExitOk : kExitBadInput;
  }
  for (const Command& command : commands)
    if (command.subcommand->parsed()) return command.run();
  return kExitBadInput;  // unreachable: require_subcommand(1)
}

}  // namespace

int main(int argc, char** argv) {
  using namespace wijksim::cli;
  try {
    return dispatch(argc, argv);
  } catch (const wijksim::scenarios::ScenarioError& e) {
    print_issues(std::cerr, e.issues());
    std::cerr << "wijksim: scenario has " << e.issues().size() << " error(s); nothing was run\n";
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const wijksim::output::OutputExistsError& e) {
    std::cerr << "wijksim: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const wijksim::AtomicFileError& e) {  // a full disk, a quota, an I/O error: exit 1, not "internal"
    std::cerr << "wijksim: " << e.what() << "; nothing was left that looks complete\n";
    return kExitInternal;
  } catch (const Interrupted& e) {
    std::cerr << "\nwijksim: " << e.what() << "; the unfinished output directory was removed\n";
    return 128 + e.signal_number();
  } catch (const std::exception& e) {
    std::cerr << "wijksim: internal error: " << e.what() << "\n";
    return kExitInternal;
  } catch (...) {
    std::cerr << "wijksim: internal error: unknown exception\n";
    return kExitInternal;
  }
}
