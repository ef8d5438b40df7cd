// The weekly step of the provider network (service.hpp): arrivals, services, referral
// routing, admission rounds, counters. Each phase is a function; step_providers() lists
// them in order.
#include "wijksim/providers/service.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <tbb/parallel_for.h>

#include "detail/priority.hpp"
#include "wijksim/philox_wide.hpp"

namespace wijksim::providers {
namespace {

constexpr int16_t kNone = -1;

// Philox draw indices within Purpose::services for one (household, week).
constexpr uint32_t kServiceDraw = 0;  // words: end, drop-out, pathway choice, loss
constexpr uint32_t kIntakeDraw = 1;   // + round; words: pathway choice, loss

struct Ctx {
  const CompiledProviderNetwork& net;
  ProviderState& ps;
  const CareArrays& care;
  const HouseholdView& view;
  const Draws& draws;
  uint32_t week;

  Philox::ctr_type draw(uint32_t h, uint32_t index) const {
    return philox_draw(draws.key, h, week, draws.replication, Purpose::services, index);
  }
  // The draws of every household of list[from..) at once, with the wide Philox
  // (philox_draw_subjects): block i - from holds the words philox_draw gives household
  // list[i].household for (week, purpose, index). Valid until the thread's next call: the
  // buffers are the thread's (a provider's phase runs on one thread and calls no other).
  template <class Entry>
  uint32_t* draw_list(const std::vector<Entry>& list, size_t from, Purpose purpose, uint32_t index) const {
    thread_local std::vector<uint32_t> subjects, words;
    const size_t n = list.size() - from;
    if (subjects.size() < n) {  // grown only (a resize to each list's length would clear it each time)
      subjects.resize(2 * n);
      words.resize(8 * n);
    }
    for (size_t i = 0; i < n; ++i) subjects[i] = list[from + i].household;
    philox_draw_subjects(draws.key, subjects.data(), static_cast<uint32_t>(n), week, draws.replication, purpose, index,
                         words.data());
    return words.data();
  }
  // Every status change goes through set_status, so ps.changed lists exactly the
  // households whose cached channel probabilities must be refreshed. `by` is the provider
  // whose task makes the change (its list has one writer).
  void set_status(int by, uint32_t h, CareStatus st, int16_t provider) const {
    care.status[h] = static_cast<uint8_t>(st);
    care.provider[h] = provider;
    ps.changed[static_cast<size_t>(by)].push_back(h);
  }
  void leave_care(int by, uint32_t h) const {
    set_status(by, h, CareStatus::not_in_care, kNone);
    care.case_manager[h] = kNone;
  }
  void join_incoming(int p, uint32_t h) const {
    ps.providers[p].incoming.push_back(
        {detail::queue_priority(net.providers[p], view, h), week, h});
    set_status(p, h, CareStatus::waiting, static_cast<int16_t>(p));
  }
};

template <class F>
void for_each_provider(const Ctx& c, F&& f) {
  const int n = static_cast<int>(c.net.providers.size());
  size_t work = 0;
  for (const auto& q : c.ps.providers)
    work += q.queue_length() + q.service.size() + q.transit.size() + q.after_care.size();
  if (c.ps.parallel && n > 1 && work >= c.ps.parallel_min_work) {
    tbb::parallel_for(0, n, [&](int p) { f(p); });
  } else {
    for (int p = 0; p < n; ++p) f(p);
  }
}

// First matching pathway of provider p for this trigger, by cumulative probability
// against the uniform u; -1 = no referral. A pathway matches when its condition holds
// and the destination would take the household.
int choose_pathway(const Ctx& c, int p, PathwayTrigger trigger, uint32_t h, double u) {
  double cum = 0.0;
  for (int k = c.net.out_offsets[p]; k < c.net.out_offsets[p + 1]; ++k) {
    const int i = c.net.out_pathways[k];
    const auto& pw = c.net.pathways[i];
    if (pw.trigger != trigger) continue;
    bool holds = true;
    for (const auto& t : pw.condition) holds = holds && c.view.sev(h, t.domain) <= t.at_or_below;
    if (!holds || !is_eligible(c.net.providers[pw.to], c.view, h, c.week)) continue;
    cum += pw.probability;
    if (u < cum) return i;
  }
  return -1;
}

bool has_trigger(const CompiledProviderNetwork& net, int p, PathwayTrigger trigger) {
  for (int k = net.out_offsets[p]; k < net.out_offsets[p + 1]; ++k)
    if (net.pathways[net.out_pathways[k]].trigger == trigger) return true;
  return false;
}

// Phase 1b: households whose referral delay has elapsed arrive (or are found lost).
void arrive(const Ctx& c, int p) {
  auto& q = c.ps.providers[p];
  auto& row = c.ps.week_counters[p];
  for (size_t i = 0; i < q.transit.size();) {
    const TransitEntry e = q.transit[i];
    if (e.arrive_week > c.week) { ++i; continue; }
    q.transit[i] = q.transit.back();
    q.transit.pop_back();
    if (e.lost) {
      c.leave_care(p, e.household);
      ++row.lost;
      ++c.ps.pathway_totals[e.pathway].lost;  // one destination per pathway: one writer
    } else {
      c.join_incoming(p, e.household);
      ++row.referrals_in;
    }
  }
}

// Phase 1c: after-care that has lasted its weeks ends (entered in week w with N weeks: the
// household's dynamics ran in after-care in weeks w + 1 .. w + N, it leaves at week w + N).
void end_after_care(const Ctx& c, int p) {
  auto& list = c.ps.providers[p].after_care;
  for (size_t i = 0; i < list.size();) {
    const ServiceEntry e = list[i];
    if (e.end_week > c.week) { ++i; continue; }
    list[i] = list.back();
    list.pop_back();
    c.leave_care(p, e.household);
  }
}

// Household h's probability of giving up this week (network.hpp): the provider's weekly
// probability, raised by the household's care avoidance when leave_waiting_avoidance > 0.
double leave_probability(const CompiledProvider& pr, const HouseholdView& view, uint32_t h) {
  if (!(pr.leave_waiting_avoidance > 0.0) || view.care_avoidance == nullptr) return pr.leave_waiting_weekly;
  const double avoidance = view.care_avoidance[h] / 255.0;
  return std::min(1.0, pr.leave_waiting_weekly * (1.0 + pr.leave_waiting_avoidance * avoidance));
}

// Phase 1d: households on the queue give up waiting (leave_probability). Those who joined
// this week are still in `incoming`, so everybody waits at least one week. One
// Purpose::reneging draw per waiting household and week (a household waits at one provider
// at a time); none at all when the probability is 0. Compacting in place keeps the order.
void renege(const Ctx& c, int p) {
  const CompiledProvider& pr = c.net.providers[p];
  if (!(pr.leave_waiting_weekly > 0.0)) return;
  auto& q = c.ps.providers[p];
  auto& row = c.ps.week_counters[p];
  if (q.head == q.queue.size()) return;
  const uint32_t* r = c.draw_list(q.queue, q.head, Purpose::reneging, 0);  // block i - head: queue[i]
  size_t keep = q.head;
  for (size_t i = q.head; i < q.queue.size(); ++i) {
    const QueueEntry e = q.queue[i];
    if (u01(r[4 * (i - q.head)]) < leave_probability(pr, c.view, e.household)) {
      c.leave_care(p, e.household);
      ++row.left_waiting;
    } else {
      q.queue[keep++] = e;
    }
  }
  q.queue.resize(keep);
}

bool targets_reached(const CompiledProvider& pr, const HouseholdView& view, uint32_t h) {
  if (pr.discharge_at_or_above <= 0 || pr.effects.empty()) return false;
  for (const auto& e : pr.effects)
    if (view.sev(h, e.domain) < pr.discharge_at_or_above) return false;
  return true;
}

// Phase 2: services end, reach their targets, or drop out.
void serve(const Ctx& c, int p) {
  const auto& pr = c.net.providers[p];
  auto& q = c.ps.providers[p];
  auto& row = c.ps.week_counters[p];
  const double end_prob = 1.0 / pr.mean_weeks;
  if (q.service.empty()) return;
  // The week's draws of all of them first (block i: service[i]); an entry that leaves is
  // replaced by the last one, and so is its block (each block stays its household's).
  uint32_t* words = c.draw_list(q.service, 0, Purpose::services, kServiceDraw);
  for (size_t i = 0; i < q.service.size();) {
    const ServiceEntry e = q.service[i];
    uint32_t r[4];
    std::copy_n(words + 4 * i, 4, r);
    const bool ended = (pr.duration == DurationKind::fixed ? c.week >= e.end_week
                                                           : u01(r[0]) < end_prob) ||
                       targets_reached(pr, c.view, e.household);
    const bool dropped = !ended && u01(r[1]) < pr.dropout_weekly;
    if (!ended && !dropped) { ++i; continue; }
    q.service[i] = q.service.back();
    std::copy_n(words + 4 * (q.service.size() - 1), 4, words + 4 * i);
    q.service.pop_back();
    if (dropped) {
      ++row.dropouts;
      c.leave_care(p, e.household);
      continue;
    }
    ++row.discharges;
    if (pr.settles_debt > 0.0) c.ps.completed[static_cast<size_t>(p)].push_back(e.household);
    const int pw = choose_pathway(c, p, PathwayTrigger::discharge, e.household, u01(r[2]));
    if (pw >= 0) {
      ++row.referrals_out;
      q.outbox.push_back({e.household, pw, u01(r[3]) < c.net.pathways[pw].loss});
    } else if (pr.after_care_weeks > 0) {
      q.after_care.push_back({e.household, c.week, c.week + static_cast<uint32_t>(pr.after_care_weeks)});
      c.set_status(p, e.household, CareStatus::after_care, static_cast<int16_t>(p));
    } else {
      c.leave_care(p, e.household);
    }
  }
  std::sort(q.outbox.begin(), q.outbox.end());
}

// Phase 3 (serial, provider order): move referred households to their destination.
void route(const Ctx& c) {
  for (auto& q : c.ps.providers) {
    for (const OutboxEntry& o : q.outbox) {
      const auto& pw = c.net.pathways[o.pathway];
      ++c.ps.pathway_totals[o.pathway].carried;
      if (pw.continuity && c.care.case_manager[o.household] == kNone)
        c.care.case_manager[o.household] = static_cast<int16_t>(pw.from);
      if (pw.delay_weeks > 0) {
        c.ps.providers[pw.to].transit.push_back(
            {c.week + static_cast<uint32_t>(pw.delay_weeks), o.household, o.pathway, o.lost});
        c.set_status(pw.to, o.household, CareStatus::in_transit, static_cast<int16_t>(pw.to));
      } else if (o.lost) {
        c.leave_care(pw.to, o.household);
        ++c.ps.week_counters[pw.to].lost;
        ++c.ps.pathway_totals[o.pathway].lost;
      } else {
        c.join_incoming(pw.to, o.household);
        ++c.ps.week_counters[pw.to].referrals_in;
      }
    }
    q.outbox.clear();
  }
}

void merge_incoming(ProviderQueues& q) {
  if (q.incoming.empty()) return;
  std::sort(q.incoming.begin(), q.incoming.end());
  const bool in_order = q.queue_length() == 0 || !(q.incoming.front() < q.queue.back());
  const auto mid = static_cast<std::ptrdiff_t>(q.queue.size());
  q.queue.insert(q.queue.end(), q.incoming.begin(), q.incoming.end());
  if (!in_order)
    std::inplace_merge(q.queue.begin() + static_cast<std::ptrdiff_t>(q.head), q.queue.begin() + mid,
                       q.queue.end());
  q.incoming.clear();
}

void count_client(const Ctx& c, ProviderWeek& row, uint32_t h) {
  ++row.clients;
  if (c.view.children != nullptr) row.client_children += c.view.children[h];
}

// Phase 0, the first week of a year (weeks 1, 53, ...): the households in service when it
// starts are this year's clients too (ProviderWeek::clients).
void count_clients_carried_in(const Ctx& c, int p) {
  if (c.week % 52 != 1) return;
  for (const ServiceEntry& e : c.ps.providers[p].service) count_client(c, c.ps.week_counters[p], e.household);
}

// Phase 4: one admission round of provider p.
void admit(const Ctx& c, int p, uint32_t round) {
  const auto& pr = c.net.providers[p];
  auto& q = c.ps.providers[p];
  auto& row = c.ps.week_counters[p];
  merge_incoming(q);
  const bool assesses = has_trigger(c.net, p, PathwayTrigger::intake);
  const uint32_t fixed_len = static_cast<uint32_t>(std::max(1.0, std::round(pr.mean_weeks)));
  const int64_t capacity = c.ps.capacity[static_cast<size_t>(p)];
  while (static_cast<int64_t>(q.service.size()) < capacity && q.head < q.queue.size()) {
    const QueueEntry e = q.queue[q.head++];
    const uint32_t wait = c.week - e.join_week;
    q.waits.push_back(wait);
    row.wait_sum += wait;
    ++row.admissions;
    if (assesses) {
      const auto r = c.draw(e.household, kIntakeDraw + round);
      const int pw = choose_pathway(c, p, PathwayTrigger::intake, e.household, u01(r.v[0]));
      if (pw >= 0) {  // assessed and passed on: no service here, no slot used
        ++row.discharges;
        ++row.referrals_out;
        q.outbox.push_back({e.household, pw, u01(r.v[1]) < c.net.pathways[pw].loss});
        continue;
      }
    }
    q.service.push_back({e.household, c.week, c.week + fixed_len});
    c.set_status(p, e.household, CareStatus::in_service, static_cast<int16_t>(p));
    count_client(c, row, e.household);
  }
  // Drop the admitted prefix now and then; amortised O(1) per admission.
  if (q.head > 4096 && 2 * q.head > q.queue.size()) {
    q.queue.erase(q.queue.begin(), q.queue.begin() + static_cast<std::ptrdiff_t>(q.head));
    q.head = 0;
  }
  std::sort(q.outbox.begin(), q.outbox.end());
}

void finish(const Ctx& c, int p) {
  const auto& pr = c.net.providers[p];
  auto& q = c.ps.providers[p];
  auto& row = c.ps.week_counters[p];
  merge_incoming(q);  // only non-empty if the round limit was hit
  row.queue_length = static_cast<uint32_t>(q.queue_length());
  row.in_service = static_cast<uint32_t>(q.service.size());
  row.after_care = static_cast<uint32_t>(q.after_care.size());
  if (!q.waits.empty()) {
    // Nearest-rank 90th percentile: the ceil(0.9 n)-th smallest wait.
    const size_t k = (9 * q.waits.size() + 9) / 10 - 1;
    std::nth_element(q.waits.begin(), q.waits.begin() + static_cast<std::ptrdiff_t>(k), q.waits.end());
    row.wait_p90 = q.waits[k];
    q.waits.clear();
  }
  row.cost_cents = static_cast<int64_t>(row.in_service) * pr.cost_per_week_cents +
                   static_cast<int64_t>(row.admissions) * pr.intake_cost_cents;
}

void accumulate(const CompiledProviderNetwork& net, ProviderState& ps) {
  std::fill(ps.financier_week_cents.begin(), ps.financier_week_cents.end(), 0);
  for (size_t p = 0; p < net.providers.size(); ++p) {
    const auto& w = ps.week_counters[p];
    auto& t = ps.total_counters[p];
    ps.financier_week_cents[static_cast<size_t>(net.providers[p].financier)] += w.cost_cents;
    t.queue_length = w.queue_length;
    t.in_service = w.in_service;
    t.wait_p90 = w.wait_p90;
    t.after_care = w.after_care;
    t.clients += w.clients;
    t.client_children += w.client_children;
    t.left_waiting += w.left_waiting;
    t.moved_out += w.moved_out;
    t.admissions += w.admissions;
    t.discharges += w.discharges;
    t.dropouts += w.dropouts;
    t.referrals_in += w.referrals_in;
    t.referrals_out += w.referrals_out;
    t.lost += w.lost;
    t.requests += w.requests;
    t.wait_sum += w.wait_sum;
    t.cost_cents += w.cost_cents;
  }
  for (int f = 0; f < kFinancierCount; ++f) ps.financier_total_cents[f] += ps.financier_week_cents[f];
}

}  // namespace

void init_provider_state(const CompiledProviderNetwork& net, ProviderState& ps) {
  const size_t n = net.providers.size();
  ps.providers.assign(n, {});
  ps.capacity.resize(n);
  for (size_t p = 0; p < n; ++p) ps.capacity[p] = net.providers[p].capacity;
  ps.changed.assign(n, {});
  ps.completed.assign(n, {});
  ps.week_counters.assign(n, {});
  ps.total_counters.assign(n, {});
  ps.pathway_totals.assign(net.pathways.size(), {});
  ps.moved_out_pending.assign(n, 0);
  ps.financier_week_cents.assign(kFinancierCount, 0);
  ps.financier_total_cents.assign(kFinancierCount, 0);
}

void submit_requests(const CompiledProviderNetwork& net, ProviderState& ps, const CareArrays& care,
                     const HouseholdView& view, std::span<const Request> requests, uint32_t week) {
  const Draws none{};
  const Ctx c{net, ps, care, view, none, week};
  for (const Request& r : requests) c.join_incoming(r.provider, r.household);
}

namespace {
// Erases the entry of household h from one of the provider's lists; true if it was there.
// Order-preserving (erase, not swap): the lists' order is part of the deterministic state.
// Entries [from, end) whose household has its bit in `leaving` are dropped in one pass.
template <class Entry>
void erase_households(std::vector<Entry>& list, size_t from, const std::vector<uint64_t>& leaving) {
  const auto first = list.begin() + static_cast<std::ptrdiff_t>(from);
  list.erase(std::remove_if(first, list.end(),
                            [&](const Entry& e) { return (leaving[e.household >> 6] >> (e.household & 63)) & 1u; }),
             list.end());
}
}  // namespace

void remove_households(ProviderState& ps, const CareArrays& care, std::span<const uint32_t> households) {
  // The leavers as bits (a city of 1M households: 128 KiB, in cache) and, per provider,
  // which of its lists hold any (a household is in one list of one provider); then one
  // pass over each such list. Erasing them one at a time cost a search and a move of the
  // list's tail each, which grows with the square of the city (more leavers, longer lists).
  std::vector<uint64_t> leaving;
  std::vector<uint8_t> lists(ps.providers.size(), 0);  // bit CareStatus per provider
  for (const uint32_t h : households) {
    const auto status = static_cast<CareStatus>(care.status[h]);
    if (status == CareStatus::not_in_care) continue;
    if (leaving.empty()) leaving.assign((care.n + 63) / 64, 0);
    leaving[h >> 6] |= uint64_t{1} << (h & 63);
    const auto p = static_cast<size_t>(care.provider[h]);
    lists[p] |= static_cast<uint8_t>(1u << static_cast<unsigned>(status));
    care.status[h] = static_cast<uint8_t>(CareStatus::not_in_care);
    care.provider[h] = kNone;
    care.case_manager[h] = kNone;
    ++ps.moved_out_pending[p];
  }
  const auto has = [&](size_t p, CareStatus st) { return (lists[p] >> static_cast<unsigned>(st)) & 1u; };
  for (size_t p = 0; p < lists.size(); ++p) {
    ProviderQueues& q = ps.providers[p];
    if (has(p, CareStatus::waiting)) {  // in the queue, or still incoming
      erase_households(q.queue, q.head, leaving);
      erase_households(q.incoming, 0, leaving);
    }
    if (has(p, CareStatus::in_service)) erase_households(q.service, 0, leaving);
    if (has(p, CareStatus::in_transit)) erase_households(q.transit, 0, leaving);
    if (has(p, CareStatus::after_care)) erase_households(q.after_care, 0, leaving);
  }
}

std::array<uint64_t, kCareStatusCount> care_status_from_sets(const ProviderState& ps, uint64_t n) {
  std::array<uint64_t, kCareStatusCount> out{};
  for (const auto& q : ps.providers) {
    out[1] += q.queue_length() + q.incoming.size();
    out[2] += q.service.size();
    out[3] += q.transit.size();
  }
  out[0] = n - out[1] - out[2] - out[3];
  return out;
}

void step_providers(const CompiledProviderNetwork& net, ProviderState& ps, const CareArrays& care,
                    const HouseholdView& view, const Draws& draws, uint32_t week) {
  const Ctx c{net, ps, care, view, draws, week};
  const int n = static_cast<int>(net.providers.size());
  for (int p = 0; p < n; ++p) {
    ps.week_counters[p] = {};
    ps.week_counters[p].requests = static_cast<uint32_t>(ps.providers[p].incoming.size());
    ps.week_counters[p].moved_out = std::exchange(ps.moved_out_pending[p], 0u);  // remove_households this week
    ps.completed[p].clear();
  }
  for_each_provider(c, [&](int p) {
    count_clients_carried_in(c, p);
    arrive(c, p);
    end_after_care(c, p);
    renege(c, p);
    serve(c, p);
  });
  route(c);
  // Zero-delay intake referrals join another provider's queue in the same week; without
  // zero-delay cycles (validated) at most n rounds are needed, the cap guards the rest.
  for (uint32_t round = 0; round <= static_cast<uint32_t>(n); ++round) {
    for_each_provider(c, [&](int p) { admit(c, p, round); });
    route(c);
    bool more = false;
    for (const auto& q : ps.providers) more = more || !q.incoming.empty();
    if (!more) break;
  }
  for_each_provider(c, [&](int p) { finish(c, p); });
  accumulate(net, ps);
}

}  // namespace wijksim::providers
