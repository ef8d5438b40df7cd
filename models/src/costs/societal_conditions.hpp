#pragma once
// When a societal cost applies to a household: every listed domain at or below its level,
// the work status, children and debt it asks for. One definition for the weekly count
// (costs/societal.cpp) and for the household cache SimState::societal (channels.hpp), which
// says which costs apply, so the count reads one byte per household and visits only those
// that need a draw.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "../debt.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

inline bool societal_applies(const costs::SocietalCost& c, const SimState& s, uint64_t h) {
  if (c.work_status >= 0 && s.work_status[h] != c.work_status) return false;
  if (c.needs_children && s.children[h] == 0) return false;
  // In debt as events' in_debt sees it (debt.hpp), from the cached kFlagDebtGrows written
  // just before this mask: a quiet week, where debt only grows, never changes the answer
  // and the cached mask stays exact.
  if (c.needs_debt && !in_debt_cached(s, h)) return false;
  const uint8_t* sev = s.severity_row(h);
  for (const auto& t : c.all_of)
    if (sev[t.domain] > t.at_or_below) return false;
  return true;
}

// The cache byte SimState::societal: bit e for cost e < 7 that applies and can happen
// (weekly probability > 0), bit 7 when one of the costs 7.. does.
inline constexpr int kSocietalBits = 7;
inline uint8_t societal_mask(const std::vector<costs::SocietalCost>& costs, const SimState& s, uint64_t h) {
  uint8_t mask = 0;
  for (size_t e = 0; e < costs.size(); ++e)
    if (costs[e].weekly_probability > 0 && societal_applies(costs[e], s, h))
      mask |= static_cast<uint8_t>(1u << std::min<size_t>(e, kSocietalBits));
  return mask;
}

}  // namespace wijksim::models
