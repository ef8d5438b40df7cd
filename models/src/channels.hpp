#pragma once
// Channels: everything that can happen to a household in one week, as independent
// Bernoulli "channels" in a fixed order: first each life event (probability = its weekly
// rate if the household is eligible, else 0), then each domain (fires with probability
// worsen + improve; given it fires, it worsens with probability worsen / (worsen +
// improve)), then the help-seeking channel when a provider network asks for it
// (care_channels.hpp). All probabilities are evaluated on the state at the start of the week.
//
// Why the definitions are inline here: they run in the slow path of the weekly loop
// (~15% of household-weeks) and in every cache refresh. As separate functions in other
// translation units each call reloaded the tables through pointers (a byte store into
// SimState may alias anything), and the calls themselves cost more than the arithmetic.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "care_channels.hpp"
#include "channel_types.hpp"
#include "costs/societal_conditions.hpp"
#include "debt.hpp"
#include "event_facts.hpp"
#include "model_tables.hpp"
#include "wijksim/rng.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

// What the events' eligibilities read of household h (event_facts.hpp), on its start-of-week
// state. in_debt (debt.hpp) counts a household whose debt grows this week as in debt even
// while its debt is still 0, so the cached quiet threshold stays exact; it is read only when
// some event asks (events_read_debt), since it may load the income.
inline EventFacts event_facts(const ModelTables& t, const SimState& s, uint64_t h) {
  EventFacts f;
  f.work = static_cast<WorkStatus>(s.work_status[h]);
  f.couple = s.adults[h] >= 2;
  f.children = s.children[h] >= 1;
  f.debt = t.events_read_debt && in_debt(t, s, h);
  f.settled = (s.flags[h] & kFlagDebtSettled) != 0;
  return f;
}

// Event channels of household h, one eligibility test per event (channels.cpp): the
// definition that ModelTables::event_rows tabulates, kept for the checks.
void event_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c);

// Prefix products of the stay probabilities: P[0] = 1, P[k + 1] = P[k] (1 - p[k]), so
// P[k] = P(none of channels 0..k-1 fires) and P[n] = P(no channel fires) = q. Left to
// right, one fixed order: deterministic, the same on every thread. Non-increasing in
// floating point too (x (1 - p) <= x under round-to-nearest when 0 <= p), which the
// sampler's counting relies on. Every product of stay probabilities goes through here,
// so the gate threshold and the sampler see the same bits. stay_prefix_from continues a
// chain whose P[0..from] is known (the events' part, from ModelTables::event_rows).
inline void stay_prefix_from(const double* p, int from, int n, double* P) {
  double acc = P[from];
  for (int k = from; k < n; ++k) {
    acc *= 1.0 - p[k];
    P[k + 1] = acc;
  }
}

inline void stay_prefix(const double* p, int n, double* P) {
  P[0] = 1.0;
  stay_prefix_from(p, 0, n, P);
}

// p_k = a_k + b_k per channel and the prefix products P (stay_prefix) over the n channels:
// P[n] = q = P(no channel fires) gives the gate threshold, P the sampler's intervals.
struct ChannelSums {
  int n = 0;
  double p[kMaxChannels];
  double P[kMaxChannels + 1];
  double q() const { return P[n]; }
};

inline void finish_sums(int n, ChannelSums& sums) {
  sums.n = n;
  stay_prefix(sums.p, n, sums.P);
}

inline void channel_sums(const Channels& c, ChannelSums& sums) {
  for (int k = 0; k < c.n; ++k) sums.p[k] = c.a[k] + c.b[k];
  finish_sums(c.n, sums);
}

// What domain d's channel reads of household h besides its own severity: the table of its
// care class (care_class: out of care, or in service / waiting / after-care at a provider),
// its network factor and, with coupling, its coupling factor max(0, 1 + push).
struct DomainInputs {
  const ModelTables::BaseEntry* base = nullptr;
  const ModelTables::PlainEntry* plain = nullptr;
  double network_factor = 1.0;
  int ceiling_domain = -1;  // the finances domain while the household is in debt (finances_ceiling)
  double coupling[kMaxDomains];  // with coupling: domain d's factor max(0, 1 + push)
};

