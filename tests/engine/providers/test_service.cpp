// The queue / service machinery (engine/src/providers/service.cpp): loss on pathways,
// conservation and capacity, ordering, and determinism whatever the thread count or the
// order of requests within a week.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>
#include <tbb/task_arena.h>

#include "harness.hpp"

using namespace wijksim;
using namespace wijksim::providers;
using namespace wijksim::providers::test;

namespace {

uint64_t fnv(uint64_t h, const void* data, size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

uint64_t hash_week(uint64_t h, const ProviderState& ps) {
  for (const auto& r : ps.week_counters) {
    const uint64_t fields[] = {r.queue_length, r.in_service, r.admissions, r.discharges,
                               r.dropouts, r.referrals_in, r.referrals_out, r.lost,
                               r.requests, r.wait_sum, r.wait_p90,
                               static_cast<uint64_t>(r.cost_cents)};
    h = fnv(h, fields, sizeof fields);
  }
  return h;
}

// A small city: two wijkteams that assess on intake (zero-delay to the credit bank for
// money problems), a GP, a credit bank -> debt counselling (delay, loss), GGZ with a
// severity-ordered waiting list, fixed-length debt counselling, drop-out.
CompiledProviderNetwork city(int scale) {
  CompiledProviderNetwork net;
  auto add = [&](const char* name, ProviderType t, int cap, double mean) {
    net.providers.push_back(make_provider(name, t, cap * scale, mean));
    return static_cast<int>(net.providers.size()) - 1;
  };
  const int wt0 = add("wt_a", ProviderType::wijkteam, 30, 10);
  const int wt1 = add("wt_b", ProviderType::wijkteam, 30, 10);
  const int gp = add("gp", ProviderType::gp, 80, 2);
  const int bank = add("credit_bank", ProviderType::credit_bank, 20, 6);
  const int debt = add("debt_counselling", ProviderType::debt_counselling, 25, 18);
  const int ggz = add("ggz", ProviderType::ggz, 15, 24);
  net.providers[wt0].wijken = {0};
  net.providers[wt1].wijken = {1};
  net.providers[debt].duration = DurationKind::fixed;
  net.providers[ggz].discipline = QueueDiscipline::severity;
  net.providers[ggz].effects = {{1, 0.05}};
  net.providers[ggz].discharge_at_or_above = 4;
  net.providers[wt0].dropout_weekly = net.providers[wt1].dropout_weekly = 0.01;
  net.providers[bank].cost_per_week_cents = 12'000;
  net.providers[bank].intake_cost_cents = 50'000;
  net.providers[bank].financier = Financier::wmo;
  net.providers[ggz].cost_per_week_cents = 40'000;
  net.providers[ggz].financier = Financier::zvw;
  for (int wt : {wt0, wt1}) {
    auto pw = make_pathway(net, wt, bank, 0.6, 0, 0.0, PathwayTrigger::intake);
    pw.condition = {{0, 2}};  // finances <= 2 at assessment
    pw.continuity = true;
    net.pathways.push_back(pw);
    auto to_ggz = make_pathway(net, wt, ggz, 0.3, 3, 0.1);
    to_ggz.condition = {{1, 2}};
    net.pathways.push_back(to_ggz);
  }
  net.pathways.push_back(make_pathway(net, gp, ggz, 0.4, 6, 0.2));
  net.pathways.push_back(make_pathway(net, bank, debt, 0.7, 2, 0.3));
  finalise_network(net, 2, 2);
  return net;
}

struct CityRun {
  uint64_t hash = 0;
  std::string invariant_failure;
  uint64_t lost_total = 0;
  size_t final_work = 0;  // queued + served + travelling households at the end
};

// Test-side household life: severities drift (better while in service), households with
// a problem and not in care ask for help at their wijkteam (even id) or GP (odd id).
// `at_end`, when given, sees the final state (before the hash) and may change it.
using AtEnd = std::function<void(CompiledProviderNetwork&, ProviderState&, Population&)>;
CityRun run_city(int threads, bool shuffle, uint32_t weeks, uint64_t n, bool check_every_week,
                 size_t parallel_min_work = 20000, const AtEnd& at_end = {}) {
  auto net = city(static_cast<int>(std::max<uint64_t>(1, n / 4000)));
  net.providers[2].after_care_weeks = at_end ? 4 : 0;  // the GP: an after-care list for remove_households
  Population pop(n, 2, 3);
  auto care = pop.care();
  ProviderState ps;
  init_provider_state(net, ps);
  ps.parallel_min_work = parallel_min_work;
  const Draws draws = test_draws(2024);
  const auto life = philox_key(77);
  std::mt19937 shuffler(static_cast<unsigned>(threads * 7 + 1));
  tbb::task_arena arena(threads);
  CityRun out;
  std::vector<Request> requests;
  for (uint32_t week = 0; week < weeks; ++week) {
    requests.clear();
    for (uint32_t h = 0; h < n; ++h) {
      const auto u = philox_draw(life, h, week, 0, Purpose::experiments, 0);
      for (int d = 0; d < 2; ++d) {
        uint8_t& s = pop.severity[h * 2 + d];
        const bool served = care.status[h] == static_cast<uint8_t>(CareStatus::in_service);
        if (u01(u.v[d]) < 0.012 && s > 1) --s;
        else if (u01(u.v[d]) > 1 - (served ? 0.04 : 0.01) && s < 5) ++s;
      }
      const bool problem = std::min(pop.severity[h * 2], pop.severity[h * 2 + 1]) <= 2;
      if (problem && care.status[h] == 0 && u01(u.v[2]) < 0.05)
        requests.push_back({h, (h % 2) ? 2 : static_cast<int32_t>(h % 4 == 0 ? 0 : 1)});
    }
    if (shuffle) std::shuffle(requests.begin(), requests.end(), shuffler);
    arena.execute([&] {
      submit_requests(net, ps, care, pop.view(), requests, week);
      step_providers(net, ps, care, pop.view(), draws, week);
    });
    out.hash = hash_week(out.hash, ps);
    if ((check_every_week || week + 1 == weeks) && out.invariant_failure.empty()) {
      out.invariant_failure = check_provider_invariants(net, ps, care);
      if (!out.invariant_failure.empty()) out.invariant_failure += " (week " + std::to_string(week) + ")";
    }
  }
  if (at_end) at_end(net, ps, pop);
  out.hash = fnv(out.hash, pop.status.data(), pop.status.size());
  out.hash = fnv(out.hash, pop.provider.data(), pop.provider.size() * 2);
  out.hash = fnv(out.hash, pop.case_manager.data(), pop.case_manager.size() * 2);
  for (const auto& t : ps.pathway_totals) out.lost_total += t.lost;
  for (const auto& q : ps.providers) out.final_work += q.queue_length() + q.service.size() + q.transit.size();
  return out;
}

}  // namespace

TEST_CASE("a pathway with loss 0.3 loses 30% of the referrals it carries",
          "[providers][pathway][statistical]") {
  // Everyone is served by A (geometric, mean 2 weeks) and referred to B with probability 1,
  // delay 3, loss 0.3. Lost referrals ~ Binomial(carried, 0.3): tolerance k = 3 standard
  // errors, SE = sqrt(0.3 * 0.7 / carried).
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("a", ProviderType::wijkteam, 1'000'000, 2));
  net.providers.push_back(make_provider("b", ProviderType::ggz, 1'000'000, 4));
  net.pathways.push_back(make_pathway(net, 0, 1, 1.0, 3, 0.3));
  finalise_network(net, 1, 1);
  const uint32_t n = 20000;
  Population pop(n, 1);
  auto care = pop.care();
  ProviderState ps;
  init_provider_state(net, ps);
  std::vector<Request> all(n);
  for (uint32_t h = 0; h < n; ++h) all[h] = {h, 0};
  submit_requests(net, ps, care, pop.view(), all, 0);
  uint64_t lost_at_b = 0, arrived_at_b = 0;
  for (uint32_t week = 0; week < 80; ++week) {
    step_providers(net, ps, care, pop.view(), test_draws(5), week);
    lost_at_b += ps.week_counters[1].lost;
    arrived_at_b += ps.week_counters[1].referrals_in;
    REQUIRE(check_provider_invariants(net, ps, care).empty());
  }
  const auto& t = ps.pathway_totals[0];
  REQUIRE(t.carried == n);  // all discharged from A within 80 weeks (P(still) = 2^-80)
  REQUIRE(lost_at_b + arrived_at_b == n);
  CHECK(t.lost == lost_at_b);
  const double share = static_cast<double>(t.lost) / t.carried;
  const double se = std::sqrt(0.3 * 0.7 / t.carried);
  INFO("lost share " << share << ", SE " << se);
  CHECK(std::abs(share - 0.3) < 3 * se);
  CHECK(ps.total_counters[0].referrals_out == n);
}

