// Channel probabilities, the quiet-week threshold, and the exact conditional sampler.
#include "channels.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include "debt.hpp"

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

void channel_probabilities(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  const int ne = t.n_events, nd = t.n_domains;
  c.n = ne + nd;
  for (int e = 0; e < ne; ++e) {
    c.a[e] = eligible(t.event_eligibility[e], s, h) ? t.event_rate[e] : 0.0;
    c.b[e] = 0.0;
  }
  const uint8_t* sev = s.severity_row(h);
  // Coupling: worsening of domain i is pushed by problems elsewhere, factor 1 + (C p)_i
  // with p_j = problem_weight[s_j - 1]. Fixed-capacity Eigen maps: no allocation.
  double push[kMaxDomains];
  if (t.coupling) {
    double p[kMaxDomains];
    for (int j = 0; j < nd; ++j) p[j] = t.problem_weight[sev[j] - 1];
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<const RowMajor> C(t.coupling_rm.data(), nd, nd);
    Eigen::Map<const Eigen::VectorXd> pv(p, nd);
    Eigen::Map<Eigen::VectorXd> out(push, nd);
    out.noalias() = C * pv;
  }
  const double network_factor = 1.0 + t.network_improvement * (s.network[h] / 255.0);
  for (int d = 0; d < nd; ++d) {
    const int idx = d * kSeverityLevels + (sev[d] - 1);
    double improve = std::min(1.0, t.improve[idx] * network_factor);
    double worsen = t.worsen[idx];
    if (t.coupling) worsen *= std::max(0.0, 1.0 + push[d]);
    worsen = std::min(worsen, 1.0 - improve);  // keep worsen + improve <= 1
    c.a[ne + d] = worsen;
    c.b[ne + d] = improve;
  }
}

uint32_t quiet_threshold(const Channels& c) {
  double q = 1.0;
  for (int k = 0; k < c.n; ++k) q *= 1.0 - (c.a[k] + c.b[k]);
  const double scaled = std::floor(q * 4294967296.0);
  return scaled >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<uint32_t>(std::max(0.0, scaled));
}

// Exactness proof. Let p_k = a_k + b_k, S_k = prod_{j>=k} (1 - p_j) (S_n = 1), and the
// target law: channels independent, channel k fires with p_k. Condition on A = "at least
// one fires" (P(A) = 1 - S_0).
// (1) First firing channel. The walk visits k = 0, 1, ... and fires channel k with
//     r_k = p_k / (1 - S_k). The chance to pass channel j without firing is
//     1 - r_j = (1 - S_j - p_j) / (1 - S_j) = (1 - p_j)(1 - S_{j+1}) / (1 - S_j), using
//     S_j = (1 - p_j) S_{j+1}. The product over j < k telescopes to
//     prod_{j<k} (1 - p_j) * (1 - S_k) / (1 - S_0), so
//     P(first = k) = prod_{j<k}(1 - p_j) * p_k / (1 - S_0) = P(first = k | A) under the
//     target law. r_{n-1} = 1 when the walk reaches the last channel, so it terminates.
// (2) Which outcome: given channel k fires, it is outcome 1 with a_k / p_k and 2 with
//     b_k / p_k; the same uniform scaled by (1 - S_k) splits [0, p_k) into [0, a_k) and
//     [a_k, p_k), which has exactly these conditional probabilities.
// (3) After the first firing channel k, the event A is certain, so channels > k are, by
//     independence in the target law, unconditionally independent with their p_j. One
//     uniform decides "none of them fires" (probability S_{k+1}); otherwise we are again
//     conditioned on "at least one of k+1..n-1 fires" and repeat (1)-(3) on that suffix.
// Hence the joint law of the outcomes equals one independent uniform per channel, given
// A; with the gate (P(quiet) = S_0) the unconditional law is exactly the target law.
int sample_given_any(const Channels& c, RngStream& rng, Outcomes& out) {
  const int n = c.n;
  double S[kMaxChannels + 1];
  S[n] = 1.0;
  for (int k = n - 1; k >= 0; --k) S[k] = S[k + 1] * (1.0 - (c.a[k] + c.b[k]));
  for (int k = 0; k < n; ++k) out.o[k] = 0;

  int fired = 0;
  int k = 0;
  while (k < n && S[k] < 1.0) {
    // (1)-(2): walk to the first firing channel of the suffix k..n-1.
    for (; k < n; ++k) {
      const double u = rng.uniform() * (1.0 - S[k]);
      if (u < c.a[k]) { out.o[k] = 1; break; }
      if (u < c.a[k] + c.b[k]) { out.o[k] = 2; break; }
    }
    if (k == n) break;  // only reachable through rounding at the last channel
    ++fired;
    ++k;
    // (3): does anything else fire after it?
    if (k == n || rng.uniform() < S[k]) break;
  }
  return fired;
}

void refresh_household_cache(const ModelTables& t, SimState& s, uint64_t h) {
  Channels c;
  channel_probabilities(t, s, h, c);
  s.quiet_threshold[h] = quiet_threshold(c);
  s.flags[h] = static_cast<uint8_t>((s.flags[h] & ~kFlagDebtGrows) |
                                    (debt_grows(t, s, h) ? kFlagDebtGrows : 0));
}

}  // namespace wijksim::models
