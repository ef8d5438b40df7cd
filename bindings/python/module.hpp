#pragma once
// Internal declarations shared by the files of the Python module. Each file registers one
// part of the module (errors, scenarios, simulation, run/bench, experiments); module.cpp
// calls them in order. No simulation logic lives here: every function forwards to the
// same C++ API the CLI calls, with the same names.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/scenarios/load.hpp"

namespace wijksim::python {

namespace py = pybind11;

// Python's `wijksim.Scenario`: the spec (for resolved_yaml()) and the compiled scenario.
// The compiled part is shared, immutable, with every Simulation made from it.
struct Scenario {
  scenarios::LoadedScenario loaded;
  std::shared_ptr<const CompiledScenario> compiled;
};

// Loads the embedded default city when `path` is empty; `set` maps key paths to values
// (str, bool, int, float, list, dict, None) applied as --set overrides.
Scenario load_scenario(const std::string& path, const py::dict& set);

// Columns in order, each a numpy array (or a pandas extension array). Returns a pandas
// DataFrame when pandas can be imported, else a dict of the arrays.
using Columns = std::vector<std::pair<std::string, py::object>>;
py::object to_frame(const Columns& columns);
bool pandas_available();

// Rows a result-file writer appended (timeseries.csv, providers.csv; no header) split under
// the writer's column `names` into typed columns (csv_table.cpp); `table` names the file
// in errors.
Columns csv_columns(const CompiledScenario& scenario, const std::vector<std::string>& names, const std::string& rows,
                    const std::string& table);
// A whole CSV text (header line first) of a writer that names no scenario columns
// (compare --csv, compare --financiers --csv): text columns are those with a non-number.
Columns csv_columns(const std::string& text, const std::string& table);
// summary.json blocks (json_table.cpp): an object of objects, one row per key (in `order`
// first, then the rest), the key in column `key_column`; an array of objects, one row each,
// the `first` key's column first.
Columns keyed_table(const nlohmann::json& object, const std::string& key_column,
                    const std::vector<std::string>& order = {});
Columns records_table(const nlohmann::json& array, const std::string& first);

// help(wijksim): overview and a worked example (docstring.cpp).
const char* module_docstring();

void register_errors(py::module_& m);
void register_scenario(py::module_& m);
void register_simulation(py::module_& m);
void register_run(py::module_& m);
void register_experiments(py::module_& m);

}  // namespace wijksim::python
