// `wijksim calibrate CALIBRATION.yaml`: fit the free parameters of a calibration file
// (wijksim/scenarios/calibration.hpp) to its targets with NLopt, common random numbers
// held fixed; writes calibrated.yaml, fit.md and fit.csv into --out.
// `wijksim validation CALIBRATION.yaml --years 1,10 --out-md docs/validation.md`: the
// validation table of the base (or --scenario) at the given years.
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "calibrate_command.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/scenarios/calibration.hpp"

namespace wijksim::cli {

namespace {

struct CalibrateArgs {
  std::string file;
  std::string out;
  uint32_t replications = 0;  // 0 = the file's replications:
  int threads = 1;
  int max_evals = 80;
};

struct ValidationArgs {
  std::string file;
  std::string scenario;  // "" = the calibration's base
  std::vector<uint32_t> years{1, 10};
  uint32_t replications = 3;
  int threads = 1;
  std::string out_md;
};

void write_atomically(const std::filesystem::path& path, const std::string& text) {
  AtomicFile out(path);
  out.stream() << text;
  out.commit();
}

int run_calibrate(const CalibrateArgs& a) {
  const scenarios::CalibrationSpec spec = scenarios::load_calibration_file(a.file);
  const std::filesystem::path out = a.out.empty() ? std::filesystem::path("results") / ("calibration-" + spec.name)
                                                  : std::filesystem::path(a.out);
  if (std::filesystem::exists(out) && !std::filesystem::is_directory(out))
    throw UsageError("--out " + out.string() + " exists and is not a directory");
  calibrate::SearchOptions options;
  options.replications = a.replications > 0 ? a.replications : spec.replications;
  options.threads = a.threads;
  options.max_evals = a.max_evals;
  options.algorithm = spec.algorithm;
  options.start = spec.start;
  options.progress = &std::cerr;
  std::cerr << "calibrate: " << spec.name << ": " << spec.parameters.size() << " parameter(s), " << spec.targets.size()
            << " target(s), " << options.replications << " replication(s) per evaluation (the same seeds every time), "
            << spec.algorithm << ", at most " << options.max_evals << " evaluations\n";
  const auto make = [&spec](const std::vector<double>& values) { return scenarios::calibration_scenario(spec, values); };
  const calibrate::SearchResult result = calibrate::search(spec.parameters, spec.targets, make, options);
  std::filesystem::create_directories(out);
  write_atomically(out / "calibrated.yaml",
                   scenarios::calibrated_yaml(spec, result.best.values, out, result.best.objective));
  write_atomically(out / "fit.md", scenarios::fit_markdown(spec, result.best.values, result.best.simulated,
                                                           result.best.objective));
  write_atomically(out / "fit.csv", scenarios::fit_csv(spec, result.best.simulated));
  std::cout << "calibrate: " << result.evaluations << " evaluations (" << result.stop_reason << "); objective "
            << result.best.objective << "\n";
  for (size_t k = 0; k < spec.parameters.size(); ++k)
    std::cout << "  " << spec.parameters[k].key_path << " = " << result.best.values[k] << "\n";
  std::cout << "results in " << out.string() << "/ (calibrated.yaml, fit.md, fit.csv)\n";
  return kExitOk;
}

int run_validation_command(const ValidationArgs& a, const std::string& command_line) {
  const scenarios::CalibrationSpec spec = scenarios::load_calibration_file(a.file);
  if (!a.scenario.empty() && !std::filesystem::is_regular_file(a.scenario))
    throw UsageError("--scenario " + a.scenario + ": no such file");
  for (uint32_t y : a.years)
    if (y < 1) throw UsageError("--years: years are 1, 2, ... (year y = weeks 52(y-1)+1 .. 52y)");
  std::vector<scenarios::ValidationRow> rows;
  try {
    rows = scenarios::run_validation(spec, a.years, a.replications, a.threads, a.scenario);
  } catch (const std::invalid_argument& e) {  // a year past the scenario's weeks, an outcome --scenario lacks
    throw UsageError(std::string("validation: ") + e.what());
  }
  const std::string md = scenarios::validation_markdown(spec, rows, a.replications,
                                                        std::filesystem::path(a.scenario.empty() ? spec.scenario_file : a.scenario).lexically_normal().string(),
                                                        command_line);
  if (a.out_md.empty()) {
    std::cout << md;
  } else {
    write_atomically(a.out_md, md);
    size_t out_of_band = 0, within_two_se = 0;
    for (const auto& r : rows)
      for (size_t k = 0; k < r.in_band.size(); ++k)
        if (!r.in_band[k]) {
          ++out_of_band;
          within_two_se += r.within_two_se(k);
        }
    std::cout << "validation: " << rows.size() << " figure(s) x " << a.years.size() << " year(s), " << out_of_band
              << " out of band (" << within_two_se << " of them within 2 SE); table in " << a.out_md << "\n";
  }
  return kExitOk;
}

}  // namespace

Command add_calibrate_command(CLI::App& app) {
  auto a = std::make_shared<CalibrateArgs>();
  CLI::App* sub = app.add_subcommand(
      "calibrate", "Fit the free parameters of CALIBRATION.yaml (base scenario, targets with value and SE or band, "
                   "parameters with ranges) with NLopt, the same seeds for every evaluation; writes calibrated.yaml, "
                   "fit.md and fit.csv into --out. Progress on stderr.");
  sub->add_option("calibration", a->file, "Calibration YAML file")->required();
  sub->add_option("--out,-o", a->out, "Output directory (default results/calibration-<name>)");
  sub->add_option("--replications,-r", a->replications, "Replications per evaluation (default: the file's replications:)")
      ->check(CLI::Range(1, 10000));
  add_threads_option(*sub, a->threads, "Worker threads per simulation");
  sub->add_option("--max-evals", a->max_evals, "Most objective evaluations")->check(CLI::Range(1, 100000))
      ->capture_default_str();
  return {sub, [a] { return run_calibrate(*a); }};
}

Command add_validation_command(CLI::App& app) {
  auto a = std::make_shared<ValidationArgs>();
  CLI::App* sub = app.add_subcommand(
      "validation", "Run the base scenario of CALIBRATION.yaml (or --scenario, e.g. a calibrated.yaml) and write the "
                    "validation table: figure, source, band or value +- SE, simulated at each --years, in band.");
  sub->add_option("calibration", a->file, "Calibration YAML file (its targets are the figures)")->required();
  sub->add_option("--scenario", a->scenario, "Scenario to validate instead of the calibration's base");
  sub->add_option("--years", a->years, "Years to read (comma-separated)")->delimiter(',')->capture_default_str();
  sub->add_option("--replications,-r", a->replications, "Replications (seeds) averaged")->check(CLI::Range(1, 10000))
      ->capture_default_str();
  add_threads_option(*sub, a->threads, "Worker threads per simulation");
  sub->add_option("--out-md", a->out_md, "Write the Markdown table here (default: print it)");
  return {sub, [a] {
            std::ostringstream line;
            line << "wijksim validation " << a->file;
            if (!a->scenario.empty()) line << " --scenario " << a->scenario;
            line << " --years ";
            for (size_t k = 0; k < a->years.size(); ++k) line << (k ? "," : "") << a->years[k];
            line << " --replications " << a->replications;
            if (!a->out_md.empty()) line << " --out-md " << a->out_md;
            return run_validation_command(*a, line.str());
          }};
}

}  // namespace wijksim::cli
