// The lean household kernel (models/src/lean_kernel.*) must give exactly the general
// kernel's results wherever it applies: the same weekly metrics, the same provider
// counters and the same state hash, week after week. Two scenarios with every feature
// the lean kernel supports: households-ref with its provider (help-seeking with
// certainty, service effects, a long queue), and the default city with coupling, life
// events and the network effect switched off (so the lean kernel applies) but with its
// debt, care avoidance, ten wijken, entry choice and referral pathways. Negative
// controls: the lean kernel really ran, and a different seed changes the hash.
#include <catch2/catch.hpp>

#include "wijksim/bench.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

namespace {

struct Trace {
  std::string kernel;
  std::vector<WeekMetrics> weeks;
  std::vector<std::vector<providers::ProviderWeek>> provider_weeks;
  uint64_t hash = 0;
};

Trace run(const CompiledScenario& s, bool general, uint32_t weeks, int threads = 1) {
  Trace t;
  Simulation sim(s, {.threads = threads, .general_kernel = general});
  t.kernel = sim.household_kernel();
  sim.initialise();
  while (sim.week() < weeks) {
    sim.step();
    t.weeks.push_back(sim.metrics());
    t.provider_weeks.push_back(sim.providers().week_counters);
  }
  t.hash = sim.state_hash();
  return t;
}

void require_same(const Trace& lean, const Trace& general) {
  REQUIRE(lean.kernel == "lean");
  REQUIRE(general.kernel == "general");
  REQUIRE(lean.weeks.size() == general.weeks.size());
  for (size_t w = 0; w < lean.weeks.size(); ++w) {
    INFO("week " << w + 1);
    const auto& a = lean.weeks[w];
    const auto& b = general.weeks[w];
    REQUIRE(a.all.severity_count == b.all.severity_count);
    REQUIRE(a.all.multi_problem == b.all.multi_problem);
    REQUIRE(a.all.total_debt == b.all.total_debt);
    REQUIRE(a.all.households_in_debt == b.all.households_in_debt);
    REQUIRE(a.care == b.care);
    REQUIRE(a.financier_cents == b.financier_cents);
    REQUIRE(a.wijk.size() == b.wijk.size());
    for (size_t k = 0; k < a.wijk.size(); ++k) REQUIRE(a.wijk[k].severity_count == b.wijk[k].severity_count);
    const auto& pa = lean.provider_weeks[w];
    const auto& pb = general.provider_weeks[w];
    REQUIRE(pa.size() == pb.size());
    for (size_t p = 0; p < pa.size(); ++p) {
      INFO("provider " << p);
      REQUIRE(pa[p].queue_length == pb[p].queue_length);
      REQUIRE(pa[p].in_service == pb[p].in_service);
      REQUIRE(pa[p].admissions == pb[p].admissions);
      REQUIRE(pa[p].discharges == pb[p].discharges);
      REQUIRE(pa[p].requests == pb[p].requests);
      REQUIRE(pa[p].wait_sum == pb[p].wait_sum);
    }
  }
  REQUIRE(lean.hash == general.hash);
}

}  // namespace

TEST_CASE("lean kernel = general kernel on households-ref with its provider", "[lean][determinism]") {
  const auto loaded = scenarios::load_scenario_file(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/households-ref.yaml");
  const CompiledScenario s = scale_households(scenarios::compile(loaded.spec), 30000);
  const Trace lean = run(s, false, 40);
  const Trace general = run(s, true, 40);
  require_same(lean, general);
  // The queue really forms and households really change (the comparison is not vacuous).
  REQUIRE(lean.provider_weeks.back().at(0).queue_length > 1000);
  REQUIRE(lean.weeks.back().all.severity_count != lean.weeks.front().all.severity_count);
  // Threads do not matter to the lean kernel either.
  REQUIRE(run(s, false, 40, 3).hash == lean.hash);
  CompiledScenario other = s;
  other.seed += 1;
  CHECK(run(other, false, 40).hash != lean.hash);
}

TEST_CASE("lean kernel = general kernel on the default city without coupling, events and network effect",
          "[lean][determinism]") {
  const auto loaded = scenarios::load_default_scenario(
      {{"dynamics.coupling", "[]"}, {"life_events", "[]"}, {"dynamics.network_improvement", "0"}});
  const CompiledScenario s = scale_households(scenarios::compile(loaded.spec), 20000);
  const Trace lean = run(s, false, 52);
  const Trace general = run(s, true, 52);
  require_same(lean, general);
  REQUIRE(lean.weeks.back().all.total_debt != lean.weeks.front().all.total_debt);  // debt grows
  uint64_t admissions = 0;
  for (const auto& week : lean.provider_weeks)
    for (const auto& p : week) admissions += p.admissions;
  REQUIRE(admissions > 100);
}

TEST_CASE("the lean kernel does not apply with coupling, events or a network effect", "[lean]") {
  const auto city = scenarios::compile(scenarios::load_default_scenario().spec);
  CHECK(std::string(Simulation(city, {}).household_kernel()) == "general");
  const auto no_coupling = scenarios::compile(
      scenarios::load_default_scenario({{"dynamics.coupling", "[]"}, {"life_events", "[]"}}).spec);
  CHECK(std::string(Simulation(no_coupling, {}).household_kernel()) == "general");  // network effect left
}
