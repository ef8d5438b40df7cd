#pragma once
// Statistics for experiments: means, paired differences with t-based confidence
// intervals (common random numbers make replication r of two variants a pair), Sobol
// sensitivity indices with bootstrap intervals and Morris elementary effects.
//
// All functions are deterministic: sums run in index order, and bootstrap resamples are
// drawn from Philox keyed by (seed, resample, position), so an interval printed today is
// printed again tomorrow.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wijksim/experiments/design.hpp"

namespace wijksim::experiments {

struct Summary {
  size_t n = 0;
  double mean = 0;
  double sd = 0;        // sample standard deviation (n - 1); 0 when n < 2
  double ci_low = 0;    // t-based interval for the mean; NaN when n < 2
  double ci_high = 0;
};
Summary summarise(std::span<const double> x, double level = 0.95);

// Paired difference variant - baseline over replications (x[r] and y[r] share random
// streams). The interval is mean(d) +- t_{n-1, (1+level)/2} * sd(d) / sqrt(n).
struct PairedDifference {
  size_t n = 0;
  double mean_variant = 0;
  double mean_baseline = 0;
  double mean_difference = 0;
  double sd_difference = 0;
  double ci_low = 0;     // NaN when n < 2
  double ci_high = 0;
};
// Throws std::invalid_argument when the sizes differ.
PairedDifference paired_difference(std::span<const double> variant, std::span<const double> baseline,
                                   double level = 0.95);

// The same without pairing (variants with seeds of their own: common_random_numbers false):
// Welch's interval mean(x) - mean(y) +- t_{df, (1+level)/2} * sqrt(sx^2/nx + sy^2/ny), df by
// Welch-Satterthwaite. n = min(nx, ny); sd_difference = sqrt(sx^2/nx + sy^2/ny) * sqrt(n)
// (so sd_difference / sqrt(n) is the standard error, as for a paired difference).
PairedDifference unpaired_difference(std::span<const double> variant, std::span<const double> baseline,
                                     double level = 0.95);

// Half-width factor t_{df, (1+level)/2} (Boost.Math Student's t quantile).
double t_quantile(double df, double level);

// Sobol indices from the Saltelli design (design.hpp): y_a[j] = f(A_j), y_b[j] = f(B_j),
// y_ab[i][j] = f(AB_i,j). With m the mean and V the variance of f over A and B together,
// first order: Saltelli et al. (2010) estimator on centred outputs
//   S_i  = mean_j( (f(B)_j - m) * (f(AB_i)_j - f(A)_j) ) / V
// total: Jansen (1999)
//   ST_i = mean_j( (f(A)_j - f(AB_i)_j)^2 ) / (2 V)
// so f + c gives the same indices as f. Intervals: percentile bootstrap over the N base
// samples (the same resample for every index, so they stay consistent; m and V are
// recomputed on each resample).
struct SobolIndices {
  std::vector<double> first, first_low, first_high;
  std::vector<double> total, total_low, total_high;
  double variance = 0;
  size_t base_samples = 0;
};
struct SobolOptions {
  uint32_t bootstrap_resamples = 1000;
  double level = 0.95;
  uint64_t seed = 12345;
};
// Throws std::invalid_argument on inconsistent sizes or N < 2.
SobolIndices sobol_indices(std::span<const double> y_a, std::span<const double> y_b,
                           const std::vector<std::vector<double>>& y_ab, const SobolOptions& options = {});

// When the indices are not to be trusted, one line each (empty when they are): N too
// small, an interval too wide, an index outside [0, 1] beyond its interval, or an output
// that does not vary. names[i] names parameter i. The rules and their reasons are in
// statistics.cpp beside the thresholds.
std::vector<std::string> sobol_warnings(const SobolIndices& indices, const std::vector<std::string>& names);

// Splits the outputs of a sobol design's points (in design order: A, B, AB_1..AB_d, each
// N long) and computes the indices.
SobolIndices sobol_indices_from_design_order(std::span<const double> y, uint32_t n_base,
                                             uint32_t n_parameters, const SobolOptions& options = {});

// Morris elementary effects from the outputs of a morris design's points (design order,
// trajectory-major) and its steps (design.hpp morris_steps): the effect of step j of
// trajectory t is (y[t (d+1) + j + 1] - y[t (d+1) + j]) / step, i.e. the change of the
// output per full range of the parameter. Per parameter: mu (mean effect), mu* (mean
// absolute effect, Campolongo et al. 2007: the importance ranking, immune to effects of
// opposite sign cancelling) and sigma (sample standard deviation of the effects:
// non-linearity or interactions; 0 for a parameter that enters f linearly and alone).
struct MorrisEffects {
  std::vector<double> mu, mu_star, sigma;    // per parameter; sigma NaN when r < 2
  std::vector<std::vector<double>> effects;  // effects[k][t]: parameter k, trajectory t
  uint32_t trajectories = 0;
};
// Throws std::invalid_argument when y or steps do not fit r trajectories of d + 1 points.
MorrisEffects morris_effects(std::span<const double> y, const std::vector<MorrisStep>& steps, uint32_t n_parameters);
// When mu* and sigma are not to be trusted (too few trajectories) or say nothing (an
// output that no step changes), one line each.
std::vector<std::string> morris_warnings(const MorrisEffects& effects);

// The Ishigami function f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3, and its
// analytic indices, the standard test of sensitivity code.
double ishigami(double x1, double x2, double x3, double a = 7.0, double b = 0.1);
struct AnalyticIndices { std::vector<double> first, total; };
AnalyticIndices ishigami_analytic(double a = 7.0, double b = 0.1);

}  // namespace wijksim::experiments
