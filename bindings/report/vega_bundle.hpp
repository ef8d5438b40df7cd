#pragma once
// Vega from Debian's libjs-vega, inlined into the brief so it opens offline.
#include <string>

namespace wijksim::report {

// Where libjs-vega puts its modules; WIJKSIM_VEGA_DIR in the environment overrides it (tests
// point it at an empty folder to check the message).
std::string vega_dir();
// One <script> body: a small AMD loader, every Vega module the brief needs in dependency
// order (each registered under its package name), the transforms registered the way the
// `vega` umbrella package does, and wijksimRender(id, spec). Throws std::runtime_error naming
// `apt-get install libjs-vega` when a module file is missing.
std::string vega_script();

}  // namespace wijksim::report
