#pragma once
// Channels: everything that can happen to a household in one week, as independent
// Bernoulli "channels" in a fixed order: first each life event (probability = its weekly
// rate if the household is eligible, else 0), then each domain (fires with probability
// worsen + improve; given it fires, it worsens with probability worsen / (worsen +
// improve)). All probabilities are evaluated on the state at the start of the week.
#include <algorithm>
#include <cstdint>

#include "model_tables.hpp"
#include "wijksim/rng.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

struct Channels {
  int n = 0;                   // n_events + n_domains
  double a[kMaxChannels];      // event: rate; domain: worsen probability
  double b[kMaxChannels];      // event: 0;    domain: improve probability
};

// Outcome per channel: 0 nothing, 1 event fires / domain worsens, 2 domain improves.
struct Outcomes {
  uint8_t o[kMaxChannels];
};

// Domain d's channel at severity `sev`: improvement scaled by the network, worsening by
// the coupling push (1 + (C p)_d, not below 0), clamped so that worsen + improve <= 1.
// One function for the full and the incremental computation, so both give the same bits.
inline void domain_channel(const ModelTables& t, uint8_t sev, int d, double push, double network_factor,
                           double& worsen_out, double& improve_out) {
  const int idx = d * kSeverityLevels + (sev - 1);
  const double improve = std::min(1.0, t.improve[idx] * network_factor);
  double worsen = t.worsen[idx];
  if (t.coupling) worsen *= std::max(0.0, 1.0 + push);
  worsen_out = std::min(worsen, 1.0 - improve);
  improve_out = improve;
}

inline double network_factor_of(const ModelTables& t, const SimState& s, uint64_t h) {
  return 1.0 + t.network_improvement * (s.network[h] / 255.0);
}

// Fills the channel probabilities of household h (coupling and network applied, clamped
// so that worsen + improve <= 1).
void channel_probabilities(const ModelTables& t, const SimState& s, uint64_t h, Channels& c);

// P(no channel fires) as a 32-bit threshold: the household is quiet this week iff its
// gate draw u (uniform on 0..2^32-1) is < threshold. Saturates at 2^32-1, so the rounding
// error of the gate is below 2^-32 per household-week.
uint32_t quiet_threshold(const Channels& c);

// Samples the outcomes exactly, conditional on "at least one channel fires" (the gate
// already said so). Returns the number of channels that fired.
int sample_given_any(const Channels& c, RngStream& rng, Outcomes& out);

// Without coupling a domain's channel depends only on its own severity: refreshes the
// domain channels whose severity differs from old_sev (events are left as they are, so
// call channel_probabilities instead when work status or composition changed).
void update_domain_channels(const ModelTables& t, const SimState& s, uint64_t h, const uint8_t* old_sev,
                            Channels& c);

// Writes the cache (quiet threshold from c, debt-grows flag from the state).
void store_household_cache(const ModelTables& t, SimState& s, uint64_t h, const Channels& c);

// Recomputes the cached per-household fields (quiet threshold, debt-grows flag) after
// the household's state changed (or at week 0).
void refresh_household_cache(const ModelTables& t, SimState& s, uint64_t h);

}  // namespace wijksim::models