// Every domain's coupling factor from the severities: column by column over the domains
// whose problem weight is not 0 (ModelTables::coupling_by_column: the same bits as the dense
// row sums), so a household with no problem costs a pass over its severities.
inline void coupling_factors(const ModelTables& t, const uint8_t* sev, double* factor) {
  const int nd = t.n_domains;
  // The domains with a weight, as bits: a table lookup per domain, no branch (which of a
  // household's domains are problems is not predictable).
  uint64_t problems = 0;
  for (int j = 0; j < nd; ++j) problems |= static_cast<uint64_t>(t.weighted_severity[sev[j]]) << j;
  if (problems == 0) {  // no problem anywhere: every push is 0
    for (int d = 0; d < nd; ++d) factor[d] = 1.0;
    return;
  }
  const auto column = [&](int j) { return t.coupling_by_column.data() + static_cast<size_t>(j) * static_cast<size_t>(nd); };
  // The first term starts each sum: 0 + x = x (and 1 + -0 = 1 + 0 below).
  double push[kMaxDomains];
  int j = __builtin_ctzll(problems);
  const double first = t.problem_weight[sev[j] - 1];
  for (int d = 0; d < nd; ++d) push[d] = column(j)[d] * first;
  for (problems &= problems - 1; problems != 0; problems &= problems - 1) {
    j = __builtin_ctzll(problems);
    const double w = t.problem_weight[sev[j] - 1];
    for (int d = 0; d < nd; ++d) push[d] += column(j)[d] * w;
  }
  for (int d = 0; d < nd; ++d) factor[d] = std::max(0.0, 1.0 + push[d]);
}

// DomainInputs::ceiling_domain of household h: finances while it is in debt (in_debt), when
// the scenario has a finances ceiling; else -1.
inline int ceiling_domain(const ModelTables& t, const SimState& s, uint64_t h) {
  return t.finances_ceiling > 0 && in_debt(t, s, h) ? t.finances : -1;
}

inline void domain_inputs(const ModelTables& t, const SimState& s, uint64_t h, DomainInputs& in) {
  const size_t cls = care_class(t, s, h);
  const size_t offset = cls * static_cast<size_t>(t.n_domains) * kSeverityLevels;
  in.base = t.base_entries.data() + offset;
  in.plain = t.plain_channels ? t.plain_entries.data() + offset : nullptr;
  in.network_factor = t.network_factor[s.network[h]];
  in.ceiling_domain = ceiling_domain(t, s, h);
  if (t.coupling) coupling_factors(t, s.severity_row(h), in.coupling);
}

// Channel of domain d at severity `sev` into c and sums (p = worsen + improve), before the
// finances ceiling: a load from the plain table (kPlain: in.plain is set) or the arithmetic.
// A template so that channel_values makes the plain test once per household.
template <bool kPlain>
inline void domain_value(const ModelTables& t, const DomainInputs& in, uint8_t sev, int d, Channels& c,
                         ChannelSums& sums) {
  const int k = t.n_events + d;
  const int idx = d * kSeverityLevels + (sev - 1);
  if constexpr (kPlain) {
    const ModelTables::PlainEntry& e = in.plain[idx];
    c.a[k] = e.worsen;
    c.b[k] = e.improve;
    sums.p[k] = e.p;
  } else {
    domain_channel(in.base[idx], in.network_factor, t.coupling ? in.coupling[d] : 1.0, c.a[k], c.b[k]);
    sums.p[k] = c.a[k] + c.b[k];
  }
}

inline void set_domain_value(const ModelTables& t, const DomainInputs& in, uint8_t sev, int d, Channels& c,
                             ChannelSums& sums) {
  if (in.plain) domain_value<true>(t, in, sev, d, c, sums);
  else domain_value<false>(t, in, sev, d, c, sums);
}

// The finances ceiling, last: in debt, finances does not improve at or above
// debt.finances_ceiling_in_debt (ZRM: a level-4 household manages its debts without help),
// whatever raised the improvement. `sev`: the finances severity.
inline void apply_finances_ceiling(const ModelTables& t, const DomainInputs& in, uint8_t sev, Channels& c,
                                   ChannelSums& sums) {
  if (in.ceiling_domain < 0 || sev < t.finances_ceiling) return;
  const int k = t.n_events + in.ceiling_domain;
  c.b[k] = 0.0;
  sums.p[k] = c.a[k];
}

// Channel of domain d: its value and, for finances, the ceiling.
inline void set_domain_channel(const ModelTables& t, const DomainInputs& in, uint8_t sev, int d, Channels& c,
                               ChannelSums& sums) {
  set_domain_value(t, in, sev, d, c, sums);
  if (d == in.ceiling_domain) apply_finances_ceiling(t, in, sev, c, sums);
}