TEST_CASE("households are conserved and no provider exceeds capacity in a city network",
          "[providers][invariants]") {
  const CityRun run = run_city(2, false, 260, 8000, true);  // 5 years, checked every week
  CHECK(run.invariant_failure.empty());
  INFO(run.invariant_failure);
  CHECK(run.lost_total > 0);  // the lossy pathways were exercised
}

TEST_CASE("provider results do not depend on the thread count or the order of requests",
          "[providers][determinism]") {
  // parallel_min_work = 0 forces one task per provider every phase, so with 2 and 8
  // threads providers really run concurrently (on a 2-core machine TBB caps 8 at 2).
  const uint64_t n = 40000;
  const CityRun one = run_city(1, false, 60, n, false, 0);
  REQUIRE(one.invariant_failure.empty());
  CHECK(one.final_work > 5000);
  CHECK(run_city(2, false, 60, n, false, 0).hash == one.hash);
  CHECK(run_city(8, true, 60, n, false, 0).hash == one.hash);
  CHECK(run_city(1, true, 60, n, false, 0).hash == one.hash);
  CHECK(run_city(2, true, 60, n, false, 1u << 30).hash == one.hash);  // serial path too
}

namespace {

// The lists of one provider as household ids, in order (the queue from 0: its admitted
// prefix [0, head) must stay as it is).
std::vector<std::vector<uint32_t>> list_households(const ProviderQueues& q) {
  std::vector<std::vector<uint32_t>> out(5);
  for (const auto& e : q.queue) out[0].push_back(e.household);
  for (const auto& e : q.incoming) out[1].push_back(e.household);
  for (const auto& e : q.service) out[2].push_back(e.household);
  for (const auto& e : q.transit) out[3].push_back(e.household);
  for (const auto& e : q.after_care) out[4].push_back(e.household);
  return out;
}

// The obvious removal, one household at a time: find it in the list its status names and
// erase it there (the definition remove_households must equal).
template <class Entry>
bool erase_first(std::vector<Entry>& list, size_t from, uint32_t h) {
  const auto it = std::find_if(list.begin() + static_cast<std::ptrdiff_t>(from), list.end(),
                               [h](const Entry& e) { return e.household == h; });
  if (it == list.end()) return false;
  list.erase(it);
  return true;
}

void remove_one_by_one(ProviderState& ps, Population& pop, const std::vector<uint32_t>& hs) {
  for (const uint32_t h : hs) {
    const auto st = static_cast<CareStatus>(pop.status[h]);
    if (st == CareStatus::not_in_care) continue;
    const auto p = static_cast<size_t>(pop.provider[h]);
    ProviderQueues& q = ps.providers[p];
    if (st == CareStatus::waiting && !erase_first(q.queue, q.head, h)) erase_first(q.incoming, 0, h);
    if (st == CareStatus::in_service) erase_first(q.service, 0, h);
    if (st == CareStatus::in_transit) erase_first(q.transit, 0, h);
    if (st == CareStatus::after_care) erase_first(q.after_care, 0, h);
    pop.status[h] = 0;
    pop.provider[h] = pop.case_manager[h] = -1;
    ++ps.moved_out_pending[p];
  }
}

}  // namespace

