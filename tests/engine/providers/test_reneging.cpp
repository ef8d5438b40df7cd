// Leaving a waiting list (leave_waiting_weekly, issue 14) against exact results.
//
// 1. No service (capacity 0): N households join in week 1; each later week every one still
//    waiting gives up with probability r, independently, so the queue at the end of week t
//    is Binomial(N, (1 - r)^(t - 1)) and the leavers of week t Binomial(N, (1-r)^(t-2) r).
// 2. Service and reneging together: c servers, geometric service (each service ends with
//    probability q a week), one arrival a week, reneging r. One week of the machinery
//    (service.hpp) is: the arrival joins the incoming list; each queued household (not the
//    one that just joined) leaves with probability r; each service ends with probability q;
//    the incoming join the queue and up to the free capacity are admitted. The state
//    (Q, S) at the end of a week is a Markov chain:
//        L ~ Bin(Q, r), E ~ Bin(S, q), pool = Q - L + 1, admitted = min(c - (S - E), pool),
//        S' = S - E + admitted, Q' = pool - admitted,
//    propagated exactly from the empty state (Q truncated far in the tail). K independent
//    copies of the provider (one provider each, own households) run in one network; the
//    means over copies of Q_T and of the week-T leavers must match the chain within
//    k = 4 standard errors sqrt(Var / K) (Var from the exact distribution).
// 3. Reneging draws its own stream (Purpose::reneging): turning it on at one provider leaves
//    another provider's weekly rows unchanged (common random numbers).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "harness.hpp"

using namespace wijksim;
using namespace wijksim::providers;
using namespace wijksim::providers::test;

namespace {

struct Moments {
  double queue_mean = 0, queue_var = 0, left_mean = 0, left_var = 0;
};

// The chain of the header comment after `weeks` weeks from empty: moments of Q_T and of
// the leavers of week T.
Moments exact_chain(int c, double q, double r, int weeks, int q_max) {
  const int ns = c + 1;
  std::vector<double> pi(static_cast<size_t>((q_max + 1) * ns), 0.0), next(pi.size());
  pi[0] = 1.0;
  Moments m;
  for (int t = 1; t <= weeks; ++t) {
    std::fill(next.begin(), next.end(), 0.0);
    double l1 = 0, l2 = 0;
    for (int Q = 0; Q <= q_max; ++Q)
      for (int S = 0; S <= c; ++S) {
        const double p = pi[static_cast<size_t>(Q * ns + S)];
        if (p == 0) continue;
        const auto leave = binomial_pmf(Q, r);
        const auto end = binomial_pmf(S, q);
        for (int L = 0; L <= Q; ++L)
          for (int E = 0; E <= S; ++E) {
            const double w = p * leave[L] * end[E];
            const int pool = Q - L + 1, busy = S - E;
            const int admitted = std::min(c - busy, pool);
            const int q2 = std::min(pool - admitted, q_max);
            next[static_cast<size_t>(q2 * ns + busy + admitted)] += w;
            l1 += w * L;
            l2 += w * L * L;
          }
      }
    pi.swap(next);
    m.left_mean = l1;
    m.left_var = l2 - l1 * l1;
  }
  double q1 = 0, q2 = 0, tail = 0;
  for (int Q = 0; Q <= q_max; ++Q)
    for (int S = 0; S <= c; ++S) {
      const double p = pi[static_cast<size_t>(Q * ns + S)];
      q1 += p * Q;
      q2 += p * Q * Q;
      if (Q == q_max) tail += p;
    }
  REQUIRE(tail < 1e-12);  // truncation is harmless
  m.queue_mean = q1;
  m.queue_var = q2 - q1 * q1;
  return m;
}

}  // namespace

