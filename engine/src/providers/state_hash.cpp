// provider_state_hash (service.hpp): field by field (the entry structs have padding bytes,
// whose contents are not part of the state), in provider order.
#include "wijksim/hash.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::providers {

namespace {

struct Hasher {
  uint64_t h = kFnv1aOffset;
  template <class T>
  void operator()(const T& v) { h = fnv1a64(&v, sizeof v, h); }
};

void hash_week(Hasher& f, const ProviderWeek& w) {
  for (const uint32_t v : {w.queue_length, w.in_service, w.admissions, w.discharges, w.dropouts, w.referrals_in,
                           w.referrals_out, w.lost, w.requests, w.wait_p90, w.left_waiting, w.after_care, w.moved_out, w.debts_settled})
    f(v);
  f(w.wait_sum);
  f(w.cost_cents);
}

}  // namespace

uint64_t provider_state_hash(const ProviderState& ps) {
  Hasher f;
  f(ps.providers.size());
  for (const ProviderQueues& q : ps.providers) {
    f(q.queue_length());
    for (size_t i = q.head; i < q.queue.size(); ++i) {
      f(q.queue[i].priority);
      f(q.queue[i].join_week);
      f(q.queue[i].household);
    }
    f(q.incoming.size());
    for (const QueueEntry& e : q.incoming) {
      f(e.priority);
      f(e.join_week);
      f(e.household);
    }
    f(q.service.size());
    for (const ServiceEntry& e : q.service) {
      f(e.household);
      f(e.start_week);
      f(e.end_week);
    }
    f(q.transit.size());
    for (const TransitEntry& e : q.transit) {
      f(e.arrive_week);
      f(e.household);
      f(e.pathway);
      f(e.lost);
    }
    f(q.after_care.size());
    for (const ServiceEntry& e : q.after_care) {
      f(e.household);
      f(e.start_week);
      f(e.end_week);
    }
  }
  for (const int32_t c : ps.capacity) f(c);
  for (const ProviderWeek& w : ps.week_counters) hash_week(f, w);
  for (const ProviderWeek& w : ps.total_counters) hash_week(f, w);
  for (const PathwayTotals& p : ps.pathway_totals) {
    f(p.carried);
    f(p.lost);
  }
  for (const int64_t c : ps.financier_week_cents) f(c);
  for (const int64_t c : ps.financier_total_cents) f(c);
  return f.h;
}

}  // namespace wijksim::providers
