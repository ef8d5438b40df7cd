// Event eligibility, the cache refresh, and the proof of the exact conditional sampler.
#include "channels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace wijksim::models {

void event_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  const EventFacts facts = event_facts(t, s, h);
  for (int e = 0; e < t.n_events; ++e) {
    c.a[e] = eligible(t.event_eligibility[e], facts) ? t.event_rate[e] : 0.0;
    c.b[e] = 0.0;
  }
}

// The sampler (sample_prefix in channels.hpp). p_k = a_k + b_k, P the prefix products (P_0 = 1, P_{k+1} = P_k (1 - p_k),
// P_n = q), u = gate 2^-32, uniform on [0, 1) with the 32-bit resolution of every uniform
// in the model.
// (1) First firing channel by inversion. Under the target law (channels independent,
//     channel k fires with p_k) the first firing channel is k with probability
//     P_k - P_{k+1} = P_k p_k, and none fires with probability P_n = q. The intervals
//     [P_{k+1}, P_k) for k = 0..n-1 and [0, P_n) partition [0, 1), so
//     first = k iff P_{k+1} <= u < P_k, none iff u < P_n: the gate's quiet event
//     (threshold_of). P is non-increasing, so k = #{m in 1..n : P_m > u}.
// (2) Which outcome: given (1), u - P_{k+1} is uniform on [0, P_k p_k); below P_k b_k
//     (probability b_k / p_k) it is outcome 2 (improve), else outcome 1 (worsen / event).
// (3) Given the first firing channel k, the channels j > k are still independent with
//     their unconditional p_j. A fresh uniform v (the household's second gate word the
//     first time, then its Purpose::dynamics stream): with R_j = P_j / P_{k+1} (the prefix
//     products of the suffix) the next firing is j with R_{j+1} <= v < R_j, none iff
//     v < R_n: inversion again. In P's own scale, t = v P_{k+1}: next = j iff
//     P_{j+1} <= t < P_j, counted over m > k + 1 (P_{k+1} > t already). Outcome as in (2)
//     with t. Repeat from j until none fires.
// So the gate and this walk together draw the target law exactly, up to the 2^-32
// resolution of the uniforms and ~1e-16 relative rounding in the rescaling. A typical
// non-quiet household needs one more 32-bit uniform: the second gate word, drawn for every
// household with the gate (one wide Philox call per 256 households is cheaper than one
// call per non-quiet household).
// When P_{k+1} is 0 or tiny (channel k had p = 1, e.g. the help channel of a household
// that surely asks, or extreme probabilities) the suffix is rebased: its prefix products
// are recomputed from 1 so the later channels keep their full precision.
// tests/models/test_channels.cpp checks per-channel and joint frequencies, and that the
// sampler finds nothing exactly when the gate says quiet.
void refresh_household_cache(const ModelTables& t, SimState& s, uint64_t h) {
  Channels c;
  ChannelSums sums;
  channel_probabilities(t, s, h, c, sums);
  store_household_cache(t, s, h, sums.q());
}

}  // namespace wijksim::models
