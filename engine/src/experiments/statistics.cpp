#include "wijksim/experiments/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>

#include "philox_uniform.hpp"

namespace wijksim::experiments {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(std::span<const double> x) {
  double s = 0;
  for (double v : x) s += v;
  return x.empty() ? 0.0 : s / static_cast<double>(x.size());
}

double sd_of(std::span<const double> x, double mean) {
  if (x.size() < 2) return 0.0;
  double s = 0;
  for (double v : x) s += (v - mean) * (v - mean);
  return std::sqrt(s / static_cast<double>(x.size() - 1));
}

// Percentile of a sorted sample by linear interpolation (type 7, as numpy and R default).
double percentile(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}
}  // namespace

double t_quantile(double df, double level) {
  boost::math::students_t dist(df);
  return boost::math::quantile(dist, 0.5 + level / 2.0);
}

Summary summarise(std::span<const double> x, double level) {
  Summary s;
  s.n = x.size();
  s.mean = mean_of(x);
  s.sd = sd_of(x, s.mean);
  if (s.n < 2) {
    s.ci_low = s.ci_high = kNaN;
  } else {
    const double half = t_quantile(static_cast<double>(s.n - 1), level) * s.sd / std::sqrt(static_cast<double>(s.n));
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
  }
  return s;
}

PairedDifference paired_difference(std::span<const double> variant, std::span<const double> baseline,
                                   double level) {
  if (variant.size() != baseline.size())
    throw std::invalid_argument("paired difference needs as many variant as baseline values (" +
                                std::to_string(variant.size()) + " vs " + std::to_string(baseline.size()) + ")");
  std::vector<double> d(variant.size());
  for (size_t r = 0; r < d.size(); ++r) d[r] = variant[r] - baseline[r];
  const Summary s = summarise(d, level);
  PairedDifference p;
  p.n = s.n;
  p.mean_variant = mean_of(variant);
  p.mean_baseline = mean_of(baseline);
  p.mean_difference = s.mean;
  p.sd_difference = s.sd;
  p.ci_low = s.ci_low;
  p.ci_high = s.ci_high;
  return p;
}

namespace {
struct PointEstimates { std::vector<double> first, total; double variance; };

// Estimates on the base samples listed in `rows` (all of them, or a bootstrap resample).
PointEstimates estimate(std::span<const double> y_a, std::span<const double> y_b,
                        const std::vector<std::vector<double>>& y_ab, const std::vector<uint32_t>& rows) {
  const double n = static_cast<double>(rows.size());
  double mean = 0;
  for (uint32_t j : rows) mean += y_a[j] + y_b[j];
  mean /= 2 * n;
  double var = 0;
  for (uint32_t j : rows) var += (y_a[j] - mean) * (y_a[j] - mean) + (y_b[j] - mean) * (y_b[j] - mean);
  var /= 2 * n;
  PointEstimates e{std::vector<double>(y_ab.size()), std::vector<double>(y_ab.size()), var};
  for (size_t i = 0; i < y_ab.size(); ++i) {
    double s1 = 0, st = 0;
    for (uint32_t j : rows) {
      s1 += y_b[j] * (y_ab[i][j] - y_a[j]);
      st += (y_a[j] - y_ab[i][j]) * (y_a[j] - y_ab[i][j]);
    }
    e.first[i] = var > 0 ? s1 / n / var : kNaN;
    e.total[i] = var > 0 ? st / (2 * n) / var : kNaN;
  }
  return e;
}
}  // namespace

SobolIndices sobol_indices(std::span<const double> y_a, std::span<const double> y_b,
                           const std::vector<std::vector<double>>& y_ab, const SobolOptions& options) {
  const size_t n = y_a.size();
  if (n < 2 || y_b.size() != n)
    throw std::invalid_argument("Sobol indices need f(A) and f(B) of equal length >= 2");
  for (const auto& v : y_ab)
    if (v.size() != n) throw std::invalid_argument("Sobol indices: every f(AB_i) must have N values");
  const size_t d = y_ab.size();

  std::vector<uint32_t> rows(n);
  for (uint32_t j = 0; j < n; ++j) rows[j] = j;
  const PointEstimates full = estimate(y_a, y_b, y_ab, rows);

  SobolIndices out;
  out.first = full.first;
  out.total = full.total;
  out.variance = full.variance;
  out.base_samples = n;
  const uint32_t reps = options.bootstrap_resamples;
  std::vector<std::vector<double>> boot_first(d), boot_total(d);
  for (uint32_t b = 0; b < reps; ++b) {
    for (uint32_t j = 0; j < n; ++j) {
      const double u = detail::philox_uniform(options.seed, detail::Purpose::bootstrap, b, j);
      rows[j] = std::min(static_cast<uint32_t>(u * static_cast<double>(n)), static_cast<uint32_t>(n - 1));
    }
    const PointEstimates e = estimate(y_a, y_b, y_ab, rows);
    for (size_t i = 0; i < d; ++i) {
      boot_first[i].push_back(e.first[i]);
      boot_total[i].push_back(e.total[i]);
    }
  }
  const double tail = (1.0 - options.level) / 2.0;
  auto interval = [&](std::vector<double>& v, double& lo, double& hi) {
    if (v.empty()) { lo = hi = kNaN; return; }
    std::sort(v.begin(), v.end());
    lo = percentile(v, tail);
    hi = percentile(v, 1.0 - tail);
  };
  out.first_low.resize(d); out.first_high.resize(d);
  out.total_low.resize(d); out.total_high.resize(d);
  for (size_t i = 0; i < d; ++i) {
    interval(boot_first[i], out.first_low[i], out.first_high[i]);
    interval(boot_total[i], out.total_low[i], out.total_high[i]);
  }
  return out;
}

SobolIndices sobol_indices_from_design_order(std::span<const double> y, uint32_t n_base,
                                             uint32_t n_parameters, const SobolOptions& options) {
  const size_t expected = static_cast<size_t>(n_base) * (n_parameters + 2);
  if (y.size() != expected)
    throw std::invalid_argument("Sobol design with N = " + std::to_string(n_base) + " and " +
                                std::to_string(n_parameters) + " parameters needs " + std::to_string(expected) +
                                " outputs, got " + std::to_string(y.size()));
  std::vector<std::vector<double>> y_ab(n_parameters);
  for (uint32_t i = 0; i < n_parameters; ++i)
    y_ab[i].assign(y.begin() + (2 + i) * n_base, y.begin() + (3 + i) * n_base);
  return sobol_indices(y.subspan(0, n_base), y.subspan(n_base, n_base), y_ab, options);
}

double ishigami(double x1, double x2, double x3, double a, double b) {
  const double s2 = std::sin(x2);
  return std::sin(x1) + a * s2 * s2 + b * x3 * x3 * x3 * x3 * std::sin(x1);
}

AnalyticIndices ishigami_analytic(double a, double b) {
  // Variances from Ishigami & Homma (1990); see also Saltelli et al., Global Sensitivity
  // Analysis: The Primer (2008), section 4.
  const double pi4 = std::pow(std::numbers::pi, 4), pi8 = pi4 * pi4;
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
  const double v2 = a * a / 8;
  const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

}  // namespace wijksim::experiments
