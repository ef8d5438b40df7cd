// philox_draw_x4 (four Philox4x32-10 calls with SSE2) must give exactly the numbers of
// the scalar Random123 philox_draw for every lane: the gate draws are part of the
// output contract. Negative control: a different subject gives different words.
#include <catch2/catch.hpp>

#include "wijksim/philox_x4.hpp"

using namespace wijksim;

TEST_CASE("philox_draw_x4 equals four scalar philox_draw calls", "[rng]") {
  const uint64_t seeds[] = {0, 1, 20240601, 0xFFFFFFFFFFFFFFFFull, 0x9E3779B97F4A7C15ull};
  const uint32_t subjects[] = {0, 1, 4095, 0x7FFFFFFFu, 0xFFFFFFFCu};
  for (uint64_t seed : seeds) {
    const auto key = philox_key(seed);
    for (uint32_t subject : subjects) {
      for (uint32_t week : {0u, 1u, 519u}) {
        uint32_t out[4][4];
        philox_draw_x4(key, subject, week, 3, Purpose::gate, 7, out);
        for (uint32_t i = 0; i < 4; ++i) {
          const auto ref = philox_draw(key, subject + i, week, 3, Purpose::gate, 7);
          for (int j = 0; j < 4; ++j) {
            INFO("seed " << seed << " subject " << subject + i << " week " << week << " word " << j);
            REQUIRE(out[i][j] == ref.v[j]);
          }
        }
        const auto other = philox_draw(key, subject + 4, week, 3, Purpose::gate, 7);
        CHECK(out[0][0] != other.v[0]);
      }
    }
  }
}
