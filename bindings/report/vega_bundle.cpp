// Debian ships Vega 5.22 as its module packages (vega-util, vega-scale, ... vega-view), not as
// the single vega.min.js bundle, and their UMD wrappers do not compose as browser globals
// (each `e((n=globalThis).vega={}, n.vega, ...)` replaces the previous module's `vega`). So each
// file is run with a local `define` (`define.amd = true`) that resolves "exports" and the
// modules inlined before it: the UMD's AMD branch. Inlining at report time (not at build time)
// keeps the binary free of 500 kB of JavaScript and uses whatever Vega the system has.
// Left out: vega-geo, vega-projection(s) and vega-voronoi, which need d3-geo-projection and
// d3-delaunay that libjs-vega does not ship (a brief draws no maps); vega-interpreter (CSP).
#include "vega_bundle.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace wijksim::report {
namespace {

// {package name, file}: dependencies before dependants (each file's define([...]) list).
const std::vector<std::pair<const char*, const char*>>& modules() {
  static const std::vector<std::pair<const char*, const char*>> list{
      {"vega-util", "vega-util.min.js"},
      {"vega-time", "vega-time.min.js"},
      {"vega-format", "vega-format.min.js"},
      {"vega-loader", "vega-loader.min.js"},
      {"vega-dataflow", "vega-dataflow.min.js"},
      {"vega-scale", "vega-scale.min.js"},
      {"vega-canvas", "vega-canvas.min.js"},
      {"vega-scenegraph", "vega-scenegraph.min.js"},
      {"vega-expression", "vega-expression.min.js"},
      {"vega-selections", "vega-selection.min.js"},  // vega-functions asks for it by this name
      {"vega-statistics", "vega-statistics.min.js"},
      {"vega-functions", "vega-functions.min.js"},
      {"vega-event-selector", "vega-event-selector.min.js"},
      {"vega-runtime", "vega-runtime.min.js"},
      {"vega-view", "vega-view.min.js"},
      {"vega-parser", "vega-parser.min.js"},
      {"vega-transforms", "vega-transforms.min.js"},
      {"vega-view-transforms", "vega-view-transforms.min.js"},
      {"vega-encode", "vega-encode.min.js"},
      {"vega-crossfilter", "vega-crossfilter.min.js"},
      {"vega-hierarchy", "vega-hierarchy.min.js"},
      {"vega-regression", "vega-regression.min.js"},
      {"vega-force", "vega-force.min.js"},
      {"vega-label", "vega-label.min.js"},
      {"vega-wordcloud", "vega-wordcloud.min.js"},
  };
  return list;
}

// The loader: define(deps, factory) for one named module.
constexpr const char* kLoader = R"JS(
var wijksimModules = {};
function wijksimDefine(name) {
  function define(deps, factory) {
    var exports = {};
    var args = deps.map(function (d) {
      if (d === "exports") return exports;
      if (!(d in wijksimModules)) throw new Error("wijksim brief: " + name + " needs " + d + ", which was not inlined");
      return wijksimModules[d];
    });
    var result = factory.apply(window, args);
    wijksimModules[name] = deps.indexOf("exports") < 0 && result !== undefined ? result : exports;
  }
  define.amd = true;
  return define;
}
)JS";

// What the umbrella package's index does: every transform package into the dataflow's
// registry, so specs can name them; then one function that renders a spec as SVG.
constexpr const char* kRegister = R"JS(
(function () {
  var M = wijksimModules;
  ["vega-transforms", "vega-view-transforms", "vega-encode", "vega-crossfilter", "vega-hierarchy",
   "vega-regression", "vega-force", "vega-label", "vega-wordcloud"].forEach(function (n) {
    M["vega-util"].extend(M["vega-dataflow"].transforms, M[n]);
  });
})();
function wijksimRender(id, spec) {
  var M = wijksimModules;
  var view = new M["vega-view"].View(M["vega-parser"].parse(spec), {renderer: "svg", container: "#" + id, hover: false});
  return view.runAsync();
}
)JS";

std::string read_module(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw std::runtime_error(file.string() + " is missing: the brief's charts need Vega from Debian: apt-get install libjs-vega");
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  // The source map is a file beside it, not in the brief: drop the reference.
  if (const auto map = text.rfind("//# sourceMappingURL="); map != std::string::npos) text.resize(map);
  return text;
}

}  // namespace

std::string vega_dir() {
  const char* env = std::getenv("WIJKSIM_VEGA_DIR");
  return env && *env ? env : "/usr/share/javascript/vega";
}

std::string vega_script() {
  const std::filesystem::path dir = vega_dir();
  if (!std::filesystem::is_directory(dir))
    throw std::runtime_error(dir.string() + " is missing: the brief's charts need Vega from Debian: apt-get install libjs-vega");
  std::string out = "/* Vega 5 (BSD-3-Clause, from Debian libjs-vega, " + dir.string() +
                    "), inlined module by module */\n";
  out += kLoader;
  for (const auto& [name, file] : modules()) {
    out += "(function (define) {\n";
    out += read_module(dir / file);
    out += "\n}).call(window, wijksimDefine(\"";
    out += name;
    out += "\"));\n";
  }
  out += kRegister;
  return out;
}

}  // namespace wijksim::report
