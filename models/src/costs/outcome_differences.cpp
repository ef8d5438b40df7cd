// outcome_differences_json (wijksim/models/costs/outcome_differences.hpp).
#include "wijksim/models/costs/outcome_differences.hpp"

#include <string>

#include "wijksim/experiments/recorder.hpp"
#include "wijksim/output/outcomes.hpp"

namespace wijksim::models {

nlohmann::json outcome_differences_json(const Simulation& baseline, const Simulation& variant) {
  const auto available = output::scenario_outcomes(variant.scenario());
  nlohmann::json out = nlohmann::json::array();
  for (const std::string_view name : kMainOutcomes) {
    for (const auto& o : available) {
      if (o.name != name) continue;  // care.waiting exists only with a provider network
      // Stocks at the last week: no previous counters needed.
      const double v = experiments::read_outcome(variant, o, -1, {});
      const double b = experiments::read_outcome(baseline, o, -1, {});
      out.push_back({{"name", o.name}, {"unit", o.decl->unit}, {"variant", v}, {"baseline", b}, {"difference", v - b}});
    }
  }
  return out;
}

}  // namespace wijksim::models
