#include "wijksim/experiments/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <string_view>

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

PairedDifference unpaired_difference(std::span<const double> variant, std::span<const double> baseline,
                                     double level) {
  const Summary x = summarise(variant, level), y = summarise(baseline, level);
  PairedDifference p;
  p.n = std::min(x.n, y.n);
  p.mean_variant = x.mean;
  p.mean_baseline = y.mean;
  p.mean_difference = x.mean - y.mean;
  if (x.n < 2 || y.n < 2) {
    p.ci_low = p.ci_high = kNaN;
    return p;
  }
  const double vx = x.sd * x.sd / static_cast<double>(x.n), vy = y.sd * y.sd / static_cast<double>(y.n);
  const double se = std::sqrt(vx + vy);
  p.sd_difference = se * std::sqrt(static_cast<double>(p.n));
  // Both samples constant: the difference is exact.
  const double df = vx + vy == 0 ? 1.0
                                 : (vx + vy) * (vx + vy) /
                                       (vx * vx / static_cast<double>(x.n - 1) + vy * vy / static_cast<double>(y.n - 1));
  const double half = t_quantile(df, level) * se;
  p.ci_low = p.mean_difference - half;
  p.ci_high = p.mean_difference + half;
  return p;
}

namespace {
struct PointEstimates { std::vector<double> first, total; double variance; };

// Estimates on the base samples listed in `rows` (all of them, or a bootstrap resample).
// f is centred first (its mean over A and B of these rows subtracted): the first-order
// estimator's f(B) factor then has mean zero, so a constant added to f (Ishigami + 1000)
// no longer multiplies the noise of f(AB_i) - f(A) (with f + 1000 and N = 4096 the
// uncentred S1 moved by 0.2 with intervals of +-16). Jansen's total and V are unchanged.
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
      s1 += (y_b[j] - mean) * (y_ab[i][j] - y_a[j]);
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

namespace {
// When Sobol indices are flagged (sobol_warnings):
// - An interval wider than 0.2, a fifth of the [0, 1] scale of an index: the index cannot
//   then separate a parameter that matters (0.3) from one that hardly does (0.1), which is
//   the question a sensitivity analysis is asked. The width falls as 1/sqrt(N), so the
//   warning says how much larger N would have to be.
// - N below 100 base samples: the percentile bootstrap over N rows is a large-sample
//   method that undercovers with few rows, so even a narrow interval would not mean a
//   stable index. Measured on Ishigami with independent random A and B (300 repetitions,
//   coverage sd 0.013): the 95% intervals of the six indices covered the analytic value
//   83-92% of the time at N = 16 and 32, 90-95% at N = 64, 92-95% at N = 128 and 256.
//   (Ishigami's intervals at N = 64 are also about +-0.2 to +-0.35 wide.)
// - An index below 0 or above 1 by more than its interval (the whole interval outside
//   [0, 1]): estimation noise cannot explain it, so the output is mostly replication noise
//   or the design is incomplete.
constexpr double kMaxStableIntervalWidth = 0.2;
constexpr size_t kMinStableBaseSamples = 100;
// Fewer than 10 trajectories: sigma from fewer than 10 effects has a relative standard
// error above ~25% (sd of a sample sd ~ sigma / sqrt(2 (r - 1))), too coarse to tell a
// linear parameter from a non-linear one; 10 is the lower end the Morris literature uses
// (Campolongo et al. 2007; Saltelli et al. 2008, the Primer, ch. 3).
constexpr uint32_t kMinStableTrajectories = 10;

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

// Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string.
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}
}  // namespace

