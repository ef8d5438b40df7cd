// The `wijksim` Python module: version, then the parts in dependency order (errors first,
// so every later function's C++ exceptions map to Python classes).
#include "module.hpp"
#include "wijksim/version.hpp"

PYBIND11_MODULE(wijksim, m) {
  namespace wp = wijksim::python;
  m.doc() = wp::module_docstring();
  m.attr("__version__") = wijksim::kEngineVersion;
  m.attr("git_hash") = wijksim::kGitHash;
  wp::register_errors(m);
  wp::register_scenario(m);
  wp::register_simulation(m);
  wp::register_run(m);
  wp::register_experiments(m);
}
