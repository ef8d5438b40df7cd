#pragma once
// Median and 95% band across replications (brief_data.hpp Band), shared by the store and run
// readers.
#include <cstdint>
#include <string>
#include <vector>

#include "brief_data.hpp"

namespace wijksim::report {

// The q-quantile of `x` (linear interpolation between order statistics, R type 7); NaN when
// empty. `x` is sorted in place.
double quantile(std::vector<double>& x, double q);
// per_week[i]: the replications' values at weeks[i].
Band band(const std::string& variant, const std::vector<uint32_t>& weeks, std::vector<std::vector<double>> per_week);

}  // namespace wijksim::report
