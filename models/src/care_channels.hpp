#pragma once
// The care side of a household's channels (why a channel: help_seeking.hpp), inline
// because it runs in every slow-path step and every cache refresh.
#include <algorithm>
#include <cstdint>

#include "channel_types.hpp"
#include "model_tables.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

// Index of the help-seeking channel in Channels (after events and domains).
inline int help_channel(const ModelTables& t) { return t.n_events + t.n_domains; }

// Service effects of household h, in service at its provider (help_seeking.cpp).
void apply_service_effects(const ModelTables& t, const SimState& s, uint64_t h, Channels& c);

// Sets the help-seeking channel and the service effects of household h.
// Called at the end of channel_probabilities and update_domain_channels.
inline void apply_care_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  const CareTables& care = t.care;
  if (!care.network) return;  // no provider network: channels untouched
  const auto status = static_cast<providers::CareStatus>(s.care_status[h]);
  if (status == providers::CareStatus::in_service) apply_service_effects(t, s, h, c);
  if (!care.help) return;
  const int k = help_channel(t);
  c.n = k + 1;
  double p = 0;
  if (status == providers::CareStatus::not_in_care) {
    const uint8_t* sev = s.severity_row(h);
    uint8_t worst = kSeverityLevels;
    for (int d = 0; d < t.n_domains; ++d) worst = std::min(worst, sev[d]);
    p = care.weekly_by_worst[worst - 1];
    p *= care.avoidance_factor[s.care_avoidance[h]];
  }
  c.a[k] = std::clamp(p, 0.0, 1.0);
  c.b[k] = 0.0;
}

}  // namespace wijksim::models
