// `wijksim export RESULTS --csv DIR`: every table of a results store as CSV, plus
// outcomes.csv: each recorded metric's unit, level, kind and description from the outcome
// dictionary (wijksim/output/outcomes.hpp).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include "experiment_commands.hpp"
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
              store.export_csv(*dir);
              std::set<std::string> metrics;
              for (const auto& m : store.timeseries_metrics()) metrics.insert(m);
              for (const auto& m : store.summary_metrics()) metrics.insert(m);
              std::ofstream out(std::filesystem::path(*dir) / "outcomes.csv", std::ios::binary);
              experiments::write_metric_dictionary_csv(out, {metrics.begin(), metrics.end()});
              if (!out) throw UsageError("cannot write " + (std::filesystem::path(*dir) / "outcomes.csv").string());
              std::cerr << "wijksim: tables of " << *results << " written to " << *dir << "\n";
              return kExitOk;
            });
          }};
}

}  // namespace wijksim::cli
