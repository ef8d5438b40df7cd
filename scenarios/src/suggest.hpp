#pragma once
// "Did you mean" suggestions for misspelt keys and names.
#include <string>
#include <vector>

namespace wijksim::scenarios::detail {

// Levenshtein distance (insert, delete, substitute all cost 1).
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `word`, or "" when none is close enough to be a plausible typo
// (distance at most max(2, |word| / 3)).
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "; valid: a, b, c" (for appending to a message).
std::string suggestion_suffix(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace wijksim::scenarios::detail
