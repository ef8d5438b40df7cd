// run_bench: timed weekly steps over a (scaled) scenario.
#include "wijksim/bench.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>

#include "wijksim/philox_wide.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

namespace wijksim {

CompiledScenario scale_households(const CompiledScenario& scenario, uint64_t households) {
  CompiledScenario out = scenario;
  const uint64_t total = scenario.total_households();
  if (households == 0 || total == 0 || scenario.wijken.empty()) return out;
  const size_t n = out.wijken.size();
  std::vector<uint64_t> rem(n);
  uint64_t assigned = 0;
  for (size_t w = 0; w < n; ++w) {
    // Integer arithmetic: exact, no platform-dependent rounding. (< 2^64 for any real city)
    const unsigned __int128 num = static_cast<unsigned __int128>(scenario.wijken[w].households) * households;
    out.wijken[w].households = static_cast<uint32_t>(num / total);
    rem[w] = static_cast<uint64_t>(num % total);
    assigned += out.wijken[w].households;
  }
  std::vector<size_t> order(n);
  for (size_t w = 0; w < n; ++w) order[w] = w;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rem[a] > rem[b]; });
  for (size_t i = 0; assigned < households; ++i, ++assigned) ++out.wijken[order[i % n]].households;
  return out;
}

namespace {

// round(v x to / from), half up, exact in 128-bit integers, clamped to the type; at least 1
// when v > 0 (a provider or a programme the city has does not vanish in a small bench city).
template <class T>
T scale_count(T v, uint64_t to, uint64_t from) {
  if (v <= 0 || from == 0) return v;
  const unsigned __int128 x = (static_cast<unsigned __int128>(v) * to + from / 2) / from;
  const auto limit = static_cast<unsigned __int128>(std::numeric_limits<T>::max());
  return std::max<T>(1, static_cast<T>(std::min(x, limit)));
}

}  // namespace

CompiledScenario scale_city(const CompiledScenario& scenario, uint64_t households) {
  CompiledScenario out = scale_households(scenario, households);
  const uint64_t from = scenario.total_households(), to = out.total_households();
  if (from == 0 || from == to) return out;
  for (providers::CompiledProvider& p : out.network.providers) {
    if (p.capacity_share <= 0) p.capacity = scale_count(p.capacity, to, from);  // a share follows the households already
    p.initial_in_service = scale_count(p.initial_in_service, to, from);
    p.initial_waiting = scale_count(p.initial_waiting, to, from);
  }
  for (CompiledIntervention& iv : out.interventions) {
    iv.budget_cents = scale_count(iv.budget_cents, to, from);  // -1 (no budget) stays
    iv.params.visits_per_week *= static_cast<double>(to) / static_cast<double>(from);
    iv.params.max_concurrent = scale_count(iv.params.max_concurrent, to, from);
    const int delta = iv.params.capacity_delta;
    iv.params.capacity_delta = delta < 0 ? -scale_count(-delta, to, from) : scale_count(delta, to, from);
  }
  return out;
}

uint64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;  // kB
  rusage ru{};
  if (getrusage(RUSAGE_SELF, &ru) == 0) return static_cast<uint64_t>(ru.ru_maxrss) * 1024;
  return 0;
}

namespace {

// Integer sums over the state, so the figures do not depend on the thread count.
void final_outcome(const SimState& s, double& mean_severity, double& share_le2) {
  uint64_t sum = 0, any = 0;
  for (uint64_t h = 0; h < s.n_households; ++h) {
    const uint8_t* row = s.severity_row(h);
    bool low = false;
    for (int d = 0; d < s.n_domains; ++d) {
      sum += row[d];
      low = low || row[d] <= 2;
    }
    any += low;
  }
  const double cells = static_cast<double>(s.n_households) * s.n_domains;
  mean_severity = cells > 0 ? static_cast<double>(sum) / cells : 0;
  share_le2 = s.n_households ? static_cast<double>(any) / static_cast<double>(s.n_households) : 0;
}

}  // namespace

BenchResult run_bench(const CompiledScenario& scenario, const BenchOptions& o) {
  if (o.threads < 1) throw std::invalid_argument("wijksim bench: threads: expected >= 1");
  if (o.repeats < 1) throw std::invalid_argument("wijksim bench: repeats: expected >= 1");
  if (o.weeks < 1) throw std::invalid_argument("wijksim bench: weeks: expected >= 1");
  const CompiledScenario sc = scale_city(scenario, o.households);
  BenchResult r;
  r.households = sc.total_households();
  r.weeks = o.weeks;
  r.threads = o.threads;
  using clock = std::chrono::steady_clock;
  for (int rep = 0; rep < o.repeats; ++rep) {
    Simulation sim(sc, RunOptions{.threads = o.threads});
    r.vector_isa = philox_wide_isa();
    const auto t0 = clock::now();
    sim.initialise();
    const auto t1 = clock::now();
    for (uint32_t w = 0; w < o.weeks; ++w) sim.step();
    const auto t2 = clock::now();
    r.init_seconds = std::chrono::duration<double>(t1 - t0).count();
    const double secs = std::chrono::duration<double>(t2 - t1).count();
    r.steps_per_second.push_back(static_cast<double>(r.households) * o.weeks / std::max(secs, 1e-12));
    r.hot_bytes_per_household = hot_bytes_per_household(sim.state());
    r.state_bytes_per_household = state_bytes_per_household(sim.state());
    final_outcome(sim.state(), r.final_mean_severity, r.final_share_any_domain_le2);  // not timed
  }
  std::vector<double> sorted = r.steps_per_second;
  std::sort(sorted.begin(), sorted.end());
  r.min_steps_per_second = sorted.front();
  r.max_steps_per_second = sorted.back();
  const size_t n = sorted.size();
  r.median_steps_per_second = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  r.peak_rss_bytes_per_household =
      r.households ? static_cast<double>(peak_rss_bytes()) / static_cast<double>(r.households) : 0;
  return r;
}

}  // namespace wijksim
