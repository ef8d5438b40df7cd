#pragma once
// Phase "population" (week 0): draws every household from its wijk's shares.
#include <array>
#include <cstdint>
#include <vector>

#include "model_tables.hpp"
#include "wijksim/compiled_scenario.hpp"
#include "wijksim/rng.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

// The copula's cut points (problem_correlation > 0) for one row of initial severities:
// household with latent x = a z + b e (population.cpp) starts at level 1 + #{i : x >= cut[i]}.
// cut[i] is the least double x with Phi(x) >= p[0] + ... + p[i] (Phi = 0.5 erfc(-x / sqrt 2),
// the sum accumulated in that order), so the level is the one the inverse CDF of the row
// picks at u = Phi(x), bit for bit wherever the computed Phi is monotone around the cut
// (tests/models/test_population_copula.cpp checks 4,000 doubles around every cut), without
// an erfc per domain and household.
using SeverityCuts = std::array<double, kSeverityLevels - 1>;
SeverityCuts severity_cuts(const SeverityArray& row);

inline int level_at(double x, const SeverityCuts& cut) {
  int above = 0;
  for (const double c : cut) above += x >= c;  // the cuts are non-decreasing
  return 1 + above;
}

// severity_cuts of every wijk's rows: index (wijk * 2 + low income) * n_domains + domain;
// empty when problem_correlation is 0 (the independent draws need none).
std::vector<SeverityCuts> initial_severity_cuts(const CompiledScenario& sc);

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
