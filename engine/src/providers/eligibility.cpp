// Who a provider may take, and the queue priority it gives them (service.hpp).
#include "detail/priority.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::providers {

bool is_eligible(const CompiledProvider& pr, const HouseholdView& view, uint32_t h, uint32_t week) {
  const auto& el = pr.eligibility;
  if (!el.any_of.empty()) {
    bool any = false;
    for (const auto& t : el.any_of) any = any || view.sev(h, t.domain) <= t.at_or_below;
    if (!any) return false;
  }
  if (view.age0 != nullptr) {
    const int age = view.age0[h] + static_cast<int>(week / 52);
    if (age < el.min_age || age > el.max_age) return false;
  }
  if (view.adults != nullptr && view.children != nullptr) {
    const bool kids = view.children[h] > 0;
    const HouseholdKind kind = view.adults[h] >= 2
                                   ? (kids ? HouseholdKind::couple_with_children : HouseholdKind::couple)
                                   : (kids ? HouseholdKind::single_parent : HouseholdKind::single);
    if ((el.kinds & (1u << static_cast<unsigned>(kind))) == 0) return false;
  }
  return true;
}

namespace detail {

uint32_t queue_priority(const CompiledProvider& pr, const HouseholdView& view, uint32_t h) {
  // Severity 1 (acute) is admitted before 2, and so on.
  return pr.discipline == QueueDiscipline::fifo ? 0 : worst_severity(pr, view, h);
}

uint32_t worst_severity(const CompiledProvider& pr, const HouseholdView& view, uint32_t h) {
  uint32_t worst = 5;
  if (pr.effects.empty()) {
    for (int d = 0; d < view.n_domains; ++d) worst = std::min<uint32_t>(worst, view.sev(h, d));
  } else {
    for (const auto& e : pr.effects) worst = std::min<uint32_t>(worst, view.sev(h, e.domain));
  }
  return worst;
}

}  // namespace detail
}  // namespace wijksim::providers
