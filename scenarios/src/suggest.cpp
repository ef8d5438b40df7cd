#include "suggest.hpp"

#include <algorithm>

#include "wijksim/edit_distance.hpp"

namespace wijksim::scenarios::detail {

size_t edit_distance(const std::string& a, const std::string& b) { return wijksim::edit_distance(a, b); }

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {  // first of equals wins: candidates are in a fixed order
    const size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string suggestion_suffix(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = closest_match(word, candidates);
  if (!best.empty()) return "; did you mean '" + best + "'?";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return list.empty() ? std::string() : "; valid: " + list;
}

}  // namespace wijksim::scenarios::detail
