// Median and 95% band across replications (series.hpp).
#include "series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wijksim::report {

double quantile(std::vector<double>& x, double q) {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(x.begin(), x.end());
  const double h = q * static_cast<double>(x.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

Band band(const std::string& variant, const std::vector<uint32_t>& weeks, std::vector<std::vector<double>> per_week) {
  Band b{variant, {}, {}, {}, {}};
  for (size_t i = 0; i < weeks.size(); ++i) {
    auto& x = per_week[i];
    if (x.empty()) continue;  // a week this variant has no finished run for
    b.weeks.push_back(weeks[i]);
    b.median.push_back(quantile(x, 0.5));
    b.low.push_back(quantile(x, 0.025));
    b.high.push_back(quantile(x, 0.975));
  }
  return b;
}

}  // namespace wijksim::report
