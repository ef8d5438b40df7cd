#pragma once
// The run's integer tallies between phases, and the week's metrics made from them.
#include <cstdint>

#include "metrics_tally.hpp"
#include "run_state.hpp"

namespace wijksim::models {

struct Model;

Tallies make_tallies(const MetricsLayout& L, uint64_t n_households);

// Events, departures and arrivals are weekly flows: this week's counts start from zero.
void clear_weekly_flows(const MetricsLayout& L, Tallies& t);

// Adds every chunk's integer deltas to the totals and zeroes them for next week.
void fold_chunk_tallies(const MetricsLayout& L, const SimState& s, Tallies& t);

// Phase [metrics]: WeekMetrics of run.week from the tallies and the provider state.
void fill_metrics(const Model& model, RunState& run);

}  // namespace wijksim::models