TEST_CASE("reneging without service: the waiting list decays by (1 - r) a week", "[providers][reneging][statistical]") {
  const int n = 100000;
  const double r = 0.05;
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("ggz", ProviderType::ggz, 0, 10));
  net.providers[0].leave_waiting_weekly = r;
  finalise_network(net, 1, 1);
  Population pop(n, 1);
  ProviderState ps;
  init_provider_state(net, ps);
  std::vector<Request> requests;
  for (int h = 0; h < n; ++h) requests.push_back({static_cast<uint32_t>(h), 0});
  submit_requests(net, ps, pop.care(), pop.view(), requests, 1);
  uint64_t left_total = 0;
  for (uint32_t week = 1; week <= 30; ++week) {
    step_providers(net, ps, pop.care(), pop.view(), test_draws(11), week);
    const ProviderWeek& row = ps.week_counters[0];
    const double stay = std::pow(1 - r, week - 1.0);
    const double sd = std::sqrt(n * stay * (1 - stay));
    INFO("week " << week << ": waiting " << row.queue_length << ", expected " << n * stay << " (4 sd " << 4 * sd << ")");
    CHECK(std::abs(row.queue_length - n * stay) <= 4 * sd + 1e-9);
    if (week == 1) CHECK(row.left_waiting == 0);  // nobody leaves in the week they joined
    left_total += row.left_waiting;
    CHECK(row.queue_length + left_total == static_cast<uint64_t>(n));  // every household accounted for
  }
  CHECK(ps.total_counters[0].left_waiting == left_total);
  CHECK(check_provider_invariants(net, ps, pop.care()).empty());
  for (int h = 0; h < n; ++h)  // leavers are out of care
    if (pop.status[h] == static_cast<uint8_t>(CareStatus::not_in_care)) REQUIRE(pop.provider[h] == -1);
}

TEST_CASE("reneging with service matches the exact discrete-time chain", "[providers][reneging][statistical]") {
  const int copies = 3000, c = 2, weeks = 40;
  const double mean_weeks = 4, r = 0.1;
  CompiledProviderNetwork net;
  for (int k = 0; k < copies; ++k) {
    net.providers.push_back(make_provider("p" + std::to_string(k), ProviderType::user, c, mean_weeks));
    net.providers.back().leave_waiting_weekly = r;
  }
  finalise_network(net, 1, 1);
  const uint64_t n = static_cast<uint64_t>(copies) * weeks;
  Population pop(n, 1);
  ProviderState ps;
  init_provider_state(net, ps);
  std::vector<Request> requests;
  for (uint32_t week = 1; week <= static_cast<uint32_t>(weeks); ++week) {
    requests.clear();  // copy k's household of week t: k * weeks + t - 1 (each joins once)
    for (int k = 0; k < copies; ++k) requests.push_back({static_cast<uint32_t>(k * weeks + week - 1), k});
    submit_requests(net, ps, pop.care(), pop.view(), requests, week);
    step_providers(net, ps, pop.care(), pop.view(), test_draws(5), week);
  }
  REQUIRE(check_provider_invariants(net, ps, pop.care()).empty());
  double queue = 0, left = 0;
  for (int k = 0; k < copies; ++k) {
    queue += ps.week_counters[k].queue_length;
    left += ps.week_counters[k].left_waiting;
  }
  queue /= copies;
  left /= copies;
  const Moments m = exact_chain(c, 1.0 / mean_weeks, r, weeks, 80);
  const double se_q = std::sqrt(m.queue_var / copies), se_l = std::sqrt(m.left_var / copies);
  INFO("queue " << queue << " vs exact " << m.queue_mean << " (4 SE " << 4 * se_q << "); leavers " << left
                << " vs " << m.left_mean << " (4 SE " << 4 * se_l << ")");
  CHECK(m.queue_mean > 2.0);  // a real waiting list, held down by reneging
  CHECK(std::abs(queue - m.queue_mean) <= 4 * se_q);
  CHECK(std::abs(left - m.left_mean) <= 4 * se_l);
  // Negative control: without reneging the queue grows far beyond that (1 arrival, 0.5 served a week).
  CHECK(exact_chain(c, 1.0 / mean_weeks, 0.0, weeks, 80).queue_mean > m.queue_mean + 8 * se_q);
}

