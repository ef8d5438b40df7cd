#pragma once
// Internal to the calibration files (calibration_parse.cpp, calibration_output.cpp): a
// parameter value as override text, exact (shortest-safe %.17g: reading it back gives the
// same double, so calibrated.yaml reproduces the fitted run bit for bit).
#include <cstdio>
#include <string>

namespace wijksim::scenarios::detail {

inline std::string exact_number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace wijksim::scenarios::detail
