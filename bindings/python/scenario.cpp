// wijksim.load_scenario / default_scenario and the Scenario class.
#include <filesystem>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "module.hpp"

namespace wijksim::python {

namespace {

// A Python value as the YAML text of a --set override. JSON is YAML flow syntax, so
// lists and dicts go through json.dumps; bool is tested before int (bool is an int).
std::string yaml_text(const py::handle& value) {
  if (value.is_none()) return "null";
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value)) return py::repr(value).cast<std::string>();
  return py::module_::import("json").attr("dumps")(value).cast<std::string>();
}

std::vector<scenarios::Override> overrides_of(const py::dict& set) {
  std::vector<scenarios::Override> out;
  for (const auto& [key, value] : set) out.push_back({py::str(key).cast<std::string>(), yaml_text(value)});
  return out;
}

}  // namespace

Scenario load_scenario(const std::string& path, const py::dict& set) {
  const auto overrides = overrides_of(set);
  Scenario s;
  {
    py::gil_scoped_release release;  // a large scenario takes a while to parse and compile
    s.loaded = path.empty() ? scenarios::load_default_scenario(overrides)
                            : scenarios::load_scenario_file(path, overrides);
    s.compiled = std::make_shared<const CompiledScenario>(scenarios::compile(s.loaded.spec));
  }
  return s;
}

void register_scenario(py::module_& m) {
  py::class_<Scenario>(m, "Scenario", "A loaded, validated and compiled scenario (immutable).")
      .def_property_readonly("name", [](const Scenario& s) { return s.compiled->name; })
      .def_property_readonly("domains", [](const Scenario& s) { return s.compiled->domain_names; },
                             "life domain names, in scenario order")
      .def_property_readonly("households", [](const Scenario& s) { return s.compiled->total_households(); },
                             "households in the whole city")
      .def_property_readonly("wijken",
                             [](const Scenario& s) {
                               std::vector<std::string> names;
                               for (const auto& w : s.compiled->wijken) names.push_back(w.name);
                               return names;
                             })
      .def_property_readonly("events",
                             [](const Scenario& s) {
                               std::vector<std::string> names;
                               for (const auto& e : s.compiled->events) names.push_back(e.name);
                               return names;
                             })
      .def_property_readonly("weeks", [](const Scenario& s) { return s.compiled->weeks; })
      .def_property_readonly("seed", [](const Scenario& s) { return s.compiled->seed; })
      .def_property_readonly("replication", [](const Scenario& s) { return s.compiled->replication; })
      .def_property_readonly("warnings", [](const Scenario& s) { return s.loaded.warnings; })
      .def("resolved_yaml", [](const Scenario& s) { return scenarios::emit_resolved_yaml(s.loaded.spec); },
           "The scenario as YAML with every default filled in (what `wijksim run` saves).")
      .def("__repr__", [](const Scenario& s) {
        return "<wijksim.Scenario '" + s.compiled->name + "': " + std::to_string(s.compiled->total_households()) +
               " households, " + std::to_string(s.compiled->domain_names.size()) + " domains, " +
               std::to_string(s.compiled->weeks) + " weeks>";
      });

  m.def(
      "load_scenario",
      [](const std::filesystem::path& path, const py::dict& set) {
        if (path.empty()) throw py::value_error("load_scenario: expected a scenario file path, got ''");
        return load_scenario(path.string(), set);
      },
      py::arg("path"), py::kw_only(), py::arg("set") = py::dict(),
      "Load a scenario YAML file. `set` = {'key.path': value} overrides, checked like the file "
      "(file '<--set>'). Raises wijksim.ScenarioError listing every problem.");
  m.def(
      "default_scenario", [](const py::dict& set) { return load_scenario("", set); }, py::kw_only(),
      py::arg("set") = py::dict(), "The embedded default city (scenarios/default.yaml), with optional overrides.");
}

}  // namespace wijksim::python
