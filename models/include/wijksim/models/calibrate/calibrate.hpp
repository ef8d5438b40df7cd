#pragma once
// Calibration: simulated values of published figures (targets), the objective sum z^2, and
// a derivative-free search over free parameters (NLopt LN_BOBYQA / LN_SBPLX on [0, 1]^d).
//
//   targets[i]: an outcome of the dictionary (or a sum of them), optionally divided by
//   another (a share: households_in_debt / households) and scaled (x 100 = percent,
//   x 100000 = per 100k), over a complete year (the dictionary's yearly aggregate) or as
//   the mean of the weekly values over weeks [from, to].
//   z_i = (simulated_i - value_i) / se_i; a band [lo, hi] is value = (lo + hi) / 2,
//   se = (hi - lo) / 4 (the band read as value +- 2 SE).
//
// Common random numbers: every evaluation runs replications 0 .. R-1 of the scenario's own
// seed, so two parameter vectors are compared on the same random streams and the search
// sees the parameters' effect, not sampling noise. (Target and Parameter are header-only, so
// the calibration file's parser links no simulation: tests/fuzz builds it alone.) The scenario's YAML (making a
// CompiledScenario from parameter values) is the caller's: models/ does not read YAML
// (scenarios/ calls this with its loader; wijksim/scenarios/calibration.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"

namespace wijksim::calibrate {

struct Target {
  std::string name;                  // the figure, e.g. "share of households in debt"
  std::vector<std::string> outcomes; // outcome names (dictionary), summed
  std::vector<std::string> per;      // denominator outcomes, summed; empty = none
  double scale = 1;                  // simulated = scale * sum(outcomes) / sum(per)
  uint32_t year = 0;                 // >= 1: complete year `year`; 0: the weeks below
  uint32_t week_from = 0, week_to = 0;  // mean of the weekly values over [from, to] (year == 0)
  double value = 0;                  // published value (band: the midpoint)
  double se = 1;                     // standard error (> 0; band: (hi - lo) / 4)
  bool band = false;
  double lo = 0, hi = 0;             // the band (band == true)
  std::string source;                // where the figure comes from (DOMAIN-FIGURES.md row)
  // false: a validation row only, left out of the objective (a figure no free parameter
  // can reach would otherwise pull every parameter towards it; issue 14's youth care).
  bool fit = true;
  double z(double simulated) const { return (simulated - value) / se; }
  // The accepted interval: the band, or value +- 2 se.
  double accept_lo() const { return band ? lo : value - 2 * se; }
  double accept_hi() const { return band ? hi : value + 2 * se; }
  // A band: lo <= simulated <= hi; a value +- se: |z| <= 2.
  bool in_band(double simulated) const { return band ? simulated >= lo && simulated <= hi : std::abs(z(simulated)) <= 2; }
  // The last week the target reads.
  uint32_t last_week() const { return year > 0 ? year * 52 : week_to; }
};

// Every outcome name of the targets (outcomes and per), each once, in order of appearance.
std::vector<std::string> target_outcome_names(const std::vector<Target>& targets);

// Simulated values: [replication][target]. `at_year` > 0 reads every target at that year
// instead of its own year / weeks (weeks targets: the mean over that year's 52 weeks).
// Replications 0 .. R-1 of scenario.seed; each simulation uses `threads` threads and runs
// only as many weeks as the targets need. Throws std::invalid_argument for an unknown
// outcome name (output::UnknownOutcome) or a target past the scenario's weeks.
std::vector<std::vector<double>> simulate_targets(const CompiledScenario& scenario,
                                                  const std::vector<Target>& targets, uint32_t replications,
                                                  int threads, uint32_t at_year = 0);
// The mean over replications of simulate_targets, per target.
std::vector<double> mean_over_replications(const std::vector<std::vector<double>>& per_replication);
// sum over targets of z^2.
double objective(const std::vector<Target>& targets, const std::vector<double>& simulated);

struct Parameter {
  std::string key_path;  // scenario key path, e.g. life_events.job_loss.weekly_rate
  double lo = 0, hi = 0; // range (lo < hi)
  bool integer = false;  // a count (capacity, households): values rounded to whole numbers
  // The value at u in [0, 1] of the range (clamped; rounded when integer).
  double at(double u) const {
    const double v = lo + std::min(1.0, std::max(0.0, u)) * (hi - lo);
    return integer ? std::round(v) : v;
  }
};

struct SearchOptions {
  uint32_t replications = 3;
  int threads = 1;
  int max_evals = 80;
  std::string algorithm = "LN_BOBYQA";  // or "LN_SBPLX"
  std::vector<double> start;            // start values (empty = the middle of each range)
  double xtol_rel = 1e-4;               // on the [0, 1] scale
  std::ostream* progress = nullptr;     // one line per evaluation
};

struct Evaluation {
  std::vector<double> values;     // parameter values
  std::vector<double> simulated;  // per target, mean over replications
  double objective = 0;
};

struct SearchResult {
  Evaluation best;
  int evaluations = 0;
  std::string stop_reason;  // NLopt's result, in words
};

// Scenario for a parameter vector (in the order of `parameters`): the caller's loader.
using MakeScenario = std::function<CompiledScenario(const std::vector<double>& values)>;

// Evaluates one parameter vector: simulate, mean, objective.
Evaluation evaluate(const MakeScenario& make, const std::vector<double>& values, const std::vector<Target>& targets,
                    uint32_t replications, int threads);

// Minimises the objective over the parameter box. Throws std::invalid_argument on a bad
// algorithm name or range; an exception from `make` (a parameter value the scenario
// refuses) ends the search and is rethrown.
SearchResult search(const std::vector<Parameter>& parameters, const std::vector<Target>& targets,
                    const MakeScenario& make, const SearchOptions& options);

}  // namespace wijksim::calibrate
