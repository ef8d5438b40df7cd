// Channel probabilities, the quiet-week threshold, and the exact conditional sampler.
#include "channels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <Eigen/Core>

namespace wijksim::models {

namespace {

bool eligible(EventEligibility e, const SimState& s, uint64_t h) {
  switch (e) {
    case EventEligibility::all: return true;
    case EventEligibility::employed: return s.work_status[h] == static_cast<uint8_t>(WorkStatus::employed);
    case EventEligibility::couples: return s.adults[h] >= 2;
    case EventEligibility::with_children: return s.children[h] >= 1;
  }
  return false;
}

}  // namespace

void event_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  for (int e = 0; e < t.n_events; ++e) {
    c.a[e] = eligible(t.event_eligibility[e], s, h) ? t.event_rate[e] : 0.0;
    c.b[e] = 0.0;
  }
}

void coupled_domain_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  const int ne = t.n_events, nd = t.n_domains;
  const uint8_t* sev = s.severity_row(h);
  // Coupling: worsening of domain i is pushed by problems elsewhere, factor 1 + (C p)_i
  // with p_j = problem_weight[s_j - 1]. Fixed-capacity Eigen maps: no allocation.
  double push[kMaxDomains];
  double p[kMaxDomains];
  for (int j = 0; j < nd; ++j) p[j] = t.problem_weight[sev[j] - 1];
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const RowMajor> C(t.coupling_rm.data(), nd, nd);
  Eigen::Map<const Eigen::VectorXd> pv(p, nd);
  Eigen::Map<Eigen::VectorXd> out(push, nd);
  out.noalias() = C * pv;
  const double network_factor = network_factor_of(t, s, h);
  for (int d = 0; d < nd; ++d) domain_channel(t, sev[d], d, push[d], network_factor, c.a[ne + d], c.b[ne + d]);
}

// The sampler. Let p_k = a_k + b_k, P_k = prod_{j<k} (1 - p_j) (prefix, P_0 = 1),
// S_k = prod_{j>=k} (1 - p_j) (suffix, S_n = 1), and the target law: channels independent,
// channel k fires with p_k. Condition on A = "at least one fires" (P(A) = 1 - S_0).
// (1) The walk. Visit k = 0, 1, ... and fire channel k with r_k = p_k / (1 - S_k). Passing
//     channel j costs 1 - r_j = (1 - S_j - p_j) / (1 - S_j) = (1 - p_j)(1 - S_{j+1}) / (1 - S_j)
//     (using S_j = (1 - p_j) S_{j+1}); the product over j < k telescopes to
//     P_k (1 - S_k) / (1 - S_0), so P(first = k) = P_k p_k / (1 - S_0) = P(first = k | A)
//     under the target law. r_{n-1} = 1, so the walk ends.
// (2) One uniform for the whole walk. Instead of one uniform per visited channel we draw
//     the first firing channel by inversion of the law in (1): with v uniform on [0, 1),
//     x = v (1 - S_0) is uniform on [0, 1 - S_0), and the channel k with
//     1 - P_k <= x < 1 - P_{k+1} has probability P_k - P_{k+1} = P_k p_k: the same law.
//     (Equivalently: the walk's successive decisions reuse one uniform by rescaling.)
// (3) Which outcome. Given k fires, o = x - (1 - P_k) is uniform on [0, P_k p_k); o < P_k a_k
//     (probability a_k / p_k) is outcome 1, else outcome 2 (b_k / p_k): the target split.
// (4) After the first firing channel k, A is certain, so channels > k are independent with
//     their unconditional p_j. One uniform decides "none of them fires" (probability
//     S_{k+1}); otherwise we are conditioned on "at least one of k+1..n-1 fires" and repeat
//     (2)-(4) on that suffix.
// Hence the outcomes, given A, have the law of one independent uniform per channel; with
// the gate (P(quiet) = S_0) the unconditional law is exactly the target law. The
// statistical tests in tests/models/test_channels.cpp check this against per-channel
// frequencies. A typical slow household needs two uniforms: one Philox call.
// Rounding: S_k comes from stay_product (four interleaved partial products), the walk's
// P_k from a left-to-right chain; they agree to ~1e-16 relative, far below the 2^-32
// resolution of the uniforms, and the `k == n` guard below covers the last-bit case.
int sample_given_any(const Channels& c, const ChannelSums& sums, RngStream& rng, Outcomes& out) {
  const int n = c.n;
  const double* p = sums.p;  // p_k = a_k + b_k (the products below use the same bits)
  std::memset(out.o, 0, static_cast<size_t>(n));  // o[k] is defined for k < c.n only (channel_types.hpp)
  int fired = 0;
  int from = 0;  // the suffix from..n-1 is known to contain at least one firing channel
  while (from < n) {
    const double S = from == 0 ? sums.q : stay_product(p, from, n);  // S_from
    if (fired > 0 && rng.uniform() < S) break;  // (4): nothing else fires
    if (S >= 1.0) break;                        // nothing can fire (gate rounding only)
    const double x = rng.uniform() * (1.0 - S);  // (2)
    double P = 1.0;
    int k = from;
    for (; k < n; ++k) {
      const double next = P * (1.0 - p[k]);
      if (x < 1.0 - next) {
        out.o[k] = x - (1.0 - P) < P * c.a[k] ? 1 : 2;  // (3)
        break;
      }
      P = next;
    }
    if (k == n) break;  // only reachable through rounding at the last channel
    out.fired[fired++] = static_cast<uint8_t>(k);
    from = k + 1;
  }
  out.n_fired = fired;
  return fired;
}

void refresh_household_cache(const ModelTables& t, SimState& s, uint64_t h) {
  Channels c;
  ChannelSums sums;
  channel_probabilities(t, s, h, c, sums);
  store_household_cache(t, s, h, sums.q);
}

}  // namespace wijksim::models
