// CSV text written by a wijksim writer -> typed columns.
//
// The bindings never format cells themselves: they call the writer that fills the file
// (timeseries.csv, providers.csv, compare --csv) and split its text, so a table cannot
// drift from the file's columns or cell rules, and numbers printed %.17g (compare) come
// back as the same doubles. A column is text when it is declared so (the run files: every
// column that no outcome row produces, i.e. wijk, provider, type, financier) or when a
// filled cell is not a number (variant, metric, unit; a pooled compare's point "all");
// otherwise int64 when every filled cell is an integer, float64 if not (wait_mean's
// "%.3f", euros with cents). Empty cells are missing: pandas' nullable Int64 (numpy masked
// array without pandas) in an integer column, NaN in a float column; a column with no
// filled cell is float64 NaN. Rejected: a type per column kept here by hand, which the
// writers' next column would silently miss.
#include <charconv>
#include <cmath>
#include <functional>
#include <set>
#include <stdexcept>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "module.hpp"
#include "wijksim/output/outcomes.hpp"

namespace wijksim::python {

namespace {

// RFC 4180 cells of one line (quoted names may hold commas and doubled quotes).
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

template <class T>
bool parse_whole(const std::string& text, T& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

// Integer column with missing cells: pandas' nullable Int64, or a numpy masked array.
py::object int_column(const std::vector<std::string>& cells, bool pandas) {
  const auto n = static_cast<py::ssize_t>(cells.size());
  py::array_t<int64_t> data(n);
  py::array_t<bool> mask(n);
  bool any_missing = false;
  for (py::ssize_t i = 0; i < n; ++i) {
    const bool missing = cells[i].empty();
    any_missing |= mask.mutable_data()[i] = missing;
    int64_t v = 0;
    if (!missing) parse_whole(cells[i], v);
    data.mutable_data()[i] = v;
  }
  if (!any_missing) return data;
  if (pandas) return py::module_::import("pandas").attr("arrays").attr("IntegerArray")(data, mask);
  return py::module_::import("numpy").attr("ma").attr("MaskedArray")(data, mask);
}

py::object float_column(const std::vector<std::string>& cells) {
  py::array_t<double> data(static_cast<py::ssize_t>(cells.size()));
  for (size_t i = 0; i < cells.size(); ++i) {
    double v = std::nan("");
    if (!cells[i].empty()) parse_whole(cells[i], v);
    data.mutable_data()[i] = v;
  }
  return data;
}

py::object typed_column(const std::vector<std::string>& cells, bool text, bool pandas) {
  bool filled = false, integers = true, numbers = true;
  for (const auto& c : cells) {
    if (c.empty()) continue;
    filled = true;
    int64_t i = 0;
    double d = 0;
    if (parse_whole(c, i)) continue;
    integers = false;
    numbers &= parse_whole(c, d);
  }
  if (text || !numbers) return py::array(py::cast(cells));
  return filled && integers ? int_column(cells, pandas) : float_column(cells);
}

// `rows`: lines under the header `names`; `declared_text(name)`: a column of names.
Columns split_rows(const std::vector<std::string>& names, std::string_view rows, const std::string& table,
                   const std::function<bool(const std::string&)>& declared_text) {
  std::vector<std::vector<std::string>> cells(names.size());
  size_t start = 0;
  while (start < rows.size()) {
    size_t end = rows.find('\n', start);
    if (end == std::string::npos) end = rows.size();
    auto line = split_csv_line(rows.substr(start, end - start));
    start = end + 1;
    if (line.size() != names.size())
      throw std::logic_error(table + ": a row has " + std::to_string(line.size()) + " cells, the header " +
                             std::to_string(names.size()));
    for (size_t c = 0; c < line.size(); ++c) cells[c].push_back(std::move(line[c]));
  }
  const bool pandas = pandas_available();
  Columns columns;
  for (size_t c = 0; c < names.size(); ++c)
    columns.emplace_back(names[c], typed_column(cells[c], declared_text(names[c]), pandas));
  return columns;
}

}  // namespace

Columns csv_columns(const CompiledScenario& scenario, const std::vector<std::string>& names, const std::string& rows,
                    const std::string& table) {
  // Outcome columns (numbers) of this scenario; every other column but `week` holds names.
  std::set<std::string> numeric{"week"};
  for (const auto& o : output::scenario_outcomes(scenario)) {
    numeric.insert(o.timeseries_column());
    numeric.insert(o.providers_column());
  }
  return split_rows(names, rows, table, [&](const std::string& name) { return !numeric.count(name); });
}

Columns csv_columns(const std::string& text, const std::string& table) {
  const size_t end = text.find('\n');
  const std::vector<std::string> names = split_csv_line(std::string_view(text).substr(0, end));
  const std::string_view rows = end == std::string::npos ? std::string_view() : std::string_view(text).substr(end + 1);
  return split_rows(names, rows, table, [](const std::string&) { return false; });
}

}  // namespace wijksim::python
