#pragma once
// What the interventions did to people and waiting lists, against the same-seed baseline:
// summary.json's costs.vs_baseline.outcomes and the block `wijksim run` prints from it.
//
//   [{"name": "multi_problem", "unit": "households", "variant": 1234, "baseline": 1250,
//     "difference": -16}, ...]                                 (at the last week simulated)
//
// The main outcomes a strategist asks about first (kMainOutcomes), each read through the
// outcome dictionary (experiments::read_outcome), so the figures are the ones a sweep
// records under the same names; care.waiting only with a provider network. One run of one
// seed: no uncertainty (wijksim sweep + compare give confidence intervals).
#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

#include "wijksim/simulation.hpp"

namespace wijksim::models {

inline constexpr std::array<std::string_view, 4> kMainOutcomes{"multi_problem", "households_in_debt", "total_debt",
                                                               "care.waiting"};

// `variant` and `baseline` have run the same number of weeks.
nlohmann::json outcome_differences_json(const Simulation& baseline, const Simulation& variant);

}  // namespace wijksim::models
