// Blocks of summary.json (nlohmann::json, as the run's writers build them in process) ->
// typed columns. Column names are the writer's keys, so a key renamed or added there
// (cents -> euros, a new counter) reaches Python with no change here.
//
// Types: a column of integers is int64, of numbers (or numbers and nulls) float64 with
// NaN for null, of booleans bool, a column of strings str, anything else object (the JSON values as Python values).
#include <algorithm>
#include <cmath>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "module.hpp"

namespace wijksim::python {

namespace {

py::object column_of(const std::vector<const nlohmann::json*>& cells) {
  bool integers = true, numbers = true, booleans = true;
  for (const auto* c : cells) {
    integers &= c->is_number_integer();
    numbers &= c->is_number() || c->is_null();
    booleans &= c->is_boolean();
  }
  const auto n = static_cast<py::ssize_t>(cells.size());
  if (integers && !cells.empty()) {
    py::array_t<int64_t> a(n);
    for (py::ssize_t i = 0; i < n; ++i) a.mutable_data()[i] = cells[i]->get<int64_t>();
    return a;
  }
  if (numbers) {
    py::array_t<double> a(n);
    for (py::ssize_t i = 0; i < n; ++i) a.mutable_data()[i] = cells[i]->is_null() ? std::nan("") : cells[i]->get<double>();
    return a;
  }
  if (booleans) {
    py::array_t<bool> a(n);
    for (py::ssize_t i = 0; i < n; ++i) a.mutable_data()[i] = cells[i]->get<bool>();
    return a;
  }
  bool strings = true;
  for (const auto* c : cells) strings &= c->is_string();
  if (strings) {
    std::vector<std::string> text;
    for (const auto* c : cells) text.push_back(c->get<std::string>());
    return py::array(py::cast(text));
  }
  py::list values;  // mixed (text and null, nested values): Python objects
  for (const auto* c : cells) values.append(py::module_::import("json").attr("loads")(c->dump()));
  return py::module_::import("numpy").attr("array")(values, py::arg("dtype") = "O");
}

// Rows (objects) -> columns: `first` (if given), then every key in the first row that has it.
Columns columns_of(const std::vector<std::pair<std::string, const nlohmann::json*>>& rows, const std::string& first) {
  std::vector<std::string> keys;
  for (const auto& [label, row] : rows)
    for (const auto& [key, value] : row->items())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  Columns columns;
  static const nlohmann::json null_cell;
  if (!first.empty()) {
    std::vector<std::string> labels;
    for (const auto& [label, row] : rows) labels.push_back(label);
    columns.emplace_back(first, py::array(py::cast(labels)));
  }
  for (const auto& key : keys) {
    if (key == first) continue;
    std::vector<const nlohmann::json*> cells;
    for (const auto& [label, row] : rows) cells.push_back(row->contains(key) ? &(*row)[key] : &null_cell);
    columns.emplace_back(key, column_of(cells));
  }
  return columns;
}

}  // namespace

Columns keyed_table(const nlohmann::json& object, const std::string& key_column,
                    const std::vector<std::string>& order) {
  std::vector<std::pair<std::string, const nlohmann::json*>> rows;
  for (const auto& label : order)
    if (object.contains(label)) rows.emplace_back(label, &object[label]);
  for (const auto& [label, row] : object.items())
    if (std::find(order.begin(), order.end(), label) == order.end()) rows.emplace_back(label, &row);
  return columns_of(rows, key_column);
}

Columns records_table(const nlohmann::json& array, const std::string& first) {
  std::vector<std::pair<std::string, const nlohmann::json*>> rows;
  for (const auto& row : array) rows.emplace_back(row.contains(first) ? row[first].get<std::string>() : "", &row);
  return columns_of(rows, first);
}

}  // namespace wijksim::python
