// Issue 14: referrals from outside the provider network (life_events[].refers_to), the
// route by which most youth care starts (~81% outside the wijkteams, DOMAIN-FIGURES §4.3).
// 1. The rate: with help-seeking off and no other event, the referrals a provider receives
//    in T weeks are a sum over weeks of Binomial(households with children in no care at the
//    start of the week, r); each week's requests are exactly the households that went from
//    "not in care" to that provider.
// 2. A household in care is never referred: it keeps its provider, and the provider
//    invariants hold every week with help-seeking, pathways and every default event on.
// 3. A referral takes no random draw: against a run whose event has no refers_to, with a
//    provider without effects, every household array but the care arrays is identical; an
//    event with rate 0 leaves the run byte-identical (common random numbers).
// The kernel against the oracle with referrals (the default city has one) is in
// test_household_kernel.cpp.
#include <catch2/catch.hpp>

#include <cmath>

#include "wijksim/bench.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

using namespace wijksim;

namespace {

// The embedded default city (the same text as scenarios/default.yaml).
scenarios::LoadedScenario default_city() { return scenarios::load_default_scenario(); }

scenarios::LifeEventSpec referral(double rate, const std::string& to = "jeugdhulp") {
  scenarios::LifeEventSpec e;
  e.name = "referred";
  e.weekly_rate = rate;
  e.applies_to = "with_children";
  e.refers_to = to;
  return e;
}

int provider_index(const CompiledScenario& sc, const std::string& name) {
  for (size_t p = 0; p < sc.network.providers.size(); ++p)
    if (sc.network.providers[p].name == name) return static_cast<int>(p);
  FAIL("no provider " << name);
  return -1;
}

constexpr auto kNotInCare = static_cast<uint8_t>(providers::CareStatus::not_in_care);

}  // namespace

TEST_CASE("event referrals: the binomial rate, only households in no care", "[models][referrals][issue14]") {
  auto loaded = default_city();
  const double r = 0.004;
  loaded.spec.life_events = {referral(r)};
  loaded.spec.network.help_seeking.enabled = false;
  const CompiledScenario sc = scale_households(scenarios::compile(loaded.spec), 6000);
  const int youth = provider_index(sc, "jeugdhulp");
  Simulation sim(sc, {.threads = 2});
  sim.initialise();
  const SimState& s = sim.state();
  double expected = 0, var = 0;
  uint64_t referred = 0;
  std::vector<uint8_t> status_before;
  while (sim.week() < 260) {
    double eligible = 0;
    for (uint64_t h = 0; h < s.n_households; ++h) eligible += s.children[h] > 0 && s.care_status[h] == kNotInCare;
    expected += eligible * r;
    var += eligible * r * (1 - r);
    status_before = s.care_status;
    sim.step();
    const uint32_t requests = sim.providers().week_counters[static_cast<size_t>(youth)].requests;
    referred += requests;
    // Every request is a household that was in no care and now is at the youth provider
    // (waiting, or admitted the same week); nobody in care moved there without a pathway.
    uint32_t joined = 0;
    for (uint64_t h = 0; h < s.n_households; ++h)
      if (status_before[h] == kNotInCare && s.care_status[h] != kNotInCare) {
        REQUIRE(s.care_provider[h] == youth);
        REQUIRE(s.children[h] > 0);
        ++joined;
      }
    INFO("week " << sim.week());
    REQUIRE(joined == requests);
  }
  INFO("referrals " << referred << " vs " << expected << " +- 4 SE " << 4 * std::sqrt(var));
  CHECK(std::abs(static_cast<double>(referred) - expected) < 4 * std::sqrt(var));
  WARN("referrals in 5 years: " << referred << " vs expected " << expected << " (SE " << std::sqrt(var) << ")");
}

TEST_CASE("event referrals: households in care keep their provider, invariants hold", "[models][referrals][issue14]") {
  auto loaded = default_city();
  loaded.spec.life_events.push_back(referral(0.05));  // high: many referred households also ask for help
  const CompiledScenario sc = scale_households(scenarios::compile(loaded.spec), 3000);
  Simulation sim(sc, {.threads = 2});
  sim.initialise();
  const SimState& s = sim.state();
  uint64_t referred = 0;
  while (sim.week() < 104) {
    sim.step();
    const providers::CareArraysView arrays(s.n_households, s.care_status.data(), s.care_provider.data(),
                                           s.case_manager.data());
    INFO("week " << sim.week());
    REQUIRE(providers::check_provider_invariants(sc.network, sim.providers(), arrays).empty());
    referred += sim.providers().week_counters[static_cast<size_t>(provider_index(sc, "jeugdhulp"))].requests;
  }
  CHECK(referred > 1000);  // the check above saw many referrals
}

TEST_CASE("event referrals take no random draw (common random numbers)", "[models][referrals][issue14][crn]") {
  auto loaded = default_city();
  loaded.spec.network.help_seeking.enabled = false;
  for (auto& p : loaded.spec.network.providers)
    if (p.name == "jeugdhulp") p.effects.clear();  // in care there changes no household dynamics
  auto plain = loaded, referring = loaded, zero = loaded;
  auto no_referral = referral(0.01);
  no_referral.refers_to.clear();
  plain.spec.life_events.push_back(no_referral);
  referring.spec.life_events.push_back(referral(0.01));
  const uint64_t n = 4000;
  const auto run = [&](const scenarios::LoadedScenario& l, uint64_t& hash) {
    auto sim = std::make_unique<Simulation>(scale_households(scenarios::compile(l.spec), n), RunOptions{.threads = 1});
    sim->initialise();
    while (sim->week() < 104) sim->step();
    hash = sim->state_hash();
    return sim;
  };
  uint64_t plain_hash = 0, referring_hash = 0;
  const auto a = run(plain, plain_hash);
  const auto b = run(referring, referring_hash);
  const SimState& x = a->state();
  const SimState& y = b->state();
  CHECK(x.severity == y.severity);
  CHECK(x.debt == y.debt);
  CHECK(x.income == y.income);
  CHECK(x.children == y.children);
  CHECK(x.household_id == y.household_id);
  CHECK(a->metrics().all.events == b->metrics().all.events);
  // Negative control: the referrals happened, so the care arrays (and the hash) differ.
  CHECK(x.care_status != y.care_status);
  CHECK(plain_hash != referring_hash);

  // Rate 0: the run is byte-identical to one without the event.
  uint64_t base_hash = 0, zero_hash = 0;
  zero.spec.life_events.insert(zero.spec.life_events.begin(), referral(0.0));
  run(loaded, base_hash);
  run(zero, zero_hash);
  CHECK(zero_hash == base_hash);
}
