// One week's aggregates as a dict: integers stay Python ints; the severity counts are an
// (n_domains, 5) uint64 numpy array (a copy: metrics are replaced every week).
#include "metrics_dict.hpp"

#include <pybind11/numpy.h>

#include "wijksim/output/money.hpp"
#include "wijksim/providers/names.hpp"

namespace wijksim::python {

namespace {

py::dict area_dict(const CompiledScenario& scenario, const AreaMetrics& area) {
  py::dict d;
  d["households"] = area.households;
  const py::ssize_t domains = static_cast<py::ssize_t>(scenario.domain_names.size());
  py::array_t<uint64_t> severity({domains, static_cast<py::ssize_t>(kSeverityLevels)});
  if (area.severity_count.size() != static_cast<size_t>(severity.size()))
    throw std::logic_error("wijksim: metrics have " + std::to_string(area.severity_count.size()) +
                           " severity cells, the scenario needs " + std::to_string(severity.size()));
  std::copy(area.severity_count.begin(), area.severity_count.end(), severity.mutable_data());
  d["severity"] = severity;
  d["multi_problem"] = area.multi_problem;
  d["total_debt"] = area.total_debt;
  d["households_in_debt"] = area.households_in_debt;
  py::dict events;
  for (size_t e = 0; e < scenario.events.size() && e < area.events.size(); ++e)
    events[py::str(scenario.events[e].name)] = area.events[e];
  d["events"] = events;
  d["help_requests"] = area.help_requests;  // 0 without a provider network
  d["persons"] = area.persons;  // the open population (issue 14)
  d["employed"] = area.employed;
  d["unemployed"] = area.unemployed;
  d["on_benefits"] = area.on_benefits;
  d["households_with_children"] = area.with_children;
  d["departures"] = area.departures;
  d["arrivals"] = area.arrivals;
  d["persons_departed"] = area.persons_departed;
  d["persons_arrived"] = area.persons_arrived;
  return d;
}

}  // namespace

py::dict metrics_dict(const CompiledScenario& scenario, const WeekMetrics& metrics) {
  py::dict d;
  d["week"] = metrics.week;
  d["all"] = area_dict(scenario, metrics.all);
  py::dict wijk;
  for (size_t w = 0; w < metrics.wijk.size() && w < scenario.wijken.size(); ++w)
    wijk[py::str(scenario.wijken[w].name)] = area_dict(scenario, metrics.wijk[w]);
  d["wijk"] = wijk;
  // Provider network figures (zero without providers), as in timeseries.csv's care columns.
  static constexpr const char* kCareNames[] = {"not_in_care", "waiting", "in_service", "in_transit"};
  py::dict care;
  for (size_t i = 0; i < metrics.care.size(); ++i) care[kCareNames[i]] = metrics.care[i];
  d["care"] = care;
  // Euros, like every other output (the engine's cents converted in output/money.hpp).
  py::dict eur;
  for (size_t f = 0; f < metrics.financier_cents.size() && f < size_t{providers::kFinancierCount}; ++f)
    eur[py::str(std::string(providers::name_of(static_cast<providers::Financier>(f))))] =
        output::euros(static_cast<int64_t>(metrics.financier_cents[f]));
  d["financier_eur"] = eur;
  return d;
}

}  // namespace wijksim::python