TEST_CASE("remove_households equals erasing the households one at a time, lists in order",
          "[providers][turnover]") {
  // After 40 weeks of the city, every 7th household leaves: the batch removal and the
  // one-at-a-time definition must leave the same lists (same order), arrays and counts.
  uint64_t by_status[5] = {};
  bool same = false;
  run_city(1, false, 40, 8000, false, 20000, [&](CompiledProviderNetwork&, ProviderState& ps, Population& pop) {
    std::vector<uint32_t> leaving;
    for (uint32_t h = 3; h < pop.status.size(); h += 7) {
      leaving.push_back(h);
      ++by_status[pop.status[h]];
    }
    ProviderState ref_ps = ps;
    Population ref_pop = pop;
    remove_one_by_one(ref_ps, ref_pop, leaving);
    remove_households(ps, pop.care(), leaving);
    same = ref_pop.status == pop.status && ref_pop.provider == pop.provider &&
           ref_pop.case_manager == pop.case_manager && ref_ps.moved_out_pending == ps.moved_out_pending;
    for (size_t p = 0; p < ps.providers.size(); ++p) {
      INFO("provider " << p);
      CHECK(list_households(ps.providers[p]) == list_households(ref_ps.providers[p]));
      CHECK(ps.providers[p].head == ref_ps.providers[p].head);
    }
  });
  CHECK(same);
  // Each list was exercised: leavers waiting, in service, in transit and in after-care.
  for (int st = 1; st <= 4; ++st) {
    INFO("care status " << st);
    CHECK(by_status[st] > 0);
  }
}

