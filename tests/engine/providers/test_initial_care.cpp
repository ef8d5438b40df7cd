// The care a city already has at week 0 (CompiledProvider::initial_in_service,
// initial_waiting, initial_waited_weeks; place_initial_care, issue 14), and the yearly
// client counters (ProviderWeek::clients, client_children), checked against direct counts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "harness.hpp"

using namespace wijksim;
using namespace wijksim::providers;
using namespace wijksim::providers::test;

namespace {

// n households, one domain, severities 1..5 in turn (h % 5 + 1).
Population graded(uint64_t n) {
  Population pop(n, 1);
  for (uint64_t h = 0; h < n; ++h) pop.severity[h] = static_cast<uint8_t>(h % 5 + 1);
  return pop;
}

}  // namespace

TEST_CASE("initial care: the worst-off eligible first, in service up to capacity, then the list", "[providers][initial]") {
  const uint64_t n = 1000;
  Population pop = graded(n);
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("ggz", ProviderType::ggz, 50, 10));
  net.providers[0].effects = {{0, 0.1}};
  net.providers[0].eligibility.any_of = {{0, 3}};  // severity <= 3: 600 households
  net.providers[0].discipline = QueueDiscipline::fifo;
  net.providers[0].initial_in_service = 80;        // capped at the capacity, 50
  net.providers[0].initial_waiting = 300;
  net.providers[0].initial_waited_weeks = 12;
  finalise_network(net, 1, 1);
  ProviderState ps;
  init_provider_state(net, ps);
  place_initial_care(net, ps, pop.care(), pop.view(), test_draws(7));

  const auto& q = ps.providers[0];
  REQUIRE(q.service.size() == 50);
  REQUIRE(q.queue_length() == 300);
  // 200 households at severity 1 and 200 at 2: the 50 served and the first 150 listed are
  // at 1, the other 150 at 2; nobody at 4 or 5 (not eligible) or at 3 (350 worse ones first).
  for (const auto& e : q.service) CHECK(pop.severity[e.household] == 1);
  size_t at1 = 0, at2 = 0;
  for (size_t i = q.head; i < q.queue.size(); ++i) {
    const uint32_t h = q.queue[i].household;
    at1 += pop.severity[h] == 1;
    at2 += pop.severity[h] == 2;
    CHECK(pop.status[h] == static_cast<uint8_t>(CareStatus::waiting));
  }
  CHECK(at1 == 150);
  CHECK(at2 == 150);
  // Waited weeks: the head 12, evenly less down the list to round(12 / 300) -> at least 1.
  CHECK(0u - q.queue[q.head].join_week == 12u);
  CHECK(0u - q.queue.back().join_week == 1u);
  for (size_t i = q.head + 1; i < q.queue.size(); ++i)
    CHECK(static_cast<int32_t>(q.queue[i - 1].join_week) <= static_cast<int32_t>(q.queue[i].join_week));
  // Nothing counted as an admission; every placed household is in `changed` once.
  CHECK(ps.week_counters[0].admissions == 0);
  CHECK(ps.week_counters[0].queue_length == 300);
  CHECK(ps.week_counters[0].in_service == 50);
  std::set<uint32_t> changed(ps.changed[0].begin(), ps.changed[0].end());
  CHECK(changed.size() == 350);
  CHECK(ps.changed[0].size() == 350);

  // Week 1: a service ends with probability 1/10, the freed places go to the head of the
  // list, whose wait is 12 + 1 weeks.
  step_providers(net, ps, pop.care(), pop.view(), test_draws(7), 1);
  const auto& row = ps.week_counters[0];
  REQUIRE(row.admissions > 0);
  CHECK(row.wait_sum == 13u * row.admissions);
  // Clients in the year's first week: the 50 in service when it started plus the admitted.
  CHECK(row.clients == 50 + row.admissions);
}

