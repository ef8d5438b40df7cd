// WIJKSIM_VALIDATE invariants (see validate.hpp).
#include "validate.hpp"

#include <stdexcept>
#include <string>

#include "channels.hpp"
#include "debt.hpp"

namespace wijksim::models {

namespace {
[[noreturn]] void broken(uint32_t week, const std::string& what) {
  throw std::logic_error("wijksim: invariant broken after week " + std::to_string(week) + ": " + what);
}
}  // namespace

void validate_state(const ModelTables& t, const MetricsLayout& L, const SimState& s,
                    const std::vector<int64_t>& totals, const std::vector<uint64_t>& wijk_households,
                    uint32_t week) {
  uint64_t expected = 0;
  for (uint64_t n : wijk_households) expected += n;
  if (s.n_households != expected)
    broken(week, "household count " + std::to_string(s.n_households) + " != scenario's " + std::to_string(expected));
  s.for_each_array([&](const StateArrayView& a) {
    if (a.bytes != a.bytes_per_household * s.n_households)
      broken(week, "state array '" + std::string(a.name) + "' has the wrong size");
  });

  std::vector<uint64_t> per_wijk(wijk_households.size(), 0);
  for (uint64_t h = 0; h < s.n_households; ++h) {
    if (s.wijk[h] >= per_wijk.size()) broken(week, "household " + std::to_string(h) + " has wijk index out of range");
    ++per_wijk[s.wijk[h]];
    const uint8_t* sev = s.severity_row(h);
    for (int d = 0; d < s.n_domains; ++d)
      if (sev[d] < 1 || sev[d] > 5)
        broken(week, "household " + std::to_string(h) + " domain " + std::to_string(d) + " severity " +
                         std::to_string(sev[d]) + " outside 1..5");
    Channels c;
    channel_probabilities(t, s, h, c);
    if (s.quiet_threshold[h] != quiet_threshold(c))
      broken(week, "household " + std::to_string(h) + " has a stale quiet_threshold cache");
    if (((s.flags[h] & kFlagDebtGrows) != 0) != debt_grows(t, s, h))
      broken(week, "household " + std::to_string(h) + " has a stale debt-grows flag");
    if (s.societal[h] != (t.societal.empty() ? 0 : societal_mask(t.societal, s, h)))
      broken(week, "household " + std::to_string(h) + " has a stale societal-cost mask");
  }
  for (size_t w = 0; w < per_wijk.size(); ++w)
    if (per_wijk[w] != wijk_households[w])
      broken(week, "wijk " + std::to_string(w) + " holds " + std::to_string(per_wijk[w]) + " households, expected " +
                       std::to_string(wijk_households[w]));

  const std::vector<int64_t> fresh = recount(L, s);
  for (int w = 0; w < L.n_wijken; ++w)
    for (size_t i = 0; i < L.departures(); ++i)  // stocks only; departures .. events are flows
      if (fresh[L.stride * w + i] != totals[L.stride * w + i])
        broken(week, "metrics of wijk " + std::to_string(w) + " (tally column " + std::to_string(i) +
                         ") = " + std::to_string(totals[L.stride * w + i]) + " but a recount gives " +
                         std::to_string(fresh[L.stride * w + i]));
}

}  // namespace wijksim::models
