// scale_city (what `wijksim bench --households` runs): every absolute count of the city,
// provider capacities, initial queues and programmes' budgets and reach, sized to the bench
// city by the same ratio as the households, so a 1M-household bench is as loaded as the city.
#include <catch2/catch.hpp>

#include <string>

#include "wijksim/bench.hpp"
#include "wijksim/scenarios/load.hpp"

using namespace wijksim;

namespace {

CompiledScenario compiled_file(const std::string& rel) {
  return scenarios::compile(scenarios::load_scenario_file(std::string(WIJKSIM_SOURCE_DIR) + "/" + rel).spec);
}

}  // namespace

TEST_CASE("scale_city sizes provider capacities and queues with the households", "[bench]") {
  // The default city has 50,000 households: 100,000 doubles every absolute count exactly.
  const CompiledScenario city = scenarios::compile(scenarios::load_default_scenario().spec);
  REQUIRE(city.total_households() == 50000);
  const CompiledScenario twice = scale_city(city, 100000);
  CHECK(twice.total_households() == 100000);
  REQUIRE(twice.network.providers.size() == city.network.providers.size());
  int scaled = 0;
  for (size_t i = 0; i < city.network.providers.size(); ++i) {
    const auto& a = city.network.providers[i];
    const auto& b = twice.network.providers[i];
    INFO(a.name);
    CHECK(b.capacity == (a.capacity_share > 0 ? a.capacity : 2 * a.capacity));
    CHECK(b.initial_in_service == 2 * a.initial_in_service);
    CHECK(b.initial_waiting == 2 * a.initial_waiting);
    scaled += a.capacity_share <= 0 && a.capacity > 0;
  }
  CHECK(scaled > 0);  // the city's providers have absolute capacities: the test sees them
  // The same size changes nothing; a tiny city keeps at least 1 place for every provider.
  const CompiledScenario same = scale_city(city, 50000);
  for (size_t i = 0; i < city.network.providers.size(); ++i)
    CHECK(same.network.providers[i].capacity == city.network.providers[i].capacity);
  const CompiledScenario tiny = scale_city(city, 10);
  for (size_t i = 0; i < city.network.providers.size(); ++i)
    if (city.network.providers[i].capacity > 0) CHECK(tiny.network.providers[i].capacity >= 1);
}

TEST_CASE("scale_city sizes an intervention's budget and reach and rounds half up", "[bench]") {
  const CompiledScenario s = compiled_file("scenarios/programmes/leiden-sleutelteam.yaml");
  REQUIRE(!s.interventions.empty());
  const uint64_t from = s.total_households();
  const CompiledScenario t = scale_city(s, 3 * from);
  for (size_t i = 0; i < s.interventions.size(); ++i) {
    const auto& a = s.interventions[i];
    const auto& b = t.interventions[i];
    INFO(a.name);
    CHECK(b.budget_cents == (a.budget_cents < 0 ? a.budget_cents : 3 * a.budget_cents));
    CHECK(b.params.visits_per_week == Approx(3 * a.params.visits_per_week).epsilon(1e-12));
    CHECK(b.params.max_concurrent == 3 * a.params.max_concurrent);
    CHECK(b.params.capacity_delta == 3 * a.params.capacity_delta);
  }
  // Half up: a count of 3 in a city scaled by 1/2 is 1.5 -> 2; 1 -> 0.5 -> 1; 5 -> 2.5 -> 3.
  CompiledScenario c = s;
  c.network.providers.at(0).capacity_share = 0;
  for (int v : {1, 3, 5}) {
    c.network.providers[0].capacity = v;
    const CompiledScenario half = scale_city(c, from / 2);
    REQUIRE(half.total_households() * 2 == from);
    CHECK(half.network.providers[0].capacity == (v + 1) / 2);
  }
}
