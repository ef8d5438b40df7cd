// Did-you-mean suggestions (scenarios/src/suggest.cpp).
#include <catch2/catch.hpp>

#include "suggest.hpp"

using namespace wijksim::scenarios::detail;

TEST_CASE("edit distance", "[scenarios][suggest]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("worsn", "worsen") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("abc", "") == 3);
}

TEST_CASE("closest match only for plausible typos", "[scenarios][suggest]") {
  const std::vector<std::string> keys{"worsen", "improve", "initial", "name"};
  CHECK(closest_match("worsn", keys) == "worsen");
  CHECK(closest_match("inital", keys) == "initial");
  CHECK(closest_match("nmae", keys) == "name");
  CHECK(closest_match("households", keys).empty());
  CHECK(suggestion_suffix("households", keys) == "; valid: worsen, improve, initial, name");
}
