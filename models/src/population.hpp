#pragma once
// Phase "population" (week 0): draws every household from its wijk's shares.
#include <cstdint>

#include "model_tables.hpp"
#include "wijksim/compiled_scenario.hpp"
#include "wijksim/rng.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

// Writes s.wijk for every household: household index order = wijk order.
void assign_wijken(const CompiledScenario& sc, SimState& s);

// Draws households [begin, end) (s.wijk must be set). Each household's draws come from
// its own stream (household h, week 0, Purpose::population / Purpose::debt), so any split
// over threads gives the same population.
void draw_households(const CompiledScenario& sc, const ModelTables& t, const Philox::key_type& key,
                     uint32_t replication, SimState& s, uint64_t begin, uint64_t end);

}  // namespace wijksim::models
