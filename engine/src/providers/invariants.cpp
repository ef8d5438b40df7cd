// Consistency checks of the provider machinery (service.hpp). Slow and obvious on
// purpose: tests and WIJKSIM_VALIDATE builds use them as the oracle.
#include "detail/text.hpp"

#include "wijksim/providers/service.hpp"

namespace wijksim::providers {

std::array<uint64_t, kCareStatusCount> count_care_status(const CareArraysView& care) {
  std::array<uint64_t, kCareStatusCount> n{};
  for (uint64_t h = 0; h < care.n; ++h) {
    const uint8_t st = care.status[h];
    ++n[st < kCareStatusCount ? st : 0];  // after_care: not in care city-wide (service.hpp)
  }
  return n;
}

namespace {

// Each set entry must agree with the household's status and provider.
template <class Entries>
std::string check_set(const Entries& entries, size_t first, CareStatus want, int p,
                      const CareArraysView& care, uint64_t& count, const char* what) {
  for (size_t i = first; i < entries.size(); ++i) {
    const uint32_t h = entries[i].household;
    if (h >= care.n || care.status[h] != static_cast<uint8_t>(want) || care.provider[h] != p)
      return detail::cat("household ", h, " is in the ", what, " of provider ", p, " but its arrays say status ", static_cast<int>(h < care.n ? care.status[h] : 255), ", provider ", h < care.n ? care.provider[h] : -2);
    ++count;
  }
  return {};
}

}  // namespace

std::string check_provider_invariants(const CompiledProviderNetwork& net, const ProviderState& ps,
                                      const CareArraysView& care) {
  std::array<uint64_t, kCareStatusCount> in_sets{};
  uint64_t in_after_care = 0;
  for (int p = 0; p < static_cast<int>(net.providers.size()); ++p) {
    const auto& q = ps.providers[p];
    const int32_t capacity = ps.capacity.empty() ? net.providers[p].capacity : ps.capacity[p];
    if (static_cast<int64_t>(q.service.size()) > capacity)
      return detail::cat("provider '", net.providers[p].name, "' serves ", q.service.size(), " households, above its capacity ", capacity);
    for (auto msg : {check_set(q.queue, q.head, CareStatus::waiting, p, care, in_sets[1], "queue"),
                     check_set(q.incoming, 0, CareStatus::waiting, p, care, in_sets[1], "incoming"),
                     check_set(q.service, 0, CareStatus::in_service, p, care, in_sets[2], "service"),
                     check_set(q.transit, 0, CareStatus::in_transit, p, care, in_sets[3], "transit"),
                     check_set(q.after_care, 0, CareStatus::after_care, p, care, in_after_care, "after-care")})
      if (!msg.empty()) return msg;
  }
  uint64_t after_care = 0;
  for (uint64_t h = 0; h < care.n; ++h) after_care += care.status[h] == static_cast<uint8_t>(CareStatus::after_care);
  if (after_care != in_after_care)
    return detail::cat(after_care, " households are in after-care but the provider sets hold ", in_after_care);
  const auto counts = count_care_status(care);
  for (int s = 1; s < kCareStatusCount; ++s)
    if (counts[s] != in_sets[s])
      return detail::cat(counts[s], " households have status ", s, " but the provider sets hold ", in_sets[s]);
  if (counts[0] + counts[1] + counts[2] + counts[3] != care.n)
    return detail::cat("status counts sum to ", counts[0] + counts[1] + counts[2] + counts[3], ", not ", care.n, " households");
  return {};
}

}  // namespace wijksim::providers
