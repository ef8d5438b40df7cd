// SimState registry, state hash and RNG keying.
#include <catch2/catch.hpp>

#include <set>

#include "wijksim/rng.hpp"
#include "wijksim/state.hpp"

using namespace wijksim;

TEST_CASE("every registered array is allocated and changes the state hash", "[state]") {
  SimState s;
  s.allocate(10, 3);
  const uint64_t base = state_hash(s);
  size_t arrays = 0;
  s.for_each_array([&](const StateArrayView& a) {
    ++arrays;
    INFO("array " << a.name);
    REQUIRE(a.bytes == a.bytes_per_household * 10);
    // Flip one byte of this array in a copy: the hash must notice.
    SimState copy = s;
    copy.for_each_array([&](const StateArrayView& b) {
      if (b.name == a.name) const_cast<unsigned char*>(static_cast<const unsigned char*>(b.data))[b.bytes - 1] ^= 1;
    });
    CHECK(state_hash(copy) != base);
  });
  CHECK(arrays >= 13);
  CHECK(state_array_hashes(s).size() == arrays);
}

TEST_CASE("hot state stays within 128 bytes per household for 13 domains", "[state]") {
  SimState s;
  s.allocate(4, 13);
  CHECK(hot_bytes_per_household(s) <= 128);
  CHECK(hot_bytes_per_household(s) < state_bytes_per_household(s));
}

TEST_CASE("Philox draws are a pure function of (seed, subject, week, replication, purpose, index)", "[rng]") {
  const auto key = philox_key(42);
  const auto a = philox_draw(key, 7, 3, 0, Purpose::dynamics, 0);
  const auto b = philox_draw(key, 7, 3, 0, Purpose::dynamics, 0);
  CHECK(a.v[0] == b.v[0]);
  CHECK(a.v[3] == b.v[3]);
  std::set<uint32_t> firsts;
  firsts.insert(a.v[0]);
  firsts.insert(philox_draw(philox_key(43), 7, 3, 0, Purpose::dynamics, 0).v[0]);
  firsts.insert(philox_draw(key, 8, 3, 0, Purpose::dynamics, 0).v[0]);
  firsts.insert(philox_draw(key, 7, 4, 0, Purpose::dynamics, 0).v[0]);
  firsts.insert(philox_draw(key, 7, 3, 1, Purpose::dynamics, 0).v[0]);
  firsts.insert(philox_draw(key, 7, 3, 0, Purpose::events, 0).v[0]);
  firsts.insert(philox_draw(key, 7, 3, 0, Purpose::dynamics, 1).v[0]);
  CHECK(firsts.size() == 7);  // every component of the key and counter matters
}

TEST_CASE("uniform helpers stay in range and have mean 1/2", "[rng]") {
  RngStream r(philox_key(1), 0, 0, 0, Purpose::population);
  const int n = 100000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  // sd of a U(0,1) is 1/sqrt(12); k = 4.
  CHECK(std::abs(sum / n - 0.5) < 4 * (1 / std::sqrt(12.0)) / std::sqrt(double(n)));
  CHECK(u01_open(0) > 0.0);
  CHECK(u01_open(0xFFFFFFFFu) < 1.0);
}
