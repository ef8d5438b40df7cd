#pragma once
// WeekMetrics as a Python dict keyed by the scenario's names.
#include "module.hpp"
#include "wijksim/metrics.hpp"

namespace wijksim::python {

py::dict metrics_dict(const CompiledScenario& scenario, const WeekMetrics& metrics);

}  // namespace wijksim::python