TEST_CASE("admission order: severity first, then waiting time, then household id",
          "[providers][queue]") {
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("ggz", ProviderType::ggz, 1, 1000));
  net.providers[0].discipline = QueueDiscipline::severity;
  net.providers[0].duration = DurationKind::fixed;
  net.providers[0].mean_weeks = 1;  // one household per week
  finalise_network(net, 1, 1);
  Population pop(8, 1);
  for (uint32_t h : {1u, 4u, 6u}) pop.severity[h] = 1;  // acute
  auto care = pop.care();
  ProviderState ps;
  init_provider_state(net, ps);
  std::vector<uint32_t> order;
  const std::vector<Request> week0{{7, 0}, {3, 0}, {6, 0}, {0, 0}};
  const std::vector<Request> week1{{5, 0}, {4, 0}, {1, 0}, {2, 0}};
  for (uint32_t week = 0; week < 10; ++week) {
    if (week == 0) submit_requests(net, ps, care, pop.view(), week0, week);
    if (week == 1) submit_requests(net, ps, care, pop.view(), week1, week);
    step_providers(net, ps, care, pop.view(), test_draws(1), week);
    for (const auto& s : ps.providers[0].service)
      if (s.start_week == week) order.push_back(s.household);
  }
  // Week 0 admits 6 (only acute so far). Week 1: acute 1, 4 join; acute by (week, id):
  // 1, 4 (week 1) ... the remaining week-0 non-acute 0, 3, 7 come before week-1's 2, 5.
  CHECK(order == std::vector<uint32_t>{6, 1, 4, 0, 3, 7, 2, 5});
}

TEST_CASE("fixed durations, intake referrals in the same week and case-manager continuity",
          "[providers][pathway]") {
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("wt", ProviderType::wijkteam, 100, 4));
  net.providers.push_back(make_provider("bank", ProviderType::credit_bank, 100, 5));
  net.providers[1].duration = DurationKind::fixed;
  auto pw = make_pathway(net, 0, 1, 1.0, 0, 0.0, PathwayTrigger::intake);
  pw.condition = {{0, 2}};
  pw.continuity = true;
  net.pathways.push_back(pw);
  finalise_network(net, 1, 1);
  Population pop(4, 1, 2);
  pop.severity[3] = 4;  // no money problem: stays with the wijkteam
  auto care = pop.care();
  ProviderState ps;
  init_provider_state(net, ps);
  const std::vector<Request> req{{0, 0}, {1, 0}, {2, 0}, {3, 0}};
  submit_requests(net, ps, care, pop.view(), req, 0);
  step_providers(net, ps, care, pop.view(), test_draws(3), 0);
  CHECK(ps.week_counters[0].admissions == 4);
  CHECK(ps.week_counters[0].referrals_out == 3);
  CHECK(ps.week_counters[1].referrals_in == 3);
  CHECK(ps.week_counters[1].admissions == 3);  // same week: delay 0
  CHECK(care.case_manager[0] == 0);
  CHECK(care.case_manager[3] == -1);
  CHECK(care.status[3] == static_cast<uint8_t>(CareStatus::in_service));
  for (uint32_t week = 1; week <= 5; ++week) {
    step_providers(net, ps, care, pop.view(), test_draws(3), week);
    const uint32_t expected = week < 5 ? 3 : 0;  // fixed 5 weeks: served in weeks 0..4
    CHECK(ps.week_counters[1].in_service == expected);
  }
  CHECK(ps.total_counters[1].discharges == 3);
  CHECK(care.case_manager[0] == -1);  // left care: case closed
}
