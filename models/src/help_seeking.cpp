// Help-seeking channel, service effects on the channels, and entry choice (help_seeking.hpp).
#include "help_seeking.hpp"

#include <algorithm>

#include "channels.hpp"
#include "services.hpp"
#include "step_context.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

namespace pv = wijksim::providers;

CareTables CareTables::build(const CompiledScenario& s, const pv::CompiledProviderNetwork& net) {
  CareTables t;
  t.n_domains = s.n_domains;
  if (!net.enabled()) return t;
  t.help = net.help_seeking.enabled;
  t.weekly_by_worst = net.help_seeking.weekly_by_worst;
  t.avoidance_effect = net.help_seeking.avoidance_effect;
  t.improve.assign(net.providers.size() * static_cast<size_t>(s.n_domains), 0.0);
  for (size_t p = 0; p < net.providers.size(); ++p)
    for (const auto& e : net.providers[p].effects)
      t.improve[p * static_cast<size_t>(s.n_domains) + static_cast<size_t>(e.domain)] = e.weekly_improve;
  t.network = !t.improve.empty();
  t.n_providers = net.providers.size();
  t.waiting_worsen.assign(t.improve.size(), 1.0);
  t.after_care_worsen.assign(t.improve.size(), 1.0);
  for (size_t p = 0; p < net.providers.size(); ++p)
    for (const auto& e : net.providers[p].effects) {
      const size_t i = p * static_cast<size_t>(s.n_domains) + static_cast<size_t>(e.domain);
      t.waiting_worsen[i] = net.providers[p].waiting_worsen_factor;
      t.after_care_worsen[i] = net.providers[p].after_care_worsen_factor;
    }
  for (int b = 0; b < 256; ++b)
    t.avoidance_factor[b] = std::clamp(1.0 - t.avoidance_effect * (b / 255.0), 0.0, 1.0);
  return t;
}

void request_help(const StepContext& ctx, SimState& s, uint64_t h) {
  const auto& net = *ctx.network;
  const uint8_t* sev = s.severity_row(h);
  const int worst = static_cast<int>(std::min_element(sev, sev + s.n_domains) - sev);  // first worst domain
  const size_t row = static_cast<size_t>(s.wijk[h]) * net.n_domains + static_cast<size_t>(worst);
  const pv::HouseholdView view = household_view(s);
  const auto takes = [&](int i) {
    return pv::is_eligible(net.providers[net.entry_providers[i]], view, static_cast<uint32_t>(h), ctx.week);
  };
  // Two passes (count, then find the chosen one) instead of a candidate buffer: no limit
  // on the number of entry providers and no allocation.
  int k = 0, first = -1;
  for (int i = net.entry_offsets[row]; i < net.entry_offsets[row + 1]; ++i)
    if (takes(i)) first = k++ == 0 ? i : first;
  if (k == 0) return;  // nobody here takes this household: it keeps asking in later weeks
  const auto request = [&](int i) { ctx.care->push_request(h, net.entry_providers[i]); };
  if (k == 1) return request(first);  // the common case: no draw, no second pass
  const auto r = philox_draw(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::help_seeking, 0);
  int pick = std::min(k - 1, static_cast<int>(u01(r.v[0]) * k));
  for (int i = first;; ++i) {
    if (!takes(i) || pick-- > 0) continue;
    return request(i);
  }
}

}  // namespace wijksim::models