TEST_CASE("initial care: the ranking is the documented one, recomputed from the keyed draws", "[providers][initial]") {
  // 20,000 households in two wijken: a city-wide provider (dense candidates: the draws of a
  // whole run of households at once) and one serving wijk 1, every 20th household (sparse:
  // one draw per candidate). Each placement must equal the ranking service.hpp documents:
  // worst effect-domain severity, then philox_draw(household, week 0, services,
  // kInitialCareDraw + provider) word 0, then household id; served first, then listed.
  const uint64_t n = 20000;
  Population pop(n, 2);
  std::vector<uint16_t> wijk(n);
  for (uint64_t h = 0; h < n; ++h) {
    const auto u = philox_draw(philox_key(5), static_cast<uint32_t>(h), 0, 0, Purpose::experiments, 0);
    pop.severity[2 * h] = static_cast<uint8_t>(1 + u.v[0] % 5);
    pop.severity[2 * h + 1] = static_cast<uint8_t>(1 + u.v[1] % 5);
    wijk[h] = h % 20 == 0 ? 1 : 0;
  }
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("wide", ProviderType::ggz, 900, 10));
  net.providers[0].eligibility.any_of = {{1, 3}};
  net.providers[0].initial_in_service = 700;
  net.providers[0].initial_waiting = 400;
  net.providers[0].effects = {{1, 0.1}};
  net.providers.push_back(make_provider("wijk-1", ProviderType::wijkteam, 40, 10));
  net.providers[1].wijken = {1};
  net.providers[1].initial_in_service = 30;
  net.providers[1].initial_waiting = 25;
  finalise_network(net, 2, 2);
  ProviderState ps;
  init_provider_state(net, ps);
  HouseholdView view = pop.view();
  view.wijk = wijk.data();
  const Draws draws = test_draws(11);
  std::vector<uint8_t> status_before(n, 0);  // provider 0 places first; provider 1 sees the rest
  place_initial_care(net, ps, pop.care(), view, draws);

  for (int p = 0; p < 2; ++p) {
    INFO("provider " << p);
    const CompiledProvider& pr = net.providers[static_cast<size_t>(p)];
    struct Ranked {
      uint32_t worst, draw, h;
      bool operator<(const Ranked& o) const {
        return worst != o.worst ? worst < o.worst : draw != o.draw ? draw < o.draw : h < o.h;
      }
    };
    std::vector<Ranked> pool;
    for (uint32_t h = 0; h < n; ++h) {
      if (status_before[h] != 0) continue;
      if (!pr.wijken.empty() && wijk[h] != 1) continue;
      if (!is_eligible(pr, view, h, 0)) continue;
      uint32_t worst = 5;
      if (pr.effects.empty()) worst = std::min(pop.severity[2 * h], pop.severity[2 * h + 1]);
      else for (const auto& e : pr.effects) worst = std::min<uint32_t>(worst, pop.severity[2 * h + e.domain]);
      const auto r = philox_draw(draws.key, h, 0, draws.replication, Purpose::services,
                                 kInitialCareDraw + static_cast<uint32_t>(p));
      pool.push_back({worst, r.v[0], h});
    }
    std::sort(pool.begin(), pool.end());
    const size_t served = static_cast<size_t>(std::min(pr.initial_in_service, pr.capacity));
    REQUIRE(pool.size() >= served + static_cast<size_t>(pr.initial_waiting));
    const auto& q = ps.providers[static_cast<size_t>(p)];
    std::vector<uint32_t> got_served, want_served, got_listed, want_listed;
    for (const auto& e : q.service) got_served.push_back(e.household);
    for (size_t i = 0; i < served; ++i) want_served.push_back(pool[i].h);
    for (size_t i = q.head; i < q.queue.size(); ++i) got_listed.push_back(q.queue[i].household);
    for (size_t i = served; i < served + static_cast<size_t>(pr.initial_waiting); ++i) want_listed.push_back(pool[i].h);
    std::sort(got_listed.begin(), got_listed.end());
    std::sort(want_listed.begin(), want_listed.end());
    CHECK(got_served == want_served);  // in rank order
    CHECK(got_listed == want_listed);
    for (const uint32_t h : want_served) status_before[h] = 1;
    for (const uint32_t h : want_listed) status_before[h] = 1;
  }
}

TEST_CASE("initial care: all three keys 0 place nobody and draw nothing", "[providers][initial][crn]") {
  const uint64_t n = 500;
  Population a = graded(n), b = graded(n);
  CompiledProviderNetwork with, without;
  for (auto* net : {&with, &without}) {
    net->providers.push_back(make_provider("team", ProviderType::wijkteam, 20, 8));
    finalise_network(*net, 1, 1);
  }
  with.providers[0].initial_waited_weeks = 30;  // present, but nobody is placed
  ProviderState pa, pb;
  init_provider_state(with, pa);
  init_provider_state(without, pb);
  place_initial_care(with, pa, a.care(), a.view(), test_draws(3));
  CHECK(pa.providers[0].queue_length() == 0);
  CHECK(pa.providers[0].service.empty());
  CHECK(a.status == b.status);
  CHECK(provider_state_hash(pa) == provider_state_hash(pb));
}