std::vector<std::string> sobol_warnings(const SobolIndices& s, const std::vector<std::string>& names) {
  std::vector<std::string> w;
  if (!(s.variance > 0)) {
    w.push_back(cat({"the output does not vary over the design (variance ", number(s.variance),
                     "): Sobol indices are undefined"}));
    return w;
  }
  if (s.base_samples < kMinStableBaseSamples)
    w.push_back(cat({"N = ", std::to_string(s.base_samples), " base samples is below ",
                     std::to_string(kMinStableBaseSamples), ": the bootstrap intervals are not reliable with so few"}));
  double widest = 0;
  auto check = [&](std::string_view what, size_t i, double value, double lo, double hi) {
    const std::string name = i < names.size() ? names[i] : cat({"parameter ", std::to_string(i + 1)});
    const std::string ci = cat({"[", number(lo), ", ", number(hi), "]"});
    if (hi - lo > kMaxStableIntervalWidth) {
      w.push_back(cat({what, " of ", name, ": 95% interval ", ci, " is wider than ", number(kMaxStableIntervalWidth)}));
      widest = std::max(widest, hi - lo);
    }
    if (hi < 0 || lo > 1)
      w.push_back(cat({what, " of ", name, " = ", number(value), " with 95% interval ", ci,
                       " lies outside [0, 1]: the output is dominated by noise the design does not explain"}));
  };
  for (size_t i = 0; i < s.first.size(); ++i) {
    check("S1", i, s.first[i], s.first_low[i], s.first_high[i]);
    check("ST", i, s.total[i], s.total_low[i], s.total_high[i]);
  }
  if (widest > 0) {
    const double factor = (widest / kMaxStableIntervalWidth) * (widest / kMaxStableIntervalWidth);
    const auto n = static_cast<size_t>(std::ceil(factor * static_cast<double>(s.base_samples)));
    w.push_back(cat({"intervals shrink as 1/sqrt(N): about N = ", std::to_string(n),
                     " base samples would bring the widest under ", number(kMaxStableIntervalWidth)}));
  }
  return w;
}

MorrisEffects morris_effects(std::span<const double> y, const std::vector<MorrisStep>& steps, uint32_t d) {
  if (d == 0 || steps.size() % d != 0 || y.size() != steps.size() / d * (d + 1))
    throw std::invalid_argument("Morris effects of " + std::to_string(d) + " parameter(s) need r (d + 1) outputs and r d "
                                "steps, got " + std::to_string(y.size()) + " and " + std::to_string(steps.size()));
  MorrisEffects m;
  m.trajectories = static_cast<uint32_t>(steps.size() / d);
  m.effects.assign(d, {});
  for (size_t j = 0; j < steps.size(); ++j) {
    const size_t before = j / d * (d + 1) + j % d;
    const MorrisStep& st = steps[j];
    if (st.parameter >= d || st.step == 0)
      throw std::invalid_argument("Morris step " + std::to_string(j) + " moves no parameter of " + std::to_string(d));
    m.effects[st.parameter].push_back((y[before + 1] - y[before]) / st.step);
  }
  for (uint32_t k = 0; k < d; ++k) {
    const auto& e = m.effects[k];
    if (e.size() != m.trajectories)
      throw std::invalid_argument("Morris steps: parameter " + std::to_string(k + 1) + " moves " +
                                  std::to_string(e.size()) + " times in " + std::to_string(m.trajectories) +
                                  " trajectories (once each expected)");
    double abs_sum = 0;
    for (double v : e) abs_sum += std::abs(v);
    m.mu.push_back(mean_of(e));
    m.mu_star.push_back(abs_sum / static_cast<double>(e.size()));
    m.sigma.push_back(e.size() < 2 ? kNaN : sd_of(e, m.mu.back()));
  }
  return m;
}

std::vector<std::string> morris_warnings(const MorrisEffects& m) {
  std::vector<std::string> w;
  if (m.trajectories < kMinStableTrajectories)
    w.push_back(cat({"r = ", std::to_string(m.trajectories), " trajectories is below ",
                     std::to_string(kMinStableTrajectories), ": sigma (and the ranking by mu*) is too noisy to rely on"}));
  if (std::all_of(m.mu_star.begin(), m.mu_star.end(), [](double v) { return v == 0; }))
    w.push_back("the output does not change at any step: no parameter has an effect on it over these ranges");
  return w;
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
