// `wijksim export RESULTS --csv DIR`: every table of a results store as CSV.
#include <iostream>
#include <memory>

#include "experiment_commands.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::cli {

Command add_export_command(CLI::App& app) {
  auto results = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("export", "Write every table of a results store as CSV (one file per table).");
  sub->add_option("results", *results, "Results file of `wijksim sweep`")->required();
  sub->add_option("--csv", *dir, "Output directory (created if absent)")->required();
  return {sub, [results, dir] {
            return run_store_command([&] {
              experiments::ResultStore(*results, experiments::OpenMode::read).export_csv(*dir);
              std::cerr << "wijksim: tables of " << *results << " written to " << *dir << "\n";
              return kExitOk;
            });
          }};
}

}  // namespace wijksim::cli
