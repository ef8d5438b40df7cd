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

// Draws every attribute of household h from its wijk's shares (s.wijk[h] must be set):
// composition, age, work, income, severities, network, care avoidance, flags, debt and
// creditors, from the uniforms of `r` and (initial debt) `rd`. The week-0 population and
// the newcomers that move into vacated dwellings (turnover.hpp) share this one law.
void draw_household(const CompiledScenario& sc, const ModelTables& t, SimState& s, uint64_t h, RngStream& r,
                    RngStream& rd);

// Draws households [begin, end) (s.wijk must be set), and gives each its id (= h). Each household's draws come from
// its own stream (household h, week 0, Purpose::population / Purpose::debt), so any split
// over threads gives the same population.
void draw_households(const CompiledScenario& sc, const ModelTables& t, const Philox::key_type& key,
                     uint32_t replication, SimState& s, uint64_t begin, uint64_t end);

}  // namespace wijksim::models
