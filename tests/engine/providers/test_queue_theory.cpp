// One provider against queueing theory: Little's law and the exact mean wait of the
// discrete-time queue, at utilisation 0.7 and 0.9.
//
// The system: c servers (capacity c), FIFO, geometric service (each week every service
// ends with probability q = 1/mean), arrivals A ~ Binomial(m, a) per week. One week of
// the machinery is: arrivals join; services end; admissions up to capacity. So the number
// in system at the end of a week, N, is a Markov chain:
//     N' = N - D + A,   D ~ Binomial(min(N, c), q),   A ~ Binomial(m, a),
// and the queue at the end of the week is Q = max(N - c, 0). We solve pi P = pi on
// 0..N_max with Eigen (N_max far in the tail) and take L_q = sum_N pi_N max(N - c, 0).
// Little's law in discrete time, with the queue counted at the end of each week: a
// household that joins in week t and is admitted in week t + W is counted in the queue at
// the ends of weeks t .. t+W-1, i.e. W times, so E[Q] = lambda E[W] exactly, with
// lambda = m a. Hence the expected mean wait is W = L_q / lambda.
// Utilisation rho = lambda / (c q).
#include <catch2/catch.hpp>
#include <cmath>
#include <Eigen/Dense>

#include "harness.hpp"

using namespace wijksim;
using namespace wijksim::providers;
using namespace wijksim::providers::test;

namespace {

// Expected end-of-week queue length L_q of the chain above.
double exact_queue_length(int c, double q, int m, double a, int n_max) {
  const auto arrivals = binomial_pmf(m, a);
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n_max + 1, n_max + 1);
  for (int n = 0; n <= n_max; ++n) {
    const int busy = std::min(n, c);
    const auto departures = binomial_pmf(busy, q);
    for (int d = 0; d <= busy; ++d)
      for (int k = 0; k <= m; ++k) P(n, std::min(n - d + k, n_max)) += departures[d] * arrivals[k];
  }
  // pi (P - I) = 0 with sum(pi) = 1: replace one equation by the normalisation.
  Eigen::MatrixXd A = (P - Eigen::MatrixXd::Identity(n_max + 1, n_max + 1)).transpose();
  A.row(n_max).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n_max + 1);
  b(n_max) = 1.0;
  const Eigen::VectorXd pi = A.fullPivLu().solve(b);
  REQUIRE(pi(n_max) < 1e-12);  // truncation is harmless
  double lq = 0;
  for (int n = c + 1; n <= n_max; ++n) lq += pi(n) * (n - c);
  return lq;
}

struct QueueRun {
  double mean_queue = 0, mean_wait = 0, arrival_rate = 0, mean_in_service = 0;
  double wait_se = 0;  // batch-means standard error of the mean wait
  uint32_t max_in_service = 0;
};

QueueRun simulate(int c, double mean_weeks, int m, double a, uint32_t weeks, uint64_t seed) {
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("server", ProviderType::wijkteam, c, mean_weeks));
  finalise_network(net, 1, 1);
  const uint64_t max_households = static_cast<uint64_t>(m) * weeks;
  Population pop(max_households, 1);
  auto care = pop.care();
  ProviderState ps;
  init_provider_state(net, ps);
  const Draws draws = test_draws(seed);
  const auto arrival_key = philox_key(seed ^ 0x5eedULL);
  QueueRun out;
  uint64_t next = 0, arrivals = 0, queue_sum = 0, served_sum = 0;
  constexpr int kBatches = 40;
  const uint32_t burn_in = weeks / 20, batch_weeks = (weeks - burn_in) / kBatches;
  std::vector<double> batch_wait(kBatches, 0), batch_admits(kBatches, 0);
  std::vector<Request> requests;
  for (uint32_t week = 0; week < weeks; ++week) {
    requests.clear();
    const auto u = philox_draw(arrival_key, 0, week, 0, Purpose::experiments, 0);
    for (int k = 0; k < m; ++k)
      if (u01(u.v[k]) < a) requests.push_back({static_cast<uint32_t>(next++), 0});
    submit_requests(net, ps, care, pop.view(), requests, week);
    step_providers(net, ps, care, pop.view(), draws, week);
    const auto& row = ps.week_counters[0];
    out.max_in_service = std::max(out.max_in_service, row.in_service);
    if (week < burn_in) continue;
    const uint32_t b = std::min<uint32_t>((week - burn_in) / batch_weeks, kBatches - 1);
    arrivals += requests.size();
    queue_sum += row.queue_length;
    served_sum += row.in_service;
    batch_wait[b] += static_cast<double>(row.wait_sum);
    batch_admits[b] += row.admissions;
  }
  const double span = weeks - burn_in;
  out.arrival_rate = arrivals / span;
  out.mean_queue = queue_sum / span;
  out.mean_in_service = served_sum / span;
  double wsum = 0, asum = 0, sq = 0;
  for (int b = 0; b < kBatches; ++b) wsum += batch_wait[b], asum += batch_admits[b];
  out.mean_wait = wsum / asum;
  for (int b = 0; b < kBatches; ++b) {
    const double d = batch_wait[b] / batch_admits[b] - out.mean_wait;
    sq += d * d;
  }
  out.wait_se = std::sqrt(sq / (kBatches - 1) / kBatches);
  return out;
}

}  // namespace

TEST_CASE("one provider obeys Little's law and the discrete-time queue's mean wait",
          "[providers][queue][statistical]") {
  // c = 10 servers, mean service 8 weeks (q = 1/8): capacity 1.25 services per week.
  // Arrivals Binomial(4, a): lambda = 4a = rho * 1.25.
  const int c = 10, m = 4;
  const double mean_weeks = 8.0, q = 1.0 / mean_weeks;
  const auto rho = GENERATE(0.7, 0.9);
  const double lambda = rho * c * q, a = lambda / m;
  const double exact_wait = exact_queue_length(c, q, m, a, 600) / lambda;
  const uint32_t weeks = 1200000;  // ~4000x the relaxation time at rho = 0.9 (~300 weeks)
  const QueueRun run = simulate(c, mean_weeks, m, a, weeks, rho < 0.8 ? 11 : 12);
  INFO("rho " << rho << ": exact W " << exact_wait << ", simulated W " << run.mean_wait
              << " (batch SE " << run.wait_se << "), L_q " << run.mean_queue << ", lambda "
              << run.arrival_rate << ", in service " << run.mean_in_service);
  // Capacity is never exceeded, and utilisation is what we asked for (4 SE of a
  // Bernoulli-count mean would be far tighter than 2%; 2% covers autocorrelation).
  CHECK(run.max_in_service <= static_cast<uint32_t>(c));
  CHECK(run.mean_in_service / c == Approx(rho).epsilon(0.02));
  // Little's law on the simulation's own measurements: within 5%.
  CHECK(run.mean_queue == Approx(run.arrival_rate * run.mean_wait).epsilon(0.05));
  // Against the exact chain: the acceptance bound is 10%; the test is only meaningful if
  // the simulation is precise enough, so also require 3 batch SE below that bound.
  CHECK(3 * run.wait_se < 0.10 * exact_wait);
  CHECK(run.mean_wait == Approx(exact_wait).epsilon(0.10));
  // Sanity of the derivation: more load, longer waits (W(0.9) is several times W(0.7)).
  CHECK(exact_wait > (rho < 0.8 ? 0.1 : 2.0));
}
