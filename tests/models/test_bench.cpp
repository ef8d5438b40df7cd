// Bench helpers: deterministic scaling of wijk sizes, and the result's bookkeeping.
#include <catch2/catch.hpp>

#include "wijksim/bench.hpp"
#include "wijksim/models/synthetic.hpp"

using namespace wijksim;

TEST_CASE("scale_households hits the requested total with largest remainders", "[bench]") {
  const CompiledScenario s = models::default_like_scenario(10000);
  for (uint64_t n : {1ull, 7ull, 9999ull, 123457ull}) {
    const CompiledScenario t = scale_households(s, n);
    CHECK(t.total_households() == n);
  }
  // 4000:3000:2000:1000 scaled to 11 -> 4.4, 3.3, 2.2, 1.1 -> floors 4,3,2,1 (10), +1 to wijk 0.
  const CompiledScenario t = scale_households(s, 11);
  CHECK(t.wijken[0].households == 5);
  CHECK(t.wijken[3].households == 1);
}

TEST_CASE("run_bench reports one rate per repeat and the hot bytes", "[bench]") {
  const BenchResult r = run_bench(models::households_ref_scenario(1000),
                                  BenchOptions{.households = 5000, .weeks = 3, .threads = 1, .repeats = 3});
  CHECK(r.households == 5000);
  REQUIRE(r.steps_per_second.size() == 3);
  CHECK(r.min_steps_per_second <= r.median_steps_per_second);
  CHECK(r.median_steps_per_second <= r.max_steps_per_second);
  CHECK(r.min_steps_per_second > 0);
  CHECK(r.hot_bytes_per_household > 0);
  CHECK(r.hot_bytes_per_household <= 128);
  CHECK(r.peak_rss_bytes_per_household > 0);
  CHECK_THROWS_AS(run_bench(models::households_ref_scenario(10), BenchOptions{.threads = 0}), std::invalid_argument);
}
