// `wijksim compare RESULTS --baseline NAME [--metric M ...] [--at-week W] [--csv FILE]`:
// per variant and metric, the mean and the paired difference with the baseline (95% CI).
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "experiment_commands.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/experiments/analysis.hpp"

namespace wijksim::cli {
namespace {
struct CompareArgs {
  std::string results, baseline, csv;
  std::vector<std::string> metrics;
  int64_t week = -1;
};

int compare(const CompareArgs& a) {
  experiments::ResultStore store(a.results, experiments::OpenMode::read);
  std::string baseline = a.baseline.empty() ? store.experiment().variants.front().name : a.baseline;
  const std::optional<uint32_t> week = a.week >= 0 ? std::optional<uint32_t>(static_cast<uint32_t>(a.week)) : std::nullopt;
  const auto rows = experiments::compare_variants(store, baseline, a.metrics, week);
  experiments::print_comparison_table(std::cout, rows, baseline);
  if (!a.csv.empty()) {
    // Temporary name, checked writes and close, rename (AtomicFile): a full disk is an
    // I/O failure (exit 1) naming the file and leaves no cut CSV; a path that cannot be
    // created at all (no such folder, no permission) is bad input (exit 2).
    std::optional<AtomicFile> out;
    try {
      out.emplace(a.csv);
    } catch (const AtomicFileError& e) {
      throw UsageError(std::string("--csv ") + e.what());
    }
    experiments::write_comparison_csv(out->stream(), rows, baseline);
    out->commit();
    std::cerr << "wijksim: comparison written to " << a.csv << "\n";
  }
  return kExitOk;
}
}  // namespace

Command add_compare_command(CLI::App& app) {
  auto a = std::make_shared<CompareArgs>();
  CLI::App* sub = app.add_subcommand(
      "compare", "Compare variants with a baseline: means and paired differences (replication r of each variant "
                 "shares its random numbers) with t-based 95% confidence intervals.");
  sub->add_option("results", a->results, "Results file of `wijksim sweep`")->required();
  sub->add_option("--baseline,-b", a->baseline, "Baseline variant (default: the first in the experiment)");
  sub->add_option("--metric,-m", a->metrics, "Metric(s) (default: all summaries, or all time series with --at-week)");
  sub->add_option("--at-week", a->week, "Compare the city-wide time-series value at this week instead of summaries")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--csv", a->csv, "Also write the table as CSV to this file");
  return {sub, [a] { return run_store_command([a] { return compare(*a); }); }};
}

}  // namespace wijksim::cli
