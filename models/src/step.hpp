#pragma once
// The run: initialise draws week 0, step advances one week. Both read only the Model
// and write only the RunState; the ChunkRunner is the run's thread arena.
#include <cstdint>

#include "model.hpp"
#include "household_kernel.hpp"
#include "run_state.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

// Draws the population and fills week 0's metrics.
void initialise(const Model& model, RunState& run, ChunkRunner& runner, uint64_t seed, uint32_t replication);

// The household phase over households [begin, end) of one chunk, writing that chunk's
// tallies: the kernel (household_kernel.hpp); tests pass the scalar oracle instead.
using HouseholdPhase = void (*)(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally);

// One week of the whole city (step.cpp lists its phases in order).
void step(const Model& model, RunState& run, ChunkRunner& runner, HouseholdPhase households = step_households);

}  // namespace wijksim::models
