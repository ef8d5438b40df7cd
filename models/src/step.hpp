#pragma once
// One weekly step of the whole city.
#include <cstdint>
#include <vector>

#include "step_context.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

// City totals plus one preallocated delta buffer per household chunk.
struct Tallies {
  std::vector<int64_t> totals;              // MetricsLayout rows, one per wijk
  std::vector<std::vector<int64_t>> chunk;  // per chunk, same layout, all zero between steps
};

Tallies make_tallies(const MetricsLayout& L, uint64_t n_households);

// `interventions`: the interventions / cost-accounting state (nullptr: phases skipped).
void step_week(const StepContext& ctx, SimState& s, ChunkRunner& runner, Tallies& tallies,
               InterventionState* interventions = nullptr);

}  // namespace wijksim::models