TEST_CASE("reneging draws its own stream: another provider's run is unchanged", "[providers][reneging][crn]") {
  // Two providers with their own households; reneging at the second must leave every
  // weekly row of the first (its service and drop-out draws) unchanged, and 0 must leave
  // the second's unchanged too.
  const auto run = [](double r) {
    CompiledProviderNetwork net;
    for (const char* name : {"a", "b"}) {
      net.providers.push_back(make_provider(name, ProviderType::wijkteam, 3, 5));
      net.providers.back().dropout_weekly = 0.05;
    }
    net.providers[1].leave_waiting_weekly = r;
    finalise_network(net, 1, 1);
    Population pop(2000, 1);
    ProviderState ps;
    init_provider_state(net, ps);
    std::vector<std::vector<ProviderWeek>> rows(2);
    for (uint32_t week = 1; week <= 80; ++week) {
      std::vector<Request> requests;
      for (uint32_t h = (week - 1) * 12; h < week * 12 && h < 2000; ++h) requests.push_back({h, static_cast<int32_t>(h % 2)});
      submit_requests(net, ps, pop.care(), pop.view(), requests, week);
      step_providers(net, ps, pop.care(), pop.view(), test_draws(3), week);
      for (int p = 0; p < 2; ++p) rows[p].push_back(ps.week_counters[p]);
    }
    return rows;
  };
  const auto same = [](const std::vector<ProviderWeek>& x, const std::vector<ProviderWeek>& y) {
    for (size_t w = 0; w < x.size(); ++w)
      if (x[w].queue_length != y[w].queue_length || x[w].admissions != y[w].admissions ||
          x[w].discharges != y[w].discharges || x[w].dropouts != y[w].dropouts || x[w].wait_sum != y[w].wait_sum ||
          x[w].left_waiting != y[w].left_waiting)
        return false;
    return true;
  };
  const auto off = run(0.0), on = run(0.05);
  CHECK(same(off[0], on[0]));
  CHECK_FALSE(same(off[1], on[1]));  // negative control: reneging does change its own provider
  uint64_t left = 0;
  for (const auto& w : on[1]) left += w.left_waiting;
  CHECK(left > 0);
  for (const auto& w : off[1]) CHECK(w.left_waiting == 0);
}