TEST_CASE("initial care: one household at one provider, each in its served wijk", "[providers][initial]") {
  const uint64_t n = 400;
  Population pop = graded(n);
  std::vector<uint16_t> wijk(n);
  for (uint64_t h = 0; h < n; ++h) wijk[h] = h < n / 2 ? 0 : 1;
  HouseholdView view = pop.view();
  view.wijk = wijk.data();
  CompiledProviderNetwork net;
  for (int w = 0; w < 2; ++w) {
    net.providers.push_back(make_provider("team" + std::to_string(w), ProviderType::wijkteam, 30, 8));
    net.providers.back().wijken = {w};
    net.providers.back().initial_in_service = 30;
    net.providers.back().initial_waiting = 500;  // more than there are: everybody in the wijk
  }
  net.providers.push_back(make_provider("city", ProviderType::ggz, 10, 8));
  net.providers.back().initial_waiting = 10;  // nobody left
  finalise_network(net, 2, 1);
  ProviderState ps;
  init_provider_state(net, ps);
  place_initial_care(net, ps, pop.care(), view, test_draws(11));
  for (int w = 0; w < 2; ++w) {
    const auto& q = ps.providers[w];
    CHECK(q.service.size() + q.queue_length() == n / 2);
    for (const auto& e : q.service) CHECK(wijk[e.household] == w);
    for (size_t i = q.head; i < q.queue.size(); ++i) CHECK(wijk[q.queue[i].household] == w);
  }
  CHECK(ps.providers[2].queue_length() == 0);
  const std::string failed = check_provider_invariants(net, ps, CareArraysView(pop.care()));
  CHECK(failed.empty());
}

TEST_CASE("clients: a year's sum is those in service at its start plus the services started", "[providers][clients]") {
  // Independent count: scan the care arrays every week; a household in service at p that
  // was not in service at p at the end of the previous week (or any household in service at
  // the start of a year's first week) starts a client spell. Children from the view.
  const uint64_t n = 3000;
  Population pop(n, 1, 2);
  std::vector<uint8_t> children(n), adults(n, 2), age(n, 40);
  for (uint64_t h = 0; h < n; ++h) children[h] = static_cast<uint8_t>(h % 4);
  HouseholdView view = pop.view();
  view.children = children.data();
  view.adults = adults.data();
  view.age0 = age.data();
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("team", ProviderType::wijkteam, 40, 6));
  net.providers.push_back(make_provider("jeugd", ProviderType::youth_care, 25, 10));
  net.pathways.push_back(make_pathway(net, 0, 1, 0.5, 2));
  net.providers[1].initial_in_service = 25;
  finalise_network(net, 1, 1);
  ProviderState ps;
  init_provider_state(net, ps);
  const Draws draws = test_draws(5);
  place_initial_care(net, ps, pop.care(), view, draws);
  std::vector<uint64_t> spells(2, 0), spell_children(2, 0), counted(2, 0), counted_children(2, 0);
  std::vector<uint8_t> before = pop.status;
  std::vector<int16_t> before_p = pop.provider;
  for (uint32_t week = 1; week <= 110; ++week) {
    std::vector<Request> req;
    for (uint32_t h = static_cast<uint32_t>(week % 40); h < n; h += 40)
      if (pop.status[h] == 0) req.push_back({h, 0});
    submit_requests(net, ps, pop.care(), view, req, week);
    step_providers(net, ps, pop.care(), view, draws, week);
    for (int p = 0; p < 2; ++p) {
      counted[p] += ps.week_counters[p].clients;
      counted_children[p] += ps.week_counters[p].client_children;
    }
    for (uint32_t h = 0; h < n; ++h) {
      const bool carried = week % 52 == 1 && before[h] == static_cast<uint8_t>(CareStatus::in_service);
      if (carried) {
        ++spells[before_p[h]];
        spell_children[before_p[h]] += children[h];
      }
      // Services started this week (a service lasts at least to the next week): in service
      // now and not in service at the same provider at the end of the previous week.
      const bool now = pop.status[h] == static_cast<uint8_t>(CareStatus::in_service);
      const bool was = before[h] == static_cast<uint8_t>(CareStatus::in_service) && before_p[h] == pop.provider[h];
      if (now && !was) {
        ++spells[pop.provider[h]];
        spell_children[pop.provider[h]] += children[h];
      }
    }
    before = pop.status;
    before_p = pop.provider;
  }
  for (int p = 0; p < 2; ++p) {
    INFO("provider " << p);
    CHECK(counted[p] > 100);
    CHECK(counted[p] == spells[p]);
    CHECK(counted_children[p] == spell_children[p]);
    CHECK(ps.total_counters[p].clients == counted[p]);
  }
}
