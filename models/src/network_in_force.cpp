// enter_network_epoch (network_in_force.hpp).
#include "network_in_force.hpp"

#include <algorithm>

#include "channels.hpp"

namespace wijksim::models {

namespace {

// Providers whose per-domain service effects or waiting / after-care factors differ
// between two epochs' tables.
std::vector<uint8_t> effects_differ(const CareTables& a, const CareTables& b, size_t n_providers) {
  std::vector<uint8_t> out(n_providers, 0);
  const auto nd = static_cast<size_t>(a.n_domains);
  const auto differ = [&](const std::vector<double>& x, const std::vector<double>& y, size_t p) {
    return !std::equal(x.begin() + p * nd, x.begin() + (p + 1) * nd, y.begin() + p * nd);
  };
  for (size_t p = 0; p < n_providers; ++p)
    out[p] = differ(a.improve, b.improve, p) || differ(a.waiting_worsen, b.waiting_worsen, p) ||
             differ(a.after_care_worsen, b.after_care_worsen, p);
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
  // Service effects (and the waiting / after-care factors) are folded into each household's
  // cached quiet threshold: refresh the households in care at a provider where they changed
  // (a pooled generalist), serially in household order. A cache is a function of the
  // household's state and the tables only, so a household whose effects did not change would
  // get the same cache again.
  const std::vector<uint8_t> changed = effects_differ(from.tables.care, to.tables.care, to.network.providers.size());
  if (std::none_of(changed.begin(), changed.end(), [](uint8_t c) { return c != 0; })) return;
  const SimState& s = run.households;
  for (uint64_t h = 0; h < s.n_households; ++h)
    if (care_class(to.tables, s, h) > 0 && changed[s.care_provider[h]])
      refresh_household_cache(to.tables, run.households, h);
}

}  // namespace wijksim::models