// The help-seeking channel (after events and domains) of household h.
inline void set_help_channel(const ModelTables& t, const SimState& s, uint64_t h, Channels& c, ChannelSums& sums) {
  const int k = help_channel(t);
  c.n = k + 1;
  c.a[k] = help_probability(t.care, s, h);
  c.b[k] = 0.0;
  sums.p[k] = c.a[k] + c.b[k];
}

// The event channels of household h into c and sums (p = rate when eligible, else 0) and
// their prefix products sums.P[0..n_events]: its row of ModelTables::event_rows (the same
// bits as event_channels and stay_prefix).
inline void set_event_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c, ChannelSums& sums) {
  const auto ne = static_cast<size_t>(t.n_events);
  if (ne == 0) {  // no event: nothing to read of the household
    sums.P[0] = 1.0;
    return;
  }
  const double* row = t.event_row(event_facts_index(event_facts(t, s, h)));
  std::memcpy(c.a, row, ne * sizeof(double));
  std::memset(c.b, 0, ne * sizeof(double));
  std::memcpy(sums.p, row, ne * sizeof(double));
  std::memcpy(sums.P, row + ne, (ne + 1) * sizeof(double));
}

// Fills every channel of household h from its start-of-week state (events, domains, the
// help-seeking channel): c.n, c.a, c.b and sums.p, and the events' prefix products
// sums.P[0..n_events]; not yet the rest (the kernel forms those for 16 households at once:
// household_kernel.cpp).
// `in`: the domain inputs it read (the kernel keeps them for the week's refresh).
inline void channel_values(const ModelTables& t, const SimState& s, uint64_t h, Channels& c, ChannelSums& sums,
                           DomainInputs& in) {
  const int ne = t.n_events, nd = t.n_domains;
  c.n = ne + nd;
  set_event_channels(t, s, h, c, sums);
  domain_inputs(t, s, h, in);
  const uint8_t* sev = s.severity_row(h);
  if (in.plain) {
    for (int d = 0; d < nd; ++d) domain_value<true>(t, in, sev[d], d, c, sums);
  } else {
    for (int d = 0; d < nd; ++d) domain_value<false>(t, in, sev[d], d, c, sums);
  }
  if (in.ceiling_domain >= 0) apply_finances_ceiling(t, in, sev[in.ceiling_domain], c, sums);
  if (t.care.help) set_help_channel(t, s, h, c, sums);
  sums.n = c.n;
}

inline void channel_values(const ModelTables& t, const SimState& s, uint64_t h, Channels& c, ChannelSums& sums) {
  DomainInputs in;
  channel_values(t, s, h, c, sums, in);
}

// channel_values and the prefix products (stay_prefix): the one definition of the
// channels, used by the kernel, the cache refresh and the checks.
inline void channel_probabilities(const ModelTables& t, const SimState& s, uint64_t h, Channels& c,
                                  ChannelSums& sums) {
  channel_values(t, s, h, c, sums);
  stay_prefix_from(sums.p, t.n_events, c.n, sums.P);
}

// The channel probabilities alone.
inline void channel_probabilities(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  ChannelSums sums;
  channel_probabilities(t, s, h, c, sums);
}

// q = P(no channel fires) as a 32-bit threshold: the household is quiet this week iff its
// gate draw g (uniform on 0..2^32-1) is < threshold = ceil(q 2^32), i.e. iff g 2^-32 < q
// exactly (for an integer g, g < x iff g < ceil(x)). The sampler below reads the same
// uniform against the same q, so "quiet" and "the sampler finds no channel" are one event.
// Saturates at 2^32 - 1: a household with q within 2^-32 of 1 reaches the sampler for
// g = 2^32 - 1 and is found quiet there.
inline uint32_t threshold_of(double q) {
  const double scaled = q * 4294967296.0;  // exact: a power of two
  if (!(scaled > 0.0)) return 0;
  if (scaled >= 4294967295.0) return 0xFFFFFFFFu;
  // ceil without SSE4.1's roundsd (a library call on baseline x86-64): truncate, then
  // round up when a fraction was cut off. Exact: scaled < 2^32 - 1 converts exactly.
  const auto truncated = static_cast<uint32_t>(scaled);
  return truncated + (static_cast<double>(truncated) < scaled ? 1u : 0u);
}

