// worst_severity (care_channels.hpp): the SSE2 byte-min path against the plain minimum over
// the row, for 1..20 domains (16 and fewer take the vector path, more the loop), every
// household including the last (whose 16 bytes would read past the array: the loop), and
// rows whose neighbours hold lower severities (which the vector path must not see).
#include <catch2/catch.hpp>

#include <algorithm>

#include "care_channels.hpp"

using namespace wijksim;
using namespace wijksim::models;

TEST_CASE("worst_severity equals the minimum over the household's own row", "[channels]") {
  for (int nd = 1; nd <= 20; ++nd) {
    SimState s;
    s.allocate(7, nd);
    for (uint64_t h = 0; h < 7; ++h)
      for (int d = 0; d < nd; ++d)
        // Household 3 is all 5s between households of 1s; the others vary.
        s.severity_row(h)[d] = h == 3 ? 5 : (h % 2 == 0 ? 1 : static_cast<uint8_t>(1 + (h * 7 + d * 3) % 5));
    for (uint64_t h = 0; h < 7; ++h) {
      const uint8_t* row = s.severity_row(h);
      const uint8_t expected = *std::min_element(row, row + nd);
      INFO("domains " << nd << ", household " << h);
      CHECK(worst_severity(s, h) == expected);
    }
  }
}
