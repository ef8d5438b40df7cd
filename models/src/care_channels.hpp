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

// Worst (lowest) severity of household h.
inline uint8_t worst_severity(const SimState& s, uint64_t h) {
  const uint8_t* sev = s.severity_row(h);
  uint8_t worst = kSeverityLevels;
  for (int d = 0; d < s.n_domains; ++d) worst = std::min(worst, sev[d]);
  return worst;
}

inline bool in_service(const SimState& s, uint64_t h) {
  return static_cast<providers::CareStatus>(s.care_status[h]) == providers::CareStatus::in_service;
}

// Sets the help-seeking channel and the service effects of household h; `worst` is its
// worst severity (passed in because the domain loop of the caller often has it already).
inline void apply_care_channels(const ModelTables& t, const SimState& s, uint64_t h, uint8_t worst, Channels& c) {
  const CareTables& care = t.care;
  if (!care.network) return;  // no provider network: channels untouched
  const auto status = static_cast<providers::CareStatus>(s.care_status[h]);
  if (status == providers::CareStatus::in_service) apply_service_effects(t, s, h, c);
  if (!care.help) return;
  const int k = help_channel(t);
  c.n = k + 1;
  double p = 0;
  if (status == providers::CareStatus::not_in_care) {
    p = care.weekly_by_worst[worst - 1];
    p *= care.avoidance_factor[s.care_avoidance[h]];
  }
  c.a[k] = std::clamp(p, 0.0, 1.0);
  c.b[k] = 0.0;
}

// The same, computing the worst severity itself.
inline void apply_care_channels(const ModelTables& t, const SimState& s, uint64_t h, Channels& c) {
  if (t.care.network) apply_care_channels(t, s, h, worst_severity(s, h), c);
}

}  // namespace wijksim::models