inline uint32_t quiet_threshold(const Channels& c) {
  ChannelSums sums;
  channel_sums(c, sums);
  return threshold_of(sums.q());
}

// #{m in [from, n] : P[m] > t}. P is non-increasing, so this counts a prefix of the range;
// a branch-free count (two at a time with SSE2) instead of a search whose exit a branch
// predictor cannot learn.
inline int count_above(const double* P, int from, int n, double t) {
  int count = 0;
  int m = from;
#if defined(__SSE2__)
  const __m128d tv = _mm_set1_pd(t);
  for (; m + 1 <= n; m += 2) {
    const int mask = _mm_movemask_pd(_mm_cmpgt_pd(_mm_loadu_pd(P + m), tv));
    count += (mask & 1) + (mask >> 1);
  }
#endif
  for (; m <= n; ++m) count += P[m] > t;
  return count;
}

struct ChannelPB {
  double p;  // a_k + b_k
  double b;  // b_k (improve; 0 for events and the help channel)
};

// Samples which channels fire this week, given the household's two gate words: `gate`,
// the 32 bits the gate compared with threshold_of(q), and `second`, its word of the gate's
// second Philox call (the first uniform after the first firing channel; later ones come
// from `rng`, its Purpose::dynamics stream, only when needed). Returns the number of
// channels that fired (also out.n_fired, their indices increasing in out.fired; out.o[k]
// for k < n); 0 exactly when the gate uniform is below q. P: the n + 1 prefix products
// (stay_prefix); channel(k) gives channel k's ChannelPB, asked only for the channels that
// fire (and the rare rebase). Proof in channels.cpp.
template <class ChannelAt>
inline int sample_prefix(const double* P, int n, uint32_t gate, uint32_t second, ChannelAt&& channel,
                         RngStream& rng, Outcomes& out) {
  double rebased[kMaxChannels + 1];
  // o[k] is defined for k < n only (channel_types.hpp); clearing the whole fixed-size array
  // is a few inline stores, where n bytes were a library call.
  std::memset(out.o, 0, sizeof out.o);
  int fired = 0;
  double t = u01(gate);
  int k = count_above(P, 1, n, t);  // (1)
  while (k < n) {
    out.o[k] = static_cast<uint8_t>(1 + (t - P[k + 1] < P[k] * channel(k).b));  // (2): 2 improves, 1 worsens
    out.fired[fired++] = static_cast<uint8_t>(k);
    if (k + 1 == n) break;
    if (!(P[k + 1] > 0x1p-900)) {  // rebase the suffix (channels.cpp)
      double acc = 1.0;
      rebased[k + 1] = acc;
      for (int m = k + 1; m < n; ++m) {
        acc *= 1.0 - channel(m).p;
        rebased[m + 1] = acc;
      }
      P = rebased;
    }
    t = (fired == 1 ? u01(second) : rng.uniform()) * P[k + 1];  // (3)
    k = k + 1 + count_above(P, k + 2, n, t);
  }
  out.n_fired = fired;
  return fired;
}

// The same for one household's channels (`sums` = channel_sums(c)).
inline int sample_channels(const Channels& c, const ChannelSums& sums, uint32_t gate, uint32_t second, RngStream& rng,
                           Outcomes& out) {
  return sample_prefix(sums.P, sums.n, gate, second, [&](int k) { return ChannelPB{sums.p[k], c.b[k]}; }, rng, out);
}

// Writes the cache: quiet threshold from q = P(no channel fires) (ChannelSums::q()), the
// debt-grows flag and the societal-cost mask from the state.
inline void store_household_cache(const ModelTables& t, SimState& s, uint64_t h, double q) {
  const uint32_t threshold = threshold_of(q);
  const bool grows = debt_grows(t, s, h);
  s.quiet_threshold[h] = threshold;
  s.flags[h] = static_cast<uint8_t>((s.flags[h] & ~kFlagDebtGrows) | (grows ? kFlagDebtGrows : 0));
  s.societal[h] = t.societal.empty() ? 0 : societal_mask(t.societal, s, h);
}

// Recomputes the cached per-household fields (quiet threshold, debt-grows flag) after
// the household's state changed (or at week 0).
void refresh_household_cache(const ModelTables& t, SimState& s, uint64_t h);

}  // namespace wijksim::models
