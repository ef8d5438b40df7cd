#pragma once
// The "costs" block of summary.json: per financier and category, societal events, each
// intervention's counters and — when the scenario has interventions — the comparison
// with its baseline (the same scenario without interventions, same seed, replication and
// thread count, run here), so "who pays, who gains" is one lookup:
//   summary["costs"]["vs_baseline"]["<financier>"]["net"]
// and what they did to people, at the last week (outcome_differences.hpp):
//   summary["costs"]["vs_baseline"]["outcomes"][i] = {name, unit, variant, baseline, difference}
// All money in euros ("currency": "EUR"; the keys carry no unit).
// The baseline doubles the run time; with `with_baseline = false` (wijksim run
// --no-baseline) it is skipped: "vs_baseline" is null and "vs_baseline_skipped" says why.
#include <nlohmann/json.hpp>

#include "wijksim/simulation.hpp"

namespace wijksim::models {

// `sim` has run its weeks; the baseline runs the same number of weeks.
nlohmann::json cost_summary_json(const Simulation& sim, const RunOptions& options, bool with_baseline = true);

}  // namespace wijksim::models
