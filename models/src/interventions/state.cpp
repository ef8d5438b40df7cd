// InterventionState: allocation and the determinism hash.
#include <cstring>

#include "wijksim/models/interventions/state.hpp"

namespace wijksim::models {

void init_interventions(const CompiledScenario& scenario, uint64_t n, const std::vector<uint64_t>& wijk_households,
                        InterventionState& st) {
  st = InterventionState{};
  st.n_households = n;
  const size_t ni = scenario.interventions.size();
  st.counters.assign(ni, InterventionCounters{});
  st.ledger.week_events.assign(scenario.costs.societal.size(), 0);
  st.ledger.total_events.assign(scenario.costs.societal.size(), 0);
  for (const auto& iv : scenario.interventions) {
    uint64_t pool = 0;
    for (size_t w = 0; w < wijk_households.size(); ++w)
      if (iv.target.wijk.empty() || iv.target.wijk[w]) pool += wijk_households[w];
    st.target_households.push_back(pool);
  }
  if (ni == 0) return;  // no per-household bookkeeping needed
  st.programme.assign(n, kNoProgramme);
  st.enrol_week.assign(n, 0);
  st.end_week.assign(n, 0);
  st.ever.assign(n, 0);
  st.loan_cents.assign(n, 0);
  st.repay_cents.assign(n, 0);
  st.signal_due.assign(n, 0);
  st.signal_of.assign(n, kNoProgramme);
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
  fnv_vec(h, st.programme);
  fnv_vec(h, st.enrol_week);
  fnv_vec(h, st.end_week);
  fnv_vec(h, st.ever);
  fnv_vec(h, st.loan_cents);
  fnv_vec(h, st.repay_cents);
  fnv_vec(h, st.signal_due);
  fnv_vec(h, st.signal_of);
  fnv_vec(h, st.counters);  // plain integers, no padding holes: all 8-byte fields
  fnv(h, st.ledger.total.data(), sizeof st.ledger.total);
  return h;
}

}  // namespace wijksim::models
