// Tables for Python: a pandas DataFrame when pandas imports, else a dict of numpy arrays
// (pandas is optional; numpy is required by pybind11's array support anyway).
#include "module.hpp"

namespace wijksim::python {

bool pandas_available() {
  try {
    py::module_::import("pandas");
    return true;
  } catch (const py::error_already_set&) {
    return false;  // ImportError: fall back to dicts; the error is cleared by the catch
  }
}

py::object to_frame(const Columns& columns) {
  py::dict data;
  for (const auto& [name, values] : columns) data[py::str(name)] = values;
  if (!pandas_available()) return data;
  return py::module_::import("pandas").attr("DataFrame")(data);
}

}  // namespace wijksim::python
