// `wijksim compare RESULTS [--baseline NAME] [--metric M ...] [--area WIJK] [--at-week W |
// --year Y | --per-year] [--pool] [--financiers] [--csv FILE] [--json FILE]`: per variant,
// sweep point and metric the means and the paired difference with the baseline (95% CI),
// or with --financiers who pays and who gains per financier and year.
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "experiment_commands.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/experiments/analysis.hpp"

namespace wijksim::cli {
namespace {
struct CompareArgs {
  std::string results, csv, json;
  experiments::CompareOptions options;
  int64_t week = -1, year = -1;
  bool financiers = false;
};

// Temporary name, checked writes and close, rename (AtomicFile): a full disk is an I/O
// failure (exit 1) naming the file and leaves no cut file; a path that cannot be created
// at all (no such folder, no permission) is bad input (exit 2).
void write_file(const std::string& option, const std::string& path, const std::function<void(std::ostream&)>& body) {
  if (path.empty()) return;
  std::optional<AtomicFile> out;
  try {
    out.emplace(path);
  } catch (const AtomicFileError& e) {
    throw UsageError(option + " " + e.what());
  }
  body(out->stream());
  out->commit();
  std::cerr << "wijksim: " << (option == "--csv" ? "CSV" : "JSON") << " written to " << path << "\n";
}

int compare(CompareArgs& a) {
  experiments::ResultStore store(a.results, experiments::OpenMode::read);
  auto& o = a.options;
  if (a.week >= 0) o.week = static_cast<uint32_t>(a.week);
  if (a.year >= 0) o.year = static_cast<uint32_t>(a.year);
  if (a.financiers) {
    if (o.week || !o.metrics.empty() || o.area != "all")
      throw UsageError("--financiers reports every financier per year and discounted: it takes no --metric, --area "
                       "or --at-week (use --year Y for one year)");
    const auto table = experiments::who_pays(store, o);
    experiments::print_financiers(std::cout, table);
    write_file("--csv", a.csv, [&](std::ostream& s) { experiments::write_financiers_csv(s, table); });
    write_file("--json", a.json, [&](std::ostream& s) { experiments::write_financiers_json(s, table); });
    return kExitOk;
  }
  const auto cmp = experiments::compare(store, o);
  experiments::print_comparison(std::cout, cmp);
  write_file("--csv", a.csv, [&](std::ostream& s) { experiments::write_comparison_csv(s, cmp); });
  write_file("--json", a.json, [&](std::ostream& s) { experiments::write_comparison_json(s, cmp); });
  return kExitOk;
}
}  // namespace

Command add_compare_command(CLI::App& app) {
  auto a = std::make_shared<CompareArgs>();
  CLI::App* sub = app.add_subcommand(
      "compare", "Compare variants with a baseline per sweep point: means, paired differences (replication r of "
                 "each variant shares its random numbers) with t-based 95% confidence intervals and relative "
                 "differences (Welch's unpaired interval for an experiment with common_random_numbers: false); "
                 "works on partial and shard stores (n pairs per cell). --financiers: who pays, who "
                 "gains per financier and year.");
  sub->add_option("results", a->results, "Results file of `wijksim sweep`")->required();
  sub->add_option("--baseline,-b", a->options.baseline, "Baseline variant (default: the first in the experiment)");
  sub->add_option("--metric,-m", a->options.metrics,
                  "Metric(s) (default: every metric of the table read: summaries, time series or yearly values)");
  sub->add_option("--area", a->options.area,
                  "A wijk's values instead of the city's (with --at-week, --year or --per-year; recorded with "
                  "outputs.by_wijk: true)");
  auto* week = sub->add_option("--at-week", a->week, "The time-series value at this week instead of run summaries")
                   ->check(CLI::NonNegativeNumber);
  auto* year = sub->add_option("--year", a->year,
                               "The yearly value of year Y (weeks 52(Y-1)+1 .. 52Y: flows summed, stocks at year end)")
                   ->check(CLI::PositiveNumber);
  auto* per_year = sub->add_flag("--per-year", a->options.per_year, "The yearly value of every complete year");
  week->excludes(year)->excludes(per_year);
  year->excludes(per_year);
  sub->add_flag("--pool", a->options.pool, "Pool every sweep point into one cell (default: one cell per point)");
  sub->add_flag("--financiers", a->financiers,
                "Who pays, who gains: per financier and year costs (variant - baseline spending), avoided costs "
                "(baseline - variant societal) and net = avoided - costs, and the discounted totals, in EUR");
  sub->add_option("--csv", a->csv, "Also write the cells as CSV (tidy, one line per cell, with units) to this file");
  sub->add_option("--json", a->json, "Also write the cells as JSON to this file");
  return {sub, [a] { return run_store_command([a] { return compare(*a); }); }};
}

}  // namespace wijksim::cli
