// Week 0's care: households already in service and on the waiting lists when a run starts
// (place_initial_care, service.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <tbb/parallel_for.h>

#include "detail/priority.hpp"
#include "wijksim/philox_wide.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::providers {
namespace {

struct Candidate {
  uint32_t worst = 5;  // worst severity in the provider's effect domains (all domains if none)
  uint32_t draw = 0;
  uint32_t household = 0;
  friend bool operator<(const Candidate& a, const Candidate& b) {
    if (a.worst != b.worst) return a.worst < b.worst;
    if (a.draw != b.draw) return a.draw < b.draw;
    return a.household < b.household;
  }
};

// Provider p's candidates among households [begin, end), in household order: not in care,
// in a wijk it serves, eligible at week 0, each with its keyed draw.
void collect_candidates(const CompiledProviderNetwork& net, size_t p, const CareArrays& care, const HouseholdView& view,
                        const Draws& draws, uint32_t begin, uint32_t end, std::vector<Candidate>& out) {
  const CompiledProvider& pr = net.providers[p];
  // net.serves as a table by wijk (a lookup instead of a call and a search per household).
  std::vector<uint8_t> served;
  for (const int w : pr.wijken) {
    if (w < 0) continue;
    if (static_cast<size_t>(w) >= served.size()) served.resize(static_cast<size_t>(w) + 1, 0);
    served[static_cast<size_t>(w)] = 1;
  }
  const bool everywhere = pr.wijken.empty();
  const uint32_t index = kInitialCareDraw + static_cast<uint32_t>(p);
  // Runs of households: first which are candidates, then their draws, one Philox block per
  // household either way (philox_draw_blocks gives block h the words of philox_draw for
  // household h): wide for the whole run when candidates are dense, else one by one.
  constexpr uint32_t kRun = 256, kDense = 32;
  uint32_t candidate[kRun];
  uint32_t words[4 * kRun];
  for (uint32_t run = begin; run < end; run += kRun) {
    const uint32_t run_end = std::min(end, run + kRun);
    uint32_t n = 0;
    for (uint32_t h = run; h < run_end; ++h) {
      if (care.status[h] != static_cast<uint8_t>(CareStatus::not_in_care)) continue;
      if (view.wijk != nullptr && !everywhere && !(view.wijk[h] < served.size() && served[view.wijk[h]])) continue;
      if (is_eligible(pr, view, h, 0)) candidate[n++] = h;
    }
    const bool wide = n >= kDense;
    if (wide) philox_draw_blocks(draws.key, run, run_end - run, 0, draws.replication, Purpose::services, index, words);
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t h = candidate[i];
      const uint32_t draw = wide ? words[4 * (h - run)]
                                 : philox_draw(draws.key, h, 0, draws.replication, Purpose::services, index).v[0];
      out.push_back({detail::worst_severity(pr, view, h), draw, h});
    }
  }
}

// All of provider p's candidates: blocks of households in parallel (when ps.parallel),
// joined in block order, so the pool is the same as one pass in household order (and the
// ranking is a total order anyway).
std::vector<Candidate> candidate_pool(const CompiledProviderNetwork& net, size_t p, const ProviderState& ps,
                                      const CareArrays& care, const HouseholdView& view, const Draws& draws) {
  constexpr uint64_t kBlock = 1 << 14;
  const size_t blocks = static_cast<size_t>((care.n + kBlock - 1) / kBlock);
  std::vector<std::vector<Candidate>> part(blocks);
  const auto collect = [&](size_t b) {
    const auto begin = static_cast<uint32_t>(b * kBlock);
    const auto end = static_cast<uint32_t>(std::min<uint64_t>(care.n, (b + 1) * kBlock));
    collect_candidates(net, p, care, view, draws, begin, end, part[b]);
  };
  if (ps.parallel && blocks > 1) tbb::parallel_for(size_t{0}, blocks, collect);
  else for (size_t b = 0; b < blocks; ++b) collect(b);
  std::vector<Candidate> pool;
  size_t total = 0;
  for (const auto& v : part) total += v.size();
  pool.reserve(total);
  for (const auto& v : part) pool.insert(pool.end(), v.begin(), v.end());
  return pool;
}

}  // namespace

void place_initial_care(const CompiledProviderNetwork& net, ProviderState& ps, const CareArrays& care,
                        const HouseholdView& view, const Draws& draws) {
  for (size_t p = 0; p < net.providers.size(); ++p) {
    const CompiledProvider& pr = net.providers[p];
    const auto in_service = static_cast<size_t>(
        std::clamp<int64_t>(std::min<int64_t>(pr.initial_in_service, ps.capacity[p]), 0, INT32_MAX));
    const auto waiting = static_cast<size_t>(std::max<int32_t>(pr.initial_waiting, 0));
    if (in_service + waiting == 0) continue;
    std::vector<Candidate> pool = candidate_pool(net, p, ps, care, view, draws);
    const size_t n = std::min(pool.size(), in_service + waiting);
    std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n), pool.end());
    auto& q = ps.providers[p];
    const uint32_t fixed_len = static_cast<uint32_t>(std::max(1.0, std::round(pr.mean_weeks)));
    const size_t served = std::min(n, in_service);
    for (size_t i = 0; i < served; ++i) {
      const uint32_t h = pool[i].household;
      // Fixed lengths: the ends spread evenly over the next fixed_len weeks, as in a service
      // that has run at this level for a while (geometric lengths have no memory).
      q.service.push_back({h, 0, 1 + static_cast<uint32_t>(i % fixed_len)});
      care.status[h] = static_cast<uint8_t>(CareStatus::in_service);
      care.provider[h] = static_cast<int16_t>(p);
      ps.changed[p].push_back(h);
    }
    const size_t listed = n - served;
    for (size_t j = 0; j < listed; ++j) {
      const uint32_t h = pool[served + j].household;
      // Rank j of `listed` has waited W (listed - j) / listed weeks, rounded, at least 1
      // when W > 0: join week 0 - waited, modulo 2^32 (QueueEntry compares it signed).
      uint32_t waited = 0;
      if (pr.initial_waited_weeks > 0)
        waited = std::max<uint32_t>(1, static_cast<uint32_t>(std::llround(
                                           static_cast<double>(pr.initial_waited_weeks) *
                                           static_cast<double>(listed - j) / static_cast<double>(listed))));
      q.queue.push_back({detail::queue_priority(pr, view, h), 0u - waited, h});
      care.status[h] = static_cast<uint8_t>(CareStatus::waiting);
      care.provider[h] = static_cast<int16_t>(p);
      ps.changed[p].push_back(h);
    }
    std::sort(q.queue.begin() + static_cast<std::ptrdiff_t>(q.head), q.queue.end());
    // Week 0's stocks (the end-of-week figures of the initial state), so the providers'
    // queue_length and in_service at week 0 add up to the city's care status like every week.
    for (auto* row : {&ps.week_counters[p], &ps.total_counters[p]}) {
      row->queue_length = static_cast<uint32_t>(q.queue_length());
      row->in_service = static_cast<uint32_t>(q.service.size());
    }
  }
}

}  // namespace wijksim::providers
