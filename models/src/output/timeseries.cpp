// timeseries.csv writer: integers and names only (see timeseries.hpp for the columns).
#include "wijksim/output/timeseries.hpp"

#include <stdexcept>

#include "csv_field.hpp"
#include "wijksim/output/outcomes.hpp"
#include "wijksim/output/providers_csv.hpp"

namespace wijksim::output {

// Column names come from the outcome dictionary (outcomes.hpp: each row's timeseries.csv
// column, in dictionary order); append_row below writes the cells in the same order, and
// tests/experiments/test_outcomes.cpp checks every cell against the dictionary's reading.
std::vector<std::string> timeseries_columns(const CompiledScenario& scenario) {
  return dictionary_timeseries_columns(scenario);
}

std::string timeseries_header(const CompiledScenario& scenario) {
  std::string line;
  for (const auto& col : timeseries_columns(scenario)) {
    if (!line.empty()) line += ',';
    line += csv_field(col);
  }
  line += '\n';
  return line;
}

namespace {

void check_shape(const CompiledScenario& scenario, const AreaMetrics& area, const std::string& where) {
  const size_t severity_cells = scenario.domain_names.size() * kSeverityLevels;
  if (area.severity_count.size() != severity_cells || area.events.size() != scenario.events.size())
    throw std::invalid_argument("timeseries.csv: metrics of " + where + " have " +
                                std::to_string(area.severity_count.size()) + " severity cells and " +
                                std::to_string(area.events.size()) + " event counts; the scenario needs " +
                                std::to_string(severity_cells) + " and " +
                                std::to_string(scenario.events.size()));
}

void append_row(std::string& out, uint32_t week, const std::string& wijk, const AreaMetrics& area,
                const std::string& care_cells, bool network) {
  out += std::to_string(week);
  out += ',';
  out += csv_field(wijk);
  auto cell = [&out](auto value) {
    out += ',';
    out += std::to_string(value);
  };
  cell(area.households);
  for (uint64_t n : area.severity_count) cell(n);
  cell(area.multi_problem);
  cell(area.total_debt);
  cell(area.households_in_debt);
  for (uint64_t n : area.events) cell(n);
  out += care_cells;  // provider columns (providers_csv.hpp); "" without providers
  if (network) cell(area.help_requests);
  // The open population (issue 14): the dictionary's last timeseries columns (outcomes.cpp).
  for (uint64_t n : {area.persons, area.employed, area.unemployed, area.with_children, area.departures, area.arrivals,
                     area.persons_departed, area.persons_arrived, area.on_benefits})
    cell(n);
  out += '\n';
}

}  // namespace

void append_timeseries_rows(std::string& out, const CompiledScenario& scenario, const WeekMetrics& metrics) {
  if (metrics.wijk.size() != scenario.wijken.size())
    throw std::invalid_argument("timeseries.csv: metrics of week " + std::to_string(metrics.week) + " have " +
                                std::to_string(metrics.wijk.size()) + " wijk rows; the scenario has " +
                                std::to_string(scenario.wijken.size()) + " wijken");
  for (size_t w = 0; w < metrics.wijk.size(); ++w) {
    check_shape(scenario, metrics.wijk[w], "wijk " + scenario.wijken[w].name);
    append_row(out, metrics.week, scenario.wijken[w].name, metrics.wijk[w],
               care_timeseries_cells(scenario, metrics, false), scenario.network.enabled());
  }
  check_shape(scenario, metrics.all, "the whole city");
  append_row(out, metrics.week, "all", metrics.all, care_timeseries_cells(scenario, metrics, true),
             scenario.network.enabled());
}

TimeseriesWriter::TimeseriesWriter(const std::filesystem::path& path, const CompiledScenario& scenario)
    : scenario_(scenario), file_(path) {
  file_.text() = timeseries_header(scenario_);
}

void TimeseriesWriter::write_week(const WeekMetrics& metrics) {
  append_timeseries_rows(file_.text(), scenario_, metrics);
  file_.write_if_full();
}

void TimeseriesWriter::close() { file_.close(); }

}  // namespace wijksim::output
