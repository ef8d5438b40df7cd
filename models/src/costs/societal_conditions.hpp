#pragma once
// When a societal cost applies to a household: every listed domain at or below its level,
// the work status and children it asks for. One definition for the weekly count
// (costs/societal.cpp) and for the household cache's kFlagSocietal (channels.hpp), which
// says "some cost that can happen applies" so that the count visits only those households.
#include <cstdint>
#include <vector>

#include "wijksim/costs.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

inline bool societal_applies(const costs::SocietalCost& c, const SimState& s, uint64_t h) {
  if (c.work_status >= 0 && s.work_status[h] != c.work_status) return false;
  if (c.needs_children && s.children[h] == 0) return false;
  const uint8_t* sev = s.severity_row(h);
  for (const auto& t : c.all_of)
    if (sev[t.domain] > t.at_or_below) return false;
  return true;
}

inline bool any_societal_applies(const std::vector<costs::SocietalCost>& costs, const SimState& s, uint64_t h) {
  for (const costs::SocietalCost& c : costs)
    if (c.weekly_probability > 0 && societal_applies(c, s, h)) return true;
  return false;
}

}  // namespace wijksim::models
