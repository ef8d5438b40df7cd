// Waiting lists and after-care in whole runs (issue 14; the queue-level reneging tests are
// tests/engine/providers/test_reneging.cpp).
// (b) After-care: every after-care spell lasts exactly after_care_weeks weeks and ends out
//     of care; the weekly worsening of the provider's effect domain in after-care, and
//     while waiting, matches min(base worsen x factor, 1 - improve) within k = 4 standard
//     deviations of the sum of independent Bernoulli trials (household-weeks).
// (c) The keys present with zero effect (leave_waiting_weekly 0, factors 1,
//     after_care_weeks 0) give bit-identical outputs (timeseries.csv, providers.csv, the
//     run hash) to the scenario without them; a small positive value changes them.
// Help requests per wijk sum to the city row and to the providers' direct requests.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "wijksim/bench.hpp"
#include "wijksim/output/providers_csv.hpp"
#include "wijksim/output/timeseries.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

using namespace wijksim;
using providers::CareStatus;

namespace {

// One domain with no coupling, events, debt or network effect: a household's severity
// moves only by the channel of its care class.
const char* kScenario = R"(
name: waiting-lists
seed: 17
weeks: 120
domains:
  - name: mental_health
    worsen: [0, 0.05, 0.05, 0.05, 0.05]
    improve: [0.02, 0.02, 0.02, 0.02, 0]
    initial: [0.1, 0.4, 0.3, 0.1, 0.1]
dynamics:
  network_improvement: 0
debt:
  enabled: false
population:
  wijken:
    - name: a
      households: 12000
    - name: b
      households: 8000
providers:
  - name: team
    type: wijkteam
    capacity: 300
    duration: fixed
    mean_weeks: 6
    effects: {mental_health: 0.2}
    waiting_worsen_factor: 1.8
    after_care_weeks: 5
    after_care_worsen_factor: 0.4
help_seeking:
  weekly_by_worst: [0.05, 0.05, 0, 0, 0]
  avoidance_effect: 0
)";

CompiledScenario compiled(const std::string& text) {
  return scenarios::compile(scenarios::load_scenario_text(text, "<test>", {}).spec);
}

}  // namespace

TEST_CASE("after-care lasts exactly after_care_weeks, worsening in after-care and waiting is factor x base",
          "[providers][after_care][statistical]") {
  const CompiledScenario sc = compiled(kScenario);
  const auto& rates = sc.rates[0];
  const auto& pr = sc.network.providers[0];
  REQUIRE(pr.after_care_weeks == 5);
  Simulation sim(sc, {.threads = 2});
  sim.initialise();
  const uint64_t n = sim.state().n_households;
  std::vector<uint8_t> status(n), sev(n);
  std::vector<uint32_t> spell(n, 0);
  uint64_t spells = 0, bad_spells = 0;
  // Per care kind (0 waiting, 1 after-care): observed worsenings, expected sum and variance.
  double seen[2] = {0, 0}, expected[2] = {0, 0}, variance[2] = {0, 0}, base[2] = {0, 0}, base_var[2] = {0, 0};
  uint64_t household_weeks[2] = {0, 0};
  while (sim.week() < sc.weeks) {
    const SimState& s = sim.state();
    for (uint64_t h = 0; h < n; ++h) {
      status[h] = s.care_status[h];
      sev[h] = s.severity_row(h)[0];
    }
    sim.step();
    for (uint64_t h = 0; h < n; ++h) {
      const auto before = static_cast<CareStatus>(status[h]);
      if (before == CareStatus::waiting || before == CareStatus::after_care) {
        const int k = before == CareStatus::waiting ? 0 : 1;
        const double factor = k == 0 ? pr.waiting_worsen_factor : pr.after_care_worsen_factor;
        const int l = sev[h] - 1;
        const double improve = l == 4 ? 0.0 : rates.improve[l];
        const double p = l == 0 ? 0.0 : std::min(rates.worsen[l] * factor, 1.0 - improve);
        expected[k] += p;
        variance[k] += p * (1 - p);
        const double p1 = l == 0 ? 0.0 : std::min(rates.worsen[l], 1.0 - improve);  // factor 1
        base[k] += p1;
        base_var[k] += p1 * (1 - p1);
        seen[k] += s.severity_row(h)[0] < sev[h];
        ++household_weeks[k];
      }
      // After-care spells, counted at the ends of weeks.
      if (s.care_status[h] == static_cast<uint8_t>(CareStatus::after_care)) {
        ++spell[h];
      } else if (spell[h] > 0) {
        ++spells;
        bad_spells += spell[h] != 5 || s.care_status[h] != static_cast<uint8_t>(CareStatus::not_in_care);
        spell[h] = 0;
      }
    }
    uint64_t in_after_care = 0;
    for (uint64_t h = 0; h < n; ++h) in_after_care += s.care_status[h] == static_cast<uint8_t>(CareStatus::after_care);
    REQUIRE(sim.providers().week_counters[0].after_care == in_after_care);
  }
  INFO(spells << " after-care spells, " << bad_spells << " not of exactly 5 weeks");
  CHECK(spells > 1000);
  CHECK(bad_spells == 0);
  for (int k = 0; k < 2; ++k) {
    INFO((k == 0 ? "waiting" : "after-care") << ": " << household_weeks[k] << " household-weeks, " << seen[k]
                                             << " worsened, expected " << expected[k] << " (4 sd "
                                             << 4 * std::sqrt(variance[k]) << ")");
    CHECK(household_weeks[k] > 10000);
    CHECK(std::abs(seen[k] - expected[k]) <= 4 * std::sqrt(variance[k]));
    // Negative control: the same weeks under factor 1 are far outside that band.
    CHECK(std::abs(seen[k] - base[k]) > 8 * std::sqrt(base_var[k]));
  }
}

