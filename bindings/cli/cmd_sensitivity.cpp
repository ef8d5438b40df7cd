// `wijksim sensitivity RESULTS --metric M [--variant V] [--at-week W]`: Sobol first-order
// and total indices of a sobol sweep, with bootstrap confidence intervals, or Morris
// mu, mu*, sigma of a morris sweep. Warnings about unstable estimates go to stderr.
#include <iostream>
#include <memory>
#include <optional>

#include "experiment_commands.hpp"
#include "wijksim/experiments/sensitivity.hpp"

namespace wijksim::cli {
namespace {
struct SensitivityArgs {
  std::string results, metric, variant;
  int64_t week = -1;
  uint32_t bootstrap = 1000;
};
}  // namespace

Command add_sensitivity_command(CLI::App& app) {
  auto a = std::make_shared<SensitivityArgs>();
  CLI::App* sub = app.add_subcommand(
      "sensitivity", "Sobol sensitivity indices (first order: Saltelli 2010 on centred outputs; total: Jansen) of a "
                     "sweep with design: sobol, with percentile-bootstrap 95% confidence intervals; Morris elementary "
                     "effects (mu, mu*, sigma, per full range of each parameter) of a sweep with design: morris. "
                     "Warnings about unstable estimates go to stderr.");
  sub->add_option("results", a->results, "Results file of `wijksim sweep`")->required();
  sub->add_option("--metric,-m", a->metric, "Summary metric (or time-series metric with --at-week)")->required();
  sub->add_option("--variant", a->variant, "Variant (default: the first)");
  sub->add_option("--at-week", a->week, "Use the city-wide time-series value at this week")->check(CLI::NonNegativeNumber);
  sub->add_option("--bootstrap", a->bootstrap, "Bootstrap resamples (sobol)")->check(CLI::PositiveNumber);
  return {sub, [a] {
            return run_store_command([&] {
              experiments::ResultStore store(a->results, experiments::OpenMode::read);
              const auto week = a->week >= 0 ? std::optional<uint32_t>(static_cast<uint32_t>(a->week)) : std::nullopt;
              const auto r = experiments::sensitivity(store, a->metric, a->variant, week,
                                                      {.bootstrap_resamples = a->bootstrap, .level = 0.95, .seed = 12345});
              experiments::print_sensitivity_table(std::cout, r, a->metric);
              for (const auto& w : r.warnings) std::cerr << "warning: " << w << "\n";
              return kExitOk;
            });
          }};
}

}  // namespace wijksim::cli
