// InterventionState: allocation and the determinism hash.
#include <algorithm>
#include <cstring>

#include "wijksim/models/interventions/state.hpp"

namespace wijksim::models {

void init_interventions(const CompiledScenario& scenario, const std::vector<uint64_t>& wijk_households,
                        SimState& s, InterventionState& st) {
  st = InterventionState{};
  st.counters.assign(scenario.interventions.size(), InterventionCounters{});
  st.ledger.week_events.assign(scenario.costs.societal.size(), 0);
  st.ledger.total_events.assign(scenario.costs.societal.size(), 0);
  for (const auto& iv : scenario.interventions) {
    uint64_t pool = 0;
    for (size_t w = 0; w < wijk_households.size(); ++w)
      if (iv.target.wijk.empty() || iv.target.wijk[w]) pool += wijk_households[w];
    st.target_households.push_back(pool);
  }
  // SimState::allocate zero-fills; "in no programme" and "no pending signal" are -1.
  std::fill(s.programme.begin(), s.programme.end(), kNoProgramme);
  std::fill(s.signal_of.begin(), s.signal_of.end(), kNoProgramme);
}

namespace {
void fnv(uint64_t& h, const void* data, size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
}
template <class T>
void fnv_vec(uint64_t& h, const std::vector<T>& v) {
  fnv(h, v.data(), v.size() * sizeof(T));
}
}  // namespace

uint64_t interventions_hash(const InterventionState& st) {
  uint64_t h = 14695981039346656037ull;
  fnv_vec(h, st.counters);  // plain integers, no padding holes: all 8-byte fields
  fnv(h, st.ledger.total.data(), sizeof st.ledger.total);
  return h;
}

}  // namespace wijksim::models
