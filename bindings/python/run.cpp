// wijksim.run (the time series of one run as a table) and wijksim.bench (run_bench).
//
// run() builds its rows with output::append_timeseries_rows, the function that writes
// timeseries.csv, and splits them into typed columns: the table cannot drift from the
// file's columns or cell rules (e.g. provider columns empty in wijk rows, which become
// missing values). Rejected: re-deriving every column from WeekMetrics here, a second
// copy of the writer's column logic that would have to be kept in step by hand.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "simulation.hpp"
#include "wijksim/bench.hpp"
#include "wijksim/output/timeseries.hpp"
#include "wijksim/version.hpp"

namespace wijksim::python {

namespace {

// RFC 4180 cells of one line (quoted names may hold commas and doubled quotes).
std::vector<std::string> split_csv_line(const std::string& line) {
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

// Integer column with missing cells: pandas' nullable Int64, or a numpy masked array.
py::object int_column(const std::vector<int64_t>& values, const std::vector<bool>& missing, bool pandas) {
  py::array_t<int64_t> data(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), data.mutable_data());
  bool any_missing = false;
  py::array_t<bool> mask(static_cast<py::ssize_t>(values.size()));
  for (size_t i = 0; i < missing.size(); ++i) any_missing |= (mask.mutable_data()[i] = missing[i]);
  if (!any_missing) return data;
  if (pandas) return py::module_::import("pandas").attr("arrays").attr("IntegerArray")(data, mask);
  return py::module_::import("numpy").attr("ma").attr("MaskedArray")(data, mask);
}

// Splits timeseries.csv rows into columns: "wijk" as str, every other column int64.
Columns timeseries_columns_of(const CompiledScenario& scenario, const std::string& rows) {
  const std::vector<std::string> names = output::timeseries_columns(scenario);
  std::vector<std::vector<int64_t>> ints(names.size());
  std::vector<std::vector<bool>> missing(names.size());
  std::vector<std::string> wijk;
  size_t start = 0;
  while (start < rows.size()) {
    const size_t end = rows.find('\n', start);
    const auto cells = split_csv_line(rows.substr(start, end - start));
    start = end + 1;
    if (cells.size() != names.size())
      throw std::logic_error("wijksim.run: a timeseries row has " + std::to_string(cells.size()) +
                             " cells, the header " + std::to_string(names.size()));
    for (size_t c = 0; c < cells.size(); ++c) {
      if (names[c] == "wijk") {
        wijk.push_back(cells[c]);
        continue;
      }
      missing[c].push_back(cells[c].empty());
      ints[c].push_back(cells[c].empty() ? 0 : std::stoll(cells[c]));
    }
  }
  const bool pandas = pandas_available();
  Columns columns;
  for (size_t c = 0; c < names.size(); ++c)
    columns.emplace_back(names[c], names[c] == "wijk" ? py::object(py::array(py::cast(wijk)))
                                                      : int_column(ints[c], missing[c], pandas));
  return columns;
}

py::object run(const Scenario& scenario, std::optional<uint32_t> weeks, int threads, std::optional<uint64_t> seed,
               std::optional<uint32_t> replication) {
  PySimulation sim(scenario, threads, seed, replication);
  const uint32_t n = weeks.value_or(scenario.compiled->weeks);
  std::string rows;
  const auto append_week = [&] { output::append_timeseries_rows(rows, sim.scenario(), sim.sim().metrics()); };
  sim.initialise();
  append_week();
  sim.run(n, append_week);  // GIL released; append_week runs without it
  return to_frame(timeseries_columns_of(sim.scenario(), rows));
}

py::dict bench(const std::optional<Scenario>& scenario, uint64_t households, uint32_t weeks, int threads,
               int repeats, const std::string& kernel) {
  const Scenario s = scenario ? *scenario : load_scenario("", py::dict());
  BenchOptions options;
  if (kernel == "general") options.kernel = RunOptions::Kernel::general;
  else if (kernel == "lean") options.kernel = RunOptions::Kernel::lean;
  else if (kernel == "dense") options.kernel = RunOptions::Kernel::dense;
  else if (kernel != "auto")
    throw py::value_error("kernel: expected 'auto', 'general', 'lean' or 'dense', got '" + kernel + "'");
  options.households = households;
  options.weeks = weeks;
  options.threads = threads;
  options.repeats = repeats;
  BenchResult r;
  {
    py::gil_scoped_release release;
    r = run_bench(*s.compiled, options);
  }
  // The same keys as `wijksim bench --json`.
  py::dict d;
  d["scenario"] = s.compiled->name;
  d["households"] = r.households;
  d["weeks"] = r.weeks;
  d["threads"] = r.threads;
  d["repeats"] = r.steps_per_second.size();
  d["kernel"] = r.kernel;
  d["steps_per_second"] = r.steps_per_second;
  d["min_steps_per_second"] = r.min_steps_per_second;
  d["median_steps_per_second"] = r.median_steps_per_second;
  d["max_steps_per_second"] = r.max_steps_per_second;
  d["final_mean_severity"] = r.final_mean_severity;
  d["final_share_any_domain_le2"] = r.final_share_any_domain_le2;
  d["init_seconds"] = r.init_seconds;
  d["peak_rss_bytes_per_household"] = r.peak_rss_bytes_per_household;
  d["hot_bytes_per_household"] = r.hot_bytes_per_household;
  d["state_bytes_per_household"] = r.state_bytes_per_household;
  d["engine"] = py::dict(py::arg("version") = kEngineVersion, py::arg("git_hash") = kGitHash);
  return d;
}

}  // namespace

void register_run(py::module_& m) {
  m.def("run", &run, py::arg("scenario"), py::arg("weeks") = py::none(), py::arg("threads") = 1,
        py::arg("seed") = py::none(), py::arg("replication") = py::none(),
        "Simulate and return the time series with the columns of timeseries.csv (week 0 .. weeks, one row "
        "per wijk and 'all'): a pandas DataFrame, or a dict of numpy arrays without pandas. Provider "
        "columns are missing (<NA>) in wijk rows, as they are empty in the file.");
  m.def("bench", &bench, py::arg("scenario") = py::none(), py::kw_only(), py::arg("households") = 0,
        py::arg("weeks") = 52, py::arg("threads") = 1, py::arg("repeats") = 3, py::arg("kernel") = "auto",
        "Engine speed (run_bench): household-steps/s over repeats, memory per household; the keys of "
        "`wijksim bench --json`. households=0 keeps the scenario's own count; kernel as `wijksim bench "
        "--kernel`. Releases the GIL.");
}

}  // namespace wijksim::python