namespace {

struct Files {
  std::string timeseries, providers;
  uint64_t run_hash = 0;
};

Files run_files(const CompiledScenario& sc, uint32_t weeks) {
  Files f;
  Simulation sim(sc, {.threads = 2});
  sim.initialise();
  f.timeseries = output::timeseries_header(sc);
  output::append_timeseries_rows(f.timeseries, sc, sim.metrics());
  while (sim.week() < weeks) {
    sim.step();
    output::append_timeseries_rows(f.timeseries, sc, sim.metrics());
    output::append_providers_rows(f.providers, sc, sim.week(), sim.providers());
  }
  f.run_hash = sim.run_hash();
  return f;
}

std::string source(const std::string& rel) { return std::string(WIJKSIM_SOURCE_DIR) + "/" + rel; }

}  // namespace

TEST_CASE("waiting-list keys with zero effect change nothing (common random numbers)", "[providers][crn]") {
  const auto loaded = scenarios::load_scenario_file(source("scenarios/reference/households-ref.yaml"));
  const CompiledScenario base = scale_households(scenarios::compile(loaded.spec), 6000);
  auto spec = loaded.spec;
  for (auto& p : spec.network.providers) {
    p.leave_waiting_weekly = 0;
    p.waiting_worsen_factor = 1;
    p.after_care_weeks = 0;
    p.after_care_worsen_factor = 1;
  }
  const Files a = run_files(base, 60);
  const Files b = run_files(scale_households(scenarios::compile(spec), 6000), 60);
  CHECK(a.timeseries == b.timeseries);
  CHECK(a.providers == b.providers);
  CHECK(a.run_hash == b.run_hash);
  // Negative controls: each feature with a small effect changes the run.
  for (int feature = 0; feature < 3; ++feature) {
    auto changed = loaded.spec;
    for (auto& p : changed.network.providers) {
      if (feature == 0) p.leave_waiting_weekly = 0.01;
      if (feature == 1) p.waiting_worsen_factor = 1.5;
      if (feature == 2) p.after_care_weeks = 4;
    }
    INFO("feature " << feature);
    CHECK(run_files(scale_households(scenarios::compile(changed), 6000), 60).run_hash != a.run_hash);
  }
}

TEST_CASE("help requests per wijk sum to the city and to the providers' direct requests", "[providers][help]") {
  const CompiledScenario sc = compiled(kScenario);
  Simulation sim(sc, {.threads = 1});
  sim.initialise();
  uint64_t total = 0;
  while (sim.week() < 30) {
    sim.step();
    const WeekMetrics& m = sim.metrics();
    uint64_t wijken = 0;
    for (const auto& w : m.wijk) wijken += w.help_requests;
    CHECK(wijken == m.all.help_requests);
    CHECK(m.all.help_requests == sim.providers().week_counters[0].requests);
    total += m.all.help_requests;
  }
  CHECK(total > 100);
  CHECK(sim.metrics().wijk[0].help_requests + sim.metrics().wijk[1].help_requests > 0);
}