TEST_CASE("patience per household: each care-avoidance class leaves at its own geometric rate", "[providers][reneging][statistical]") {
  // No service (capacity 0), N households join in week 1. Household h gives up each later
  // week with p_h = min(1, r (1 + k a_h)), a_h = care_avoidance_h / 255, independently, so
  // the class with avoidance a still waits at week t as Binomial(n_a, (1 - p_a)^(t - 1))
  // and the whole list is a sum of such binomials (a mixture of geometric patience times).
  // The last class has p = 1 through the cap: all of it leaves in week 2.
  const int n = 120000;
  const double r = 0.04, k = 2.0;
  const std::vector<uint8_t> classes = {0, 85, 170, 255};
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("ggz", ProviderType::ggz, 0, 10));
  net.providers.push_back(make_provider("capped", ProviderType::ggz, 0, 10));
  net.providers[0].leave_waiting_weekly = r;
  net.providers[0].leave_waiting_avoidance = k;
  net.providers[1].leave_waiting_weekly = r;
  net.providers[1].leave_waiting_avoidance = 1e6;  // r (1 + 1e6 a) > 1 for every a > 0
  finalise_network(net, 1, 1);
  Population pop(n + 1000, 1);
  std::vector<uint8_t> avoidance(n + 1000);
  for (int h = 0; h < n; ++h) avoidance[h] = classes[h % classes.size()];
  for (int h = n; h < n + 1000; ++h) avoidance[h] = 1 + h % 254;  // capped provider: a > 0
  HouseholdView view = pop.view();
  view.care_avoidance = avoidance.data();
  ProviderState ps;
  init_provider_state(net, ps);
  std::vector<Request> requests;
  for (int h = 0; h < n + 1000; ++h) requests.push_back({static_cast<uint32_t>(h), h < n ? 0 : 1});
  submit_requests(net, ps, pop.care(), view, requests, 1);
  const auto waiting = [&](uint8_t a) {
    int64_t m = 0;
    for (int h = 0; h < n; ++h) m += avoidance[h] == a && pop.status[h] == static_cast<uint8_t>(CareStatus::waiting);
    return m;
  };
  const double class_n = static_cast<double>(n) / classes.size();
  double mean_p = 0;
  for (const uint8_t a : classes) mean_p += r * (1 + k * a / 255.0) / classes.size();
  for (uint32_t week = 1; week <= 30; ++week) {
    step_providers(net, ps, pop.care(), view, test_draws(17), week);
    double expected = 0, var = 0;
    for (const uint8_t a : classes) {
      const double stay = std::pow(1 - r * (1 + k * a / 255.0), week - 1.0);
      const double sd = std::sqrt(class_n * stay * (1 - stay));
      INFO("week " << week << ", avoidance byte " << int(a) << ": waiting " << waiting(a) << ", expected "
                   << class_n * stay << " (4 sd " << 4 * sd << ")");
      CHECK(std::abs(waiting(a) - class_n * stay) <= 4 * sd + 1e-9);
      expected += class_n * stay;
      var += class_n * stay * (1 - stay);
    }
    CHECK(std::abs(ps.week_counters[0].queue_length - expected) <= 4 * std::sqrt(var) + 1e-9);
    CHECK(ps.week_counters[1].queue_length == (week == 1 ? 1000u : 0u));  // p = 1: all gone in week 2
    if (week == 30) {
      // Negative control: one geometric at the classes' mean rate misses the mixture by far.
      const double one_rate = n * std::pow(1 - mean_p, week - 1.0);
      CHECK(std::abs(expected - one_rate) > 20 * std::sqrt(var));
    }
  }
  CHECK(check_provider_invariants(net, ps, pop.care()).empty());
}

TEST_CASE("patience per household at 0 draws the same as no patience at all", "[providers][reneging][crn]") {
  // leave_waiting_avoidance 0 (or no care_avoidance in the view) must give every household
  // exactly leave_waiting_weekly: the same rows to the bit; a positive value must not.
  const auto run = [](double k, bool with_avoidance) {
    CompiledProviderNetwork net;
    net.providers.push_back(make_provider("a", ProviderType::wijkteam, 3, 5));
    net.providers[0].leave_waiting_weekly = 0.05;
    net.providers[0].leave_waiting_avoidance = k;
    finalise_network(net, 1, 1);
    Population pop(2000, 1);
    std::vector<uint8_t> avoidance(2000);
    for (size_t h = 0; h < avoidance.size(); ++h) avoidance[h] = static_cast<uint8_t>(h * 37 % 256);
    HouseholdView view = pop.view();
    if (with_avoidance) view.care_avoidance = avoidance.data();
    ProviderState ps;
    init_provider_state(net, ps);
    std::vector<uint64_t> rows;
    for (uint32_t week = 1; week <= 80; ++week) {
      std::vector<Request> requests;
      for (uint32_t h = (week - 1) * 12; h < week * 12 && h < 2000; ++h) requests.push_back({h, 0});
      submit_requests(net, ps, pop.care(), view, requests, week);
      step_providers(net, ps, pop.care(), view, test_draws(3), week);
      const ProviderWeek& w = ps.week_counters[0];
      for (const uint64_t x : {uint64_t{w.queue_length}, uint64_t{w.admissions}, uint64_t{w.left_waiting}, w.wait_sum})
        rows.push_back(x);
    }
    return rows;
  };
  const auto plain = run(0.0, false);
  CHECK(run(0.0, true) == plain);
  CHECK(run(1.5, false) == plain);  // no avoidance data: nobody differs
  CHECK(run(1.5, true) != plain);   // negative control
}
