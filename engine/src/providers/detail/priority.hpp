#pragma once
// Internal helper shared by the provider phases: the queue priority of a household.
#include <algorithm>
#include <cstdint>

#include "wijksim/providers/service.hpp"

namespace wijksim::providers::detail {

// 0 for fifo; for `severity`, the household's worst severity (1..5) on the provider's
// effect domains, so acute problems are admitted first.
uint32_t queue_priority(const CompiledProvider& pr, const HouseholdView& view, uint32_t h);

// The household's worst severity (1..5) on the provider's effect domains (every domain when
// it has none): the `severity` priority, and the ranking of week 0's care (initial_care.cpp).
uint32_t worst_severity(const CompiledProvider& pr, const HouseholdView& view, uint32_t h);

}  // namespace wijksim::providers::detail
