#pragma once
// Calibration files: a base scenario, published figures to fit (targets) and the free
// parameters with their ranges. Read with the scenario reader (file:line:column, key path,
// what was expected; unknown keys with a did-you-mean), errors as ScenarioError (exit 2).
//
//   name: default-city                  # default: the file name
//   scenario: ../default.yaml           # relative to this file
//   replications: 3                     # per evaluation (--replications overrides)
//   algorithm: LN_BOBYQA                # or LN_SBPLX (NLopt, on parameters scaled to [0, 1])
//   parameters:                         # scenario key path (as --set / sweeps) -> range
//     life_events.job_loss.weekly_rate: {range: [0.0002, 0.002], start: 0.0005}
//     domains.mental_health.worsen[3]: {range: [0.0005, 0.004]}
//     providers.ggz.capacity: {range: [80, 400], integer: true}   # counts: whole numbers
//   targets:
//     - name: share of households in debt
//       outcome: households_in_debt     # an outcome of the dictionary, or a list (summed)
//       per: households                 # optional denominator (a name or a list)
//       scale: 100                      # optional factor (100: percent)
//       year: 1                         # a complete year (yearly aggregate), or
//       # weeks: [1, 52]                # the mean of the weekly values over these weeks
//       band: [5.6, 7.6]                # or value: 7.6 with se: 0.3
//       source: "DOMAIN-FIGURES.md 2.1, CBS 2020"
//       fit: false                      # optional: a validation row only, not in the objective
//
// wijksim calibrate fits the parameters (wijksim/models/calibrate/calibrate.hpp) and writes
// calibrated.yaml (`extends:` the base plus the fitted values), fit.md and fit.csv;
// wijksim validation writes the validation table (run_validation below).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/models/calibrate/calibrate.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios {

struct CalibrationSpec {
  std::string file;                // the calibration file as given
  std::string name;                // `name:` (default: the file's stem)
  std::string scenario;            // `scenario:` as written
  std::string scenario_file;       // resolved against the calibration file's folder
  uint32_t replications = 3;
  std::string algorithm = "LN_BOBYQA";
  std::vector<calibrate::Parameter> parameters;
  std::vector<double> start;       // per parameter (`start:`, default the middle of the range)
  std::vector<SourceLocation> parameter_where;
  std::vector<calibrate::Target> targets;
  std::vector<SourceLocation> target_where;
};

// Reads and checks a calibration file: its own keys and values, the base scenario (it must
// load), every target's outcome names against the base's outcome dictionary and its year or
// weeks against the base's weeks, and every parameter path by loading the base with the
// parameter set to its range's ends (a problem is reported at the parameter's line).
// Throws ScenarioError with every problem found.
CalibrationSpec load_calibration_file(const std::string& path);

// The base scenario with parameter k set to values[k] (key paths as `--set`). A value the
// scenario refuses is a ScenarioError placed at the parameter's line of the calibration file.
CompiledScenario calibration_scenario(const CalibrationSpec& spec, const std::vector<double>& values);

// calibrated.yaml for a folder `out_dir`: `extends:` the base (relative to out_dir) and the
// fitted values as keys (a value inside a list carries its whole list, since `extends:`
// replaces lists whole), so loading it gives the base with those values.
std::string calibrated_yaml(const CalibrationSpec& spec, const std::vector<double>& values,
                            const std::filesystem::path& out_dir, double objective);

// The fit table: target, source, value, se / band, simulated, z (Markdown and CSV).
std::string fit_markdown(const CalibrationSpec& spec, const std::vector<double>& values,
                         const std::vector<double>& simulated, double objective);
std::string fit_csv(const CalibrationSpec& spec, const std::vector<double>& simulated);

// One figure of the validation table: simulated per year (mean over replications) and
// whether that mean is in the published band (Target::in_band).
struct ValidationRow {
  calibrate::Target target;
  std::vector<uint32_t> years;
  std::vector<double> simulated;                       // [year]: mean over replications
  std::vector<std::vector<double>> per_replication;    // [year][replication]
  std::vector<bool> in_band;                           // [year], for the mean
  bool in_band_every_replication(size_t year_index) const;
  // Standard error of that year's mean (sd over replications / sqrt(R); 0 for one replication).
  double standard_error(size_t year_index) const;
  // The year's mean is out of band, but the band meets mean +- 2 SE: a small city's chance
  // year, not (on this evidence) a miss.
  bool within_two_se(size_t year_index) const;
};

// Runs `scenario_path` (a scenario file; "" = the calibration's base) for replications
// 0 .. R-1 of its seed and reads every target at each of `years` (targets given by weeks
// read the mean over that year's weeks). Throws ScenarioError for a bad scenario, and
// std::invalid_argument for a year past the scenario's weeks.
std::vector<ValidationRow> run_validation(const CalibrationSpec& spec, const std::vector<uint32_t>& years,
                                          uint32_t replications, int threads, const std::string& scenario_path = "");
// docs/validation.md: figure, source, band / value +- SE, simulated per year, in band.
std::string validation_markdown(const CalibrationSpec& spec, const std::vector<ValidationRow>& rows,
                                uint32_t replications, const std::string& scenario_label,
                                const std::string& command_line);

}  // namespace wijksim::scenarios
