#pragma once
// The care side of a household's channels (why a channel: help_seeking.hpp), inline
// because it runs in every slow-path step and every cache refresh.
#include <algorithm>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "channel_types.hpp"
#include "model_tables.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

// Index of the help-seeking channel in Channels (after events and domains).
inline int help_channel(const ModelTables& t) { return t.n_events + t.n_domains; }

// Worst (lowest) severity of household h. With SSE2 and at most 16 domains, one 16-byte
// load and a byte-min reduction instead of a loop over the domains (the bytes past the row,
// the next household's, are raised to 255 first); the scalar loop for the last household,
// where 16 bytes would read past the array.
inline uint8_t worst_severity(const SimState& s, uint64_t h) {
  const uint8_t* sev = s.severity_row(h);
  const auto nd = static_cast<size_t>(s.n_domains);
#if defined(__SSE2__)
  if (nd <= 16 && (h * nd + 16 <= s.severity.size())) {
    alignas(16) static constexpr uint8_t kPast[32] = {0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
                                                      0,   0,   0,   0,   0,   255, 255, 255, 255, 255, 255,
                                                      255, 255, 255, 255, 255, 255, 255, 255, 255, 255};
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sev));
    v = _mm_max_epu8(v, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kPast + 16 - nd)));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 8));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 4));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 2));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 1));
    return std::min(static_cast<uint8_t>(_mm_cvtsi128_si32(v) & 0xFF), static_cast<uint8_t>(kSeverityLevels));
  }
#endif
  uint8_t worst = kSeverityLevels;
  for (size_t d = 0; d < nd; ++d) worst = std::min(worst, sev[d]);
  return worst;
}

inline bool in_service(const SimState& s, uint64_t h) {
  return static_cast<providers::CareStatus>(s.care_status[h]) == providers::CareStatus::in_service;
}

// The household's care class in the channel tables (ModelTables: base_entries): 0 out of
// care or in transit, else by status and provider p of P: in service 1 + p, waiting
// 1 + P + p, after-care 1 + 2P + p.
inline size_t care_class(const ModelTables& t, const SimState& s, uint64_t h) {
  if (!t.care.network) return 0;
  const auto p = static_cast<size_t>(s.care_provider[h]);
  switch (static_cast<providers::CareStatus>(s.care_status[h])) {
    case providers::CareStatus::in_service: return 1 + p;
    case providers::CareStatus::waiting: return 1 + t.care.n_providers + p;
    case providers::CareStatus::after_care: return 1 + 2 * t.care.n_providers + p;
    default: return 0;
  }
}

// P(household h asks for help this week): only out of care, by its worst severity and its
// care avoidance (care_channels: the help-seeking channel's value). The worst severity is
// read only then: most busy households of a loaded city are already waiting or in care.
inline double help_probability(const CareTables& care, const SimState& s, uint64_t h) {
  if (static_cast<providers::CareStatus>(s.care_status[h]) != providers::CareStatus::not_in_care) return 0.0;
  double p = care.weekly_by_worst[worst_severity(s, h) - 1];
  p *= care.avoidance_factor[s.care_avoidance[h]];
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace wijksim::models
