// ModelTables::event_rows (the event channels by facts, event_facts.hpp) against the
// per-event definition (event_channels) and stay_prefix, bit for bit, for every one of the
// 80 combinations of facts; and the eligibility rules themselves on households built by hand.
#include <catch2/catch.hpp>

#include <cstring>

#include "channels.hpp"
#include "model_tables.hpp"
#include "wijksim/models/synthetic.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {

// The default-like city with one event of every eligibility, rates 0.001 x (1 + e), so a
// row that took another event's rate or eligibility differs.
CompiledScenario scenario_with_every_eligibility() {
  CompiledScenario s = default_like_scenario(10);
  s.events.clear();
  for (int e = 0; e <= static_cast<int>(EventEligibility::after_settlement); ++e) {
    CompiledLifeEvent ev;
    ev.name = "event" + std::to_string(e);
    ev.eligibility = static_cast<EventEligibility>(e);
    ev.weekly_rate = 0.001 * (1 + e);
    s.events.push_back(ev);
  }
  return s;
}

// One household whose state has the given facts (debt: a debt of 500 euros).
SimState household_with(const ModelTables& t, const EventFacts& f) {
  SimState st;
  st.allocate(1, t.n_domains);
  std::memset(st.severity.data(), 5, static_cast<size_t>(t.n_domains));  // no debt growth from finances
  st.income[0] = 3000;
  st.work_status[0] = static_cast<uint8_t>(f.work);
  st.adults[0] = f.couple ? 2 : 1;
  st.children[0] = f.children ? 2 : 0;
  st.debt[0] = f.debt ? 500 : 0;
  st.flags[0] = f.settled ? kFlagDebtSettled : 0;
  return st;
}

bool same_bits(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }

}  // namespace

TEST_CASE("event rows equal event_channels and stay_prefix for all 80 combinations of facts", "[channels]") {
  const ModelTables t = ModelTables::build(scenario_with_every_eligibility());
  REQUIRE(t.n_events == 13);
  REQUIRE(t.events_read_debt);
  const int ne = t.n_events;
  for (int i = 0; i < kEventFactCombinations; ++i) {
    const EventFacts f = event_facts_of_index(i);
    REQUIRE(event_facts_index(f) == i);
    const SimState st = household_with(t, f);
    REQUIRE(event_facts_index(event_facts(t, st, 0)) == i);
    Channels direct, tabled;
    ChannelSums expected, got;
    event_channels(t, st, 0, direct);
    direct.n = ne;
    channel_sums(direct, expected);
    set_event_channels(t, st, 0, tabled, got);
    for (int e = 0; e < ne; ++e) {
      CHECK(same_bits(tabled.a[e], direct.a[e]));
      CHECK(same_bits(tabled.b[e], 0.0));
      CHECK(same_bits(got.p[e], expected.p[e]));
    }
    for (int k = 0; k <= ne; ++k) CHECK(same_bits(got.P[k], expected.P[k]));
  }
}

TEST_CASE("event eligibility on households built by hand", "[channels]") {
  const ModelTables t = ModelTables::build(scenario_with_every_eligibility());
  const auto fires = [&](const EventFacts& f) {
    const SimState st = household_with(t, f);
    Channels c;
    event_channels(t, st, 0, c);
    std::string which;
    for (int e = 0; e < t.n_events; ++e)
      if (c.a[e] > 0) which += std::to_string(e) + " ";
    return which;
  };
  // all = 0, employed = 1, couples = 2, with_children = 3, in_debt = 4, debt_free = 5,
  // unemployed = 6, on_benefits = 7, couples_without_children = 8, singles = 9,
  // retired_singles = 10, retired_couples = 11, after_settlement = 12.
  CHECK(fires({WorkStatus::employed, true, false, false, false}) == "0 1 2 5 8 ");
  CHECK(fires({WorkStatus::unemployed, false, true, true, false}) == "0 3 4 6 9 ");
  CHECK(fires({WorkStatus::retired, false, false, false, true}) == "0 5 9 10 12 ");
  CHECK(fires({WorkStatus::retired, true, true, true, true}) == "0 2 3 4 11 ");  // in debt again: no relapse event
  CHECK(fires({WorkStatus::benefits, true, true, false, false}) == "0 2 3 5 7 ");
  CHECK(fires({WorkStatus::student, false, false, false, false}) == "0 5 9 ");
}

TEST_CASE("an after_settlement event alone makes the event channels read the debt", "[channels]") {
  CompiledScenario s = default_like_scenario(10);
  s.events.clear();
  CompiledLifeEvent relapse;
  relapse.name = "relapse";
  relapse.eligibility = EventEligibility::after_settlement;
  relapse.weekly_rate = 0.01;
  s.events.push_back(relapse);
  const ModelTables t = ModelTables::build(s);
  CHECK(t.events_read_debt);
  // Settled, then in debt again: not eligible; debt-free again: eligible.
  SimState st = household_with(t, {WorkStatus::employed, false, false, true, true});
  Channels c;
  event_channels(t, st, 0, c);
  CHECK(c.a[0] == 0.0);
  st.debt[0] = 0;
  event_channels(t, st, 0, c);
  CHECK(c.a[0] == 0.01);
}
