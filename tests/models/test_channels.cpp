// The gate + sampler (channels.cpp) against the target law: every channel independent,
// firing with its own probability. Oracle: per-channel frequencies and one pairwise joint
// frequency; tolerance k = 4 standard errors, SE = sqrt(p (1 - p) / n) (independent
// trials). Plus the exact consistency of gate and sampler: nothing fires iff quiet.
#include <catch2/catch.hpp>

#include <cmath>

#include "channels.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {

// One trial = one household-week: gate draw, then the conditional sampler if needed.
void run_trials(const Channels& c, int n, std::vector<double>& f1, std::vector<double>& f2, double& joint01) {
  ChannelSums sums;
  channel_sums(c, sums);
  const uint32_t threshold = quiet_threshold(c);
  const auto key = philox_key(2024);
  f1.assign(c.n, 0);
  f2.assign(c.n, 0);
  joint01 = 0;
  for (int t = 0; t < n; ++t) {
    const uint32_t gate = philox_draw(key, static_cast<uint32_t>(t / 4), 1, 0, Purpose::gate, 0).v[t % 4];
    if (gate < threshold) continue;
    RngStream rng(key, static_cast<uint32_t>(t), 1, 0, Purpose::dynamics);
    Outcomes out;
    const uint32_t second = philox_draw(key, static_cast<uint32_t>(t / 4), 1, 0, Purpose::gate, 1).v[t % 4];
    REQUIRE(sample_channels(c, sums, gate, second, rng, out) >= 1);
    for (int k = 0; k < c.n; ++k) {
      f1[k] += out.o[k] == 1;
      f2[k] += out.o[k] == 2;
    }
    joint01 += out.o[0] != 0 && out.o[1] != 0;
  }
}

void check_frequency(double count, int n, double p, const char* what, int k) {
  const double se = std::sqrt(std::max(p * (1 - p), 1e-12) / n);
  INFO(what << " channel " << k << ": frequency " << count / n << " expected " << p << " (4 SE = " << 4 * se << ")");
  CHECK(std::abs(count / n - p) <= 4 * se);
}

struct Frequencies {
  std::vector<double> outcome1, outcome2;
  double joint01 = 0;  // channels 0 and 1 both fired
};

// Channels with probabilities a (outcome 1) and b (outcome 2) through n trials of the gate and
// the sampler; every channel's two outcome frequencies checked against a and b.
Frequencies check_channels(const std::vector<double>& a, const std::vector<double>& b, int n) {
  Channels c;
  c.n = static_cast<int>(a.size());
  for (int k = 0; k < c.n; ++k) {
    c.a[k] = a[k];
    c.b[k] = b[k];
  }
  Frequencies f;
  run_trials(c, n, f.outcome1, f.outcome2, f.joint01);
  for (int k = 0; k < c.n; ++k) {
    check_frequency(f.outcome1[k], n, a[k], "outcome 1", k);
    check_frequency(f.outcome2[k], n, b[k], "outcome 2", k);
  }
  return f;
}

}  // namespace

TEST_CASE("gate + conditional sampler reproduce independent per-channel probabilities", "[channels][statistical]") {
  // Two "events" then five domains; several active, one impossible, a large one last.
  const std::vector<double> a = {0.03, 0.05, 0.02, 0.00, 0.10, 0.01, 0.20};
  const std::vector<double> b = {0.00, 0.00, 0.04, 0.00, 0.05, 0.00, 0.30};
  const int n = 400000;
  const Frequencies f = check_channels(a, b, n);
  check_frequency(f.joint01, n, a[0] * a[1], "joint 0&1", 0);  // independence
  CHECK(f.outcome1[3] + f.outcome2[3] == 0);                   // p = 0 never fires
}

TEST_CASE("conditional sampler with rare channels (the typical household)", "[channels][statistical]") {
  std::vector<double> a, b;
  for (int k = 0; k < 13; ++k) {
    a.push_back(0.002 * (1 + k % 3));
    b.push_back(0.001 * (k % 2));
  }
  check_channels(a, b, 400000);
}

TEST_CASE("a channel with p = 1 before others: the suffix keeps its law (rebased)", "[channels][statistical]") {
  const std::vector<double> a = {0.10, 1.00, 0.05, 0.20, 0.00};
  const std::vector<double> b = {0.02, 0.00, 0.03, 0.00, 0.01};
  const int n = 200000;
  const Frequencies f = check_channels(a, b, n);
  CHECK(f.outcome1[1] == n);  // certain
  check_frequency(f.joint01, n, a[0] + b[0], "joint 0&1", 0);
}

TEST_CASE("the sampler finds nothing exactly when the gate says quiet", "[channels]") {
  Channels c;
  c.n = 3;
  c.a[0] = 0.001; c.b[0] = 0;
  c.a[1] = 0;     c.b[1] = 0.002;
  c.a[2] = 0.0005; c.b[2] = 0.0005;
  ChannelSums sums;
  channel_sums(c, sums);
  const uint32_t threshold = quiet_threshold(c);
  REQUIRE(threshold > 1);
  const auto key = philox_key(5);
  int fired_weeks = 0;
  for (uint32_t t = 0; t < 200000; ++t) {
    uint32_t gate = philox_draw(key, t / 4, 0, 0, Purpose::gate, 0).v[t % 4];
    if (t < 3) gate = threshold - 1 + t;  // the boundary itself: threshold - 1, threshold, threshold + 1
    RngStream rng(key, t, 0, 0, Purpose::dynamics);
    Outcomes out;
    const uint32_t second = philox_draw(key, t / 4, 0, 0, Purpose::gate, 1).v[t % 4];
    const int fired = sample_channels(c, sums, gate, second, rng, out);
    REQUIRE((fired == 0) == (gate < threshold));
    REQUIRE(out.n_fired == fired);
    for (int i = 1; i < fired; ++i) REQUIRE(out.fired[i - 1] < out.fired[i]);
    fired_weeks += fired > 0;
  }
  CHECK(fired_weeks > 0);
  Channels none;
  none.n = 2;
  none.a[0] = none.b[0] = none.a[1] = none.b[1] = 0;
  ChannelSums none_sums;
  channel_sums(none, none_sums);
  CHECK(quiet_threshold(none) == 0xFFFFFFFFu);
  RngStream rng(key, 0, 0, 0, Purpose::dynamics);
  Outcomes out;
  CHECK(sample_channels(none, none_sums, 0xFFFFFFFFu, 0, rng, out) == 0);  // saturated: found quiet here
}
