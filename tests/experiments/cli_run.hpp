#pragma once
// Running the built `wijksim` binary from a test (WIJKSIM_CLI_PATH) and reading what it wrote.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace wijksim::experiments::testing {

// `wijksim ARGS` with stdout and stderr into `log`; the exit code (-1 when killed).
inline int wijksim_cli(const std::string& args, const std::string& log) {
  const int status = std::system((std::string(WIJKSIM_CLI_PATH) + " " + args + " >" + log + " 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace wijksim::experiments::testing
