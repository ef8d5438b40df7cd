// `wijksim export RESULTS --csv DIR`: every table of a results store as CSV, plus
// outcomes.csv: each recorded metric's unit, level, kind and description from the outcome
// dictionary (wijksim/output/outcomes.hpp).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include "experiment_commands.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/experiments/analysis.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::cli {

Command add_export_command(CLI::App& app) {
  auto results = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("export", "Write every table of a results store as CSV (one file per table), and outcomes.csv: the unit, level, kind and description of each recorded metric.");
  sub->add_option("results", *results, "Results file of `wijksim sweep`")->required();
  sub->add_option("--csv", *dir, "Output directory (created if absent)")->required();
  return {sub, [results, dir] {
            return run_store_command([&] {
              const experiments::ResultStore store(*results, experiments::OpenMode::read);
              std::set<std::string> metrics;
              for (const auto& m : store.timeseries_metrics()) metrics.insert(m);
              for (const auto& m : store.summary_metrics()) metrics.insert(m);
              for (const auto& m : store.yearly_metrics()) metrics.insert(m);
              // The output folder first (an impossible one is bad input, exit 2), then
              // outcomes.csv and the tables, each checked and renamed (AtomicFile). A write
              // failure (AtomicFileError, exit 1) removes what this export already wrote, so
              // the folder never holds part of an export.
              const std::filesystem::path folder(*dir);
              std::error_code ec;
              std::filesystem::create_directories(folder, ec);
              if (ec || !std::filesystem::is_directory(folder))
                throw UsageError("--csv " + *dir + ": cannot create the output directory" +
                                 (ec ? " (" + ec.message() + ")" : ""));
              {
                AtomicFile out(folder / "outcomes.csv");
                experiments::write_metric_dictionary_csv(out.stream(), {metrics.begin(), metrics.end()});
                out.commit();
              }
              try {
                store.export_csv(*dir);
              } catch (const AtomicFileError&) {
                std::filesystem::remove(folder / "outcomes.csv", ec);
                throw;
              }
              std::cerr << "wijksim: tables of " << *results << " written to " << *dir << "\n";
              return kExitOk;
            });
          }};
}

}  // namespace wijksim::cli
