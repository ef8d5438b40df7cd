#pragma once
// Sweep designs: which parameter values each sweep point gets.
//
// A design is computed in the unit hypercube [0,1)^d first and then mapped onto the
// parameters (a range low..high, optionally rounded to integers, or a list of values).
// Every design is a pure function of its inputs (and, for the Latin hypercube, a seed):
// the same experiment file gives the same points on every machine and thread count.
//
//   grid             Cartesian product of each parameter's levels; last parameter fastest.
//   latin_hypercube  n points, each parameter's range cut into n strata, one point per
//                    stratum; strata permutations and jitter come from Philox keyed by
//                    (seed, purpose, parameter, point), never from a stateful generator.
//   sobol            Saltelli's A/B/AB_i construction on Boost's Sobol sequence
//                    (boost::random::sobol, Joe-Kuo directions) in 2d dimensions:
//                    A = first d coordinates, B = last d, AB_i = A with column i from B.
//                    Points are stored block by block: A (N rows), B (N rows), AB_1 ...
//                    AB_d, i.e. N * (d + 2) points; sobol_indices() reads them back.
//   morris           Morris (1991) elementary effects: r trajectories of d + 1 points on a
//                    grid of p levels {0, 1/(p-1), ..., 1} per parameter; each step moves one
//                    parameter by +-Delta, Delta = p / (2 (p - 1)), in an order and direction
//                    drawn per trajectory. Points are stored trajectory-major (trajectory t
//                    holds points t (d+1) ... t (d+1) + d); base levels, directions and
//                    orders come from Philox keyed by (seed, purpose, trajectory, parameter),
//                    as for the Latin hypercube. Ranges only: a value list has no step of a
//                    fixed fraction of its range, so morris refuses it.
#include <cstdint>
#include <string>
#include <vector>

namespace wijksim::experiments {

enum class DesignKind { none, grid, latin_hypercube, sobol, morris };
const char* to_string(DesignKind kind);

// One swept parameter. Either `values` (a list; for grid the levels, for the other
// designs a discrete uniform choice) or a range [low, high] (grid: `levels` evenly spaced
// values including both ends).
struct SweepParameter {
  std::string key_path;          // scenario key path, e.g. providers.credit_bank.capacity
  std::vector<double> values;    // non-empty: a value list
  double low = 0, high = 0;      // range, used when values is empty
  bool integer = false;          // round to the nearest integer (capacities, counts)
  int levels = 0;                // grid over a range: number of levels (>= 2); morris: grid
                                 // levels p (even, >= 2; 0 = kMorrisDefaultLevels)
};

// Morris's p when the experiment file gives none: four levels (Delta = 2/3) is the usual
// choice since Morris (1991) and Campolongo et al. (2007).
inline constexpr int kMorrisDefaultLevels = 4;

struct Design {
  DesignKind kind = DesignKind::none;
  std::vector<SweepParameter> parameters;
  // points[p][k]: value of parameter k at sweep point p. A design without parameters has
  // exactly one point with no values (the scenario as written).
  std::vector<std::vector<double>> points;
  uint32_t sobol_base_samples = 0;  // N for a sobol design (points = N * (d + 2)), else 0
};

// Unit-hypercube designs (n x d, values in [0, 1)).
std::vector<std::vector<double>> latin_hypercube_unit(uint32_t n, uint32_t d, uint64_t seed);
std::vector<std::vector<double>> sobol_unit(uint32_t n, uint32_t d);  // first n Sobol points

struct SaltelliMatrices {
  std::vector<std::vector<double>> a, b;    // N x d each
  std::vector<std::vector<std::vector<double>>> ab;  // d matrices N x d: A with column i of B
};
SaltelliMatrices saltelli_unit(uint32_t n, uint32_t d);

// Morris trajectories in the unit cube: r * (d + 1) points (trajectory-major); step s of
// trajectory t (index t * d + s) moves parameter `parameter[t * d + s]` from point
// t (d+1) + s to the next by `step[t * d + s]` = +-Delta_k, Delta_k = p_k / (2 (p_k - 1)).
// levels[k] is parameter k's p (even, >= 2). Values lie in [0, 1] (1 included).
struct MorrisUnit {
  std::vector<std::vector<double>> points;
  std::vector<uint32_t> parameter;
  std::vector<double> step;
};
MorrisUnit morris_unit(uint32_t trajectories, const std::vector<int>& levels, uint64_t seed);

// One step of a morris design in parameter units: the parameter moved and by how much,
// as a fraction of its range (high - low). It is +-Delta, except for an integer parameter,
// whose rounded values may move by a little more or less; an elementary effect divides
// the output's change by it, so effects are "per full range of the parameter".
struct MorrisStep {
  uint32_t parameter = 0;
  double step = 0;
};
// The steps of a morris design (trajectory-major, d per trajectory), recomputed from the
// parameters and the seed the design was made with. Throws std::invalid_argument when the
// design's points are not the ones these give (a store from another seed or version).
std::vector<MorrisStep> morris_steps(const Design& design, uint64_t seed);

// Maps u in [0, 1) to the parameter's value (range, integer rounding or value list).
double map_unit(const SweepParameter& parameter, double u);

// Builds the design's points. `samples` is the number of points for latin_hypercube, the
// base sample count N for sobol and the number of trajectories r for morris (ignored for
// grid). For morris, a parameter's levels 0 becomes kMorrisDefaultLevels in the design.
// Throws std::invalid_argument on a malformed parameter (the experiment parser reports
// those with file:line first).
Design make_design(DesignKind kind, std::vector<SweepParameter> parameters, uint32_t samples,
                   uint64_t seed);

}  // namespace wijksim::experiments
