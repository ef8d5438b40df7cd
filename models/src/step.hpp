#pragma once
// The run: initialise draws week 0, step advances one week. Both read only the Model
// and write only the RunState; the ChunkRunner is the run's thread arena.
#include <cstdint>

#include "model.hpp"
#include "run_state.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

// Draws the population and fills week 0's metrics.
void initialise(const Model& model, RunState& run, ChunkRunner& runner, uint64_t seed, uint32_t replication);

// One week of the whole city (step.cpp lists its phases in order).
void step(const Model& model, RunState& run, ChunkRunner& runner);

}  // namespace wijksim::models
