#pragma once
// Invariant checks run after every step when WIJKSIM_VALIDATE is defined (Debug, CI, and
// the validating test build): expensive (a full recount), so never in Release runs.
#include <cstdint>
#include <vector>

#include "metrics_tally.hpp"
#include "model_tables.hpp"

namespace wijksim::models {

// Throws std::logic_error naming the week and the first broken invariant:
// households conserved (total and per wijk), every array sized as registered, every
// severity in 1..5, stock tallies equal a from-scratch recount, cached quiet thresholds
// and debt flags equal a fresh computation.
void validate_state(const ModelTables& t, const MetricsLayout& L, const SimState& s,
                    const std::vector<int64_t>& totals, const std::vector<uint64_t>& wijk_households,
                    uint32_t week);

}  // namespace wijksim::models
