// enter_network_epoch (network_in_force.hpp).
#include "network_in_force.hpp"

#include <algorithm>

#include "channels.hpp"

namespace wijksim::models {

namespace {

// Providers whose per-domain service effects differ between two epochs' tables.
std::vector<uint8_t> effects_differ(const CareTables& a, const CareTables& b, size_t n_providers) {
  std::vector<uint8_t> out(n_providers, 0);
  const auto nd = static_cast<size_t>(a.n_domains);
  for (size_t p = 0; p < n_providers; ++p)
    out[p] = !std::equal(a.improve.begin() + p * nd, a.improve.begin() + (p + 1) * nd, b.improve.begin() + p * nd);
  return out;
}

}  // namespace

void enter_network_epoch(const Model& model, RunState& run) {
  const size_t next = model.epoch_of(run.week, run.epoch);
  if (next == run.epoch) return;
  const NetworkEpoch& from = model.epochs[run.epoch];
  const NetworkEpoch& to = model.epochs[next];
  run.epoch = next;
  run.care.ps.capacity = to.capacity;
  // Service effects are folded into each household's cached quiet threshold: refresh the
  // households in service where they changed (a pooled generalist), serially in household
  // order. A cache is a function of the household's state and the tables only, so a
  // household whose effects did not change would get the same cache again.
  const std::vector<uint8_t> changed = effects_differ(from.tables.care, to.tables.care, to.network.providers.size());
  if (std::none_of(changed.begin(), changed.end(), [](uint8_t c) { return c != 0; })) return;
  const SimState& s = run.households;
  const auto in_service = static_cast<uint8_t>(providers::CareStatus::in_service);
  for (uint64_t h = 0; h < s.n_households; ++h)
    if (s.care_status[h] == in_service && s.care_provider[h] >= 0 && changed[s.care_provider[h]])
      refresh_household_cache(to.tables, run.households, h);
}

}  // namespace wijksim::models
