// C++ exceptions -> Python exception classes.
//   scenarios::ScenarioError       -> wijksim.ScenarioError(ValueError), with .issues
//   experiments::StoreError        -> wijksim.StoreError(RuntimeError)
//   experiments::ExperimentMismatch-> wijksim.ExperimentMismatch(StoreError)
// std::invalid_argument becomes ValueError (pybind11's own translation).
#include <pybind11/stl.h>

#include "module.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::python {

namespace {

// The Python class object, created once at import. Deliberately leaked: exception
// translators may run during interpreter shutdown, after module globals are cleared.
PyObject* scenario_error_type = nullptr;

std::string issues_message(const std::vector<scenarios::ScenarioIssue>& issues) {
  std::string text = std::to_string(issues.size()) + (issues.size() == 1 ? " problem" : " problems");
  for (const auto& issue : issues) text += "\n  " + issue.to_string();
  return text;
}

}  // namespace

void register_errors(py::module_& m) {
  py::class_<scenarios::ScenarioIssue>(m, "ScenarioIssue",
                                       "One problem of a scenario or experiment file: where and what.")
      .def_readonly("file", &scenarios::ScenarioIssue::file)
      .def_readonly("line", &scenarios::ScenarioIssue::line, "1-based; 0 when unknown")
      .def_readonly("column", &scenarios::ScenarioIssue::column, "1-based; 0 when unknown")
      .def_readonly("key_path", &scenarios::ScenarioIssue::key_path)
      .def_readonly("expected", &scenarios::ScenarioIssue::expected)
      .def_readonly("got", &scenarios::ScenarioIssue::got)
      .def_readonly("warning", &scenarios::ScenarioIssue::warning)
      .def("__str__", &scenarios::ScenarioIssue::to_string)
      .def("__repr__", [](const scenarios::ScenarioIssue& i) { return "<ScenarioIssue " + i.to_string() + ">"; });

  scenario_error_type = PyErr_NewExceptionWithDoc(
      "wijksim.ScenarioError",
      "A scenario or experiment file has problems; .issues lists every one (file, line, column, key_path, "
      "expected, got).",
      PyExc_ValueError, nullptr);
  m.attr("ScenarioError") = py::handle(scenario_error_type);

  static py::exception<experiments::StoreError> store_error(m, "StoreError", PyExc_RuntimeError);
  static py::exception<experiments::ExperimentMismatch> mismatch(m, "ExperimentMismatch", store_error.ptr());

  // Registered last, so tried first: derived classes before their bases.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const scenarios::ScenarioError& e) {
      py::list issues;
      for (const auto& issue : e.issues()) issues.append(py::cast(issue));
      py::object error = py::reinterpret_borrow<py::object>(scenario_error_type)(issues_message(e.issues()));
      error.attr("issues") = issues;
      PyErr_SetObject(scenario_error_type, error.ptr());
    } catch (const experiments::ExperimentMismatch& e) {
      PyErr_SetString(mismatch.ptr(), e.what());
    } catch (const experiments::StoreError& e) {
      PyErr_SetString(store_error.ptr(), e.what());
    }
  });
}

}  // namespace wijksim::python
