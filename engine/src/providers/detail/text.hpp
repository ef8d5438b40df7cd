#pragma once
// Message building without a formatting library (the engine target links no fmt):
// cat("provider '", name, "' has ", n) streams its arguments in order.
#include <sstream>
#include <string>

namespace wijksim::providers::detail {

template <class... Args>
std::string cat(const Args&... args) {
  std::ostringstream out;
  out.precision(6);
  (out << ... << args);
  return out.str();
}

}  // namespace wijksim::providers::detail
