#pragma once
// The per-household scratch of the slow path: channel probabilities and sampled outcomes
// (plain arrays on the stack; see channels.hpp for their meaning).
#include <cstdint>

#include "model_tables.hpp"

namespace wijksim::models {

struct Channels {
  int n = 0;                   // n_events + n_domains (+1 with the help-seeking channel)
  double a[kMaxChannels];      // event: rate; domain: worsen probability; help: ask probability
  double b[kMaxChannels];      // event: 0;    domain: improve probability; help: 0
};

// Outcome per channel: 0 nothing, 1 event fires / domain worsens, 2 domain improves;
// defined for the channels k < Channels::n only (the sampler clears just those).
// `fired` lists the channels with o != 0 in increasing order, so the phases visit only
// those (typically one) instead of every channel.
struct Outcomes {
  uint8_t o[kMaxChannels];
  int n_fired = 0;
  uint8_t fired[kMaxChannels];
};
static_assert(kMaxChannels <= 256, "Outcomes::fired stores channel indices as bytes");

}  // namespace wijksim::models
