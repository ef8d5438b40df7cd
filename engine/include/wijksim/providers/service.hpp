#pragma once
// The queue / service machinery of the provider network, independent of how households
// live: who waits where, who is served, who is in transit between providers, and the
// weekly counters of providers.csv.
//
//   ProviderState ps;  init_provider_state(net, ps);
//   CareArrays care{...};              // per-household arrays (SimState registry or a test)
//   // each week, after the household phases:
//   submit_requests(net, ps, care, view, requests_in_household_order, week);
//   step_providers(net, ps, care, view, draws, week);   // arrivals, service, referrals, admissions
//   ps.week_counters[p]                // this week's row of providers.csv for provider p
//
// Order of one week (documented because results depend on it):
//   1. requests (help-seeking) and transit arrivals due this week join incoming lists;
//      after-care that has lasted its weeks ends; waiting households give up
//      (leave_waiting_weekly; those who joined this week wait at least one week);
//   2. services: end (geometric draw or fixed length, or targets reached) or drop out;
//      an ended service may be referred on along a matching discharge pathway, or else
//      starts after_care_weeks of after-care;
//   3. referrals are routed in provider order: delay 0 joins the destination's incoming
//      list this week, delay d > 0 is in transit until week + d; loss is drawn at referral
//      and realised (counted at the destination) when the household would have arrived;
//   4. admission rounds: each provider merges its incoming list into its queue and admits
//      from the head up to free capacity; an intake pathway may pass the household on at
//      once (same-week rounds for delay 0, bounded because zero-delay cycles are invalid);
//   5. costs and counters.
//
// Determinism: each provider's queue, service list and counters are touched by one task
// only; cross-provider moves go through per-provider outboxes routed serially in provider
// order; queues are ordered by (priority, join week, household id), never by arrival
// order; every draw is Philox keyed by (seed, household, week, replication, purpose
// `services`, draw index); waits and costs are integers. So the result is the same for
// any thread count and any order in which requests of one week are submitted.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wijksim/providers/network.hpp"
#include "wijksim/rng.hpp"

namespace wijksim::providers {

// after_care (issue 14): a service here ended and the household is followed up for the
// provider's after_care_weeks. The city-wide counts (kCareStatusCount, WeekMetrics::care)
// keep their four statuses and count it as not in care (neither waiting, in service nor in
// transit); per provider it is ProviderWeek::after_care.
enum class CareStatus : uint8_t { not_in_care = 0, waiting = 1, in_service = 2, in_transit = 3, after_care = 4 };
inline constexpr int kCareStatusCount = 4;

// Per-household pathway state. The arrays belong to SimState's registry (so they are
// hashed and checkpointed); tests may own them directly. All of length n.
struct CareArrays {
  uint64_t n = 0;
  uint8_t* status = nullptr;        // CareStatus
  int16_t* provider = nullptr;      // provider waited at / serving / travelled to; -1 none
  int16_t* case_manager = nullptr;  // generalist keeping the case (continuity); -1 none
};

// The same arrays, read only (counts and invariant checks).
struct CareArraysView {
  uint64_t n = 0;
  const uint8_t* status = nullptr;
  const int16_t* provider = nullptr;
  const int16_t* case_manager = nullptr;
  CareArraysView() = default;
  CareArraysView(uint64_t n_, const uint8_t* s, const int16_t* p, const int16_t* c)
      : n(n_), status(s), provider(p), case_manager(c) {}
  CareArraysView(const CareArrays& a) : n(a.n), status(a.status), provider(a.provider), case_manager(a.case_manager) {}  // NOLINT: read-only view
};

// What the machinery may read of a household: severities (ZRM 1..5, household-major,
// row h at severity + h * n_domains) and, optionally, the eligibility attributes.
struct HouseholdView {
  const uint8_t* severity = nullptr;
  int n_domains = 0;
  const uint8_t* age0 = nullptr;       // head's age at week 0 (nullptr: age not checked)
  const uint8_t* adults = nullptr;     // with children: household kind (nullptr: not checked)
  const uint8_t* children = nullptr;
  const uint16_t* wijk = nullptr;      // wijk index (nullptr: every provider serves everybody)
  const uint8_t* care_avoidance = nullptr;  // 0..255 for 0..1 (nullptr: 0, everybody equally patient)

  uint8_t sev(uint32_t h, int d) const { return severity[static_cast<size_t>(h) * n_domains + d]; }
};

struct Draws {
  Philox::key_type key{};
  uint32_t replication = 0;
};

// One help request: household h asks provider p (both resolved by the help-seeking phase).
struct Request {
  uint32_t household = 0;
  int32_t provider = 0;
};

// One row of providers.csv (this week, one provider). Integers only.
struct ProviderWeek {
  uint32_t queue_length = 0;   // waiting at the end of the week
  uint32_t in_service = 0;     // in service at the end of the week
  uint32_t admissions = 0;
  uint32_t discharges = 0;     // services ended (end of duration, targets reached, intake referral)
  uint32_t dropouts = 0;
  uint32_t referrals_in = 0;   // arrived (delay elapsed, not lost)
  uint32_t referrals_out = 0;  // referred on along a pathway
  uint32_t lost = 0;           // referrals to this provider lost on the way (this week)
  uint32_t requests = 0;       // help requests received directly
  uint64_t wait_sum = 0;       // weeks waited by those admitted this week
  uint32_t wait_p90 = 0;       // 90th percentile (nearest rank) of those waits, weeks
  int64_t cost_cents = 0;      // client-weeks x cost per week + admissions x intake cost
  uint32_t left_waiting = 0;   // gave up waiting this week (leave_waiting_weekly, _avoidance)
  uint32_t after_care = 0;     // in after-care at the end of the week
  uint32_t moved_out = 0;      // left the city (or died) while waiting, in service, in transit or in after-care here
  // Client spells: services started this week, plus, in the first week of a year (weeks 1,
  // 53, 105, ...), the households in service when the week starts. Summed over a year:
  // the households served in that year (one readmitted in the same year counts twice).
  uint32_t clients = 0;
  uint32_t client_children = 0;  // children in those households (HouseholdView::children)
  // Completions whose debt was settled (CompiledProvider::settles_debt). Counted by the
  // models after the providers' step, in this week's and in the total counters.
  uint32_t debts_settled = 0;
  double mean_wait() const { return admissions ? static_cast<double>(wait_sum) / admissions : 0.0; }
};

struct PathwayTotals {
  uint64_t carried = 0;        // referrals made along the pathway
  uint64_t lost = 0;           // of which lost (realised when they would have arrived)
};

struct QueueEntry {
  uint32_t priority = 0;       // 0 for fifo; worst severity 1..5 for `severity` (1 first)
  uint32_t join_week = 0;
  uint32_t household = 0;
  friend bool operator<(const QueueEntry& a, const QueueEntry& b) {
    if (a.priority != b.priority) return a.priority < b.priority;
    // Join weeks compare as signed: a household already waiting at week 0
    // (initial_waited_weeks) joined "before week 0", stored modulo 2^32, and the unsigned
    // wait week - join_week is then still its wait. Weeks of a run are < 2^31.
    if (a.join_week != b.join_week)
      return static_cast<int32_t>(a.join_week) < static_cast<int32_t>(b.join_week);
    return a.household < b.household;
  }
};

struct ServiceEntry {
  uint32_t household = 0;
  uint32_t start_week = 0;
  uint32_t end_week = 0;       // fixed durations: ends at the start of this week
};

struct TransitEntry {
  uint32_t arrive_week = 0;
  uint32_t household = 0;
  int32_t pathway = 0;
  uint8_t lost = 0;
};

struct OutboxEntry {
  uint32_t household = 0;
  int32_t pathway = 0;
  uint8_t lost = 0;                 // drawn when the referral is made
  friend bool operator<(const OutboxEntry& a, const OutboxEntry& b) {
    return a.household != b.household ? a.household < b.household : a.pathway < b.pathway;
  }
};

// Per-provider sets and counters (the per-household arrays are in CareArrays).
struct ProviderQueues {
  std::vector<QueueEntry> queue;    // sorted; live part is [head, end)
  size_t head = 0;
  std::vector<QueueEntry> incoming; // joined this week / round, not yet merged
  std::vector<ServiceEntry> service;
  std::vector<TransitEntry> transit;  // on their way to this provider
  std::vector<ServiceEntry> after_care;  // in after-care after a service here; ends at end_week
  std::vector<OutboxEntry> outbox;    // referred on by this provider this round
  std::vector<uint32_t> waits;        // scratch: waits of this week's admissions
  size_t queue_length() const { return queue.size() - head; }
};

struct ProviderState {
  std::vector<ProviderQueues> providers;
  // Capacity in force per provider (concurrent clients). init_provider_state copies
  // CompiledProvider::capacity; a run may overwrite it (capacity_share resolved per run,
  // interventions such as capacity_change from a week on). Admission reads only this.
  std::vector<int32_t> capacity;
  // Households whose CareStatus or provider changed since the caller last cleared this
  // (one list per provider: each is written by one task). The models refresh their cached
  // channel probabilities (help-seeking off while in care, service effects while served).
  std::vector<std::vector<uint32_t>> changed;
  std::vector<ProviderWeek> week_counters;    // this week, per provider
  std::vector<ProviderWeek> total_counters;   // summed over weeks (queue/in_service/p90: last week)
  std::vector<PathwayTotals> pathway_totals;  // per pathway, whole run
  // Households removed by remove_households since the last step_providers, per provider:
  // the next step_providers makes them this week's ProviderWeek::moved_out.
  std::vector<uint32_t> moved_out_pending;
  // Households whose service ended as planned this week at a provider with settles_debt >
  // 0, per provider (one writer each), in the order the provider served them; emptied at
  // the start of each step_providers. The models settle their debts.
  std::vector<std::vector<uint32_t>> completed;
  std::vector<int64_t> financier_week_cents;  // this week, per Financier
  std::vector<int64_t> financier_total_cents;
  bool parallel = true;                       // providers in parallel when worth it:
  size_t parallel_min_work = 20000;           // ... from this many queued + served + travelling
};

void init_provider_state(const CompiledProviderNetwork& net, ProviderState& ps);

// Week 0: the care the city already has (CompiledProvider::initial_in_service,
// initial_waiting, initial_waited_weeks), provider by provider in network order, each
// household at one provider at most. Households in `view.wijk`'s wijken the provider
// serves, not in care and eligible at week 0, ranked by the provider's queue priority
// computed on its effect domains (worst severity first, whatever its queue discipline),
// then a Philox draw (Purpose::services, week 0, draw index kInitialCareDraw + provider:
// week 0 has no other services draw), then household id. The flow counters stay 0 (nobody
// was admitted in a week of the run); the stocks queue_length and in_service are week 0's;
// status changes go to ps.changed. Nothing is drawn for a
// provider whose three keys are 0. With ps.parallel the candidates are gathered on the
// calling task arena's threads (the same placements for any thread count).
inline constexpr uint32_t kInitialCareDraw = 0x8000;
void place_initial_care(const CompiledProviderNetwork& net, ProviderState& ps, const CareArrays& care,
                        const HouseholdView& view, const Draws& draws);

// Help requests of one week. Each household must be not in care and eligible (use
// is_eligible); it is put in the provider's incoming list. Order of `requests` does not
// matter (the queue orders by priority, week, household id).
void submit_requests(const CompiledProviderNetwork& net, ProviderState& ps, const CareArrays& care,
                     const HouseholdView& view, std::span<const Request> requests, uint32_t week);

// One week of the provider network (see the order above). Counters are reset first.
void step_providers(const CompiledProviderNetwork& net, ProviderState& ps, const CareArrays& care,
                    const HouseholdView& view, const Draws& draws, uint32_t week);

// Households leave the city (issue 14: a departure, its dwelling taken by a newcomer):
// each is taken out of whatever list holds it (queue, incoming, service, transit or
// after-care of care.provider[h]; the lists keep their order) and is not in care
// afterwards; counted as moved_out of that provider in the next step_providers' week.
// Nothing is drawn; households not in care are skipped; each household at most once.
// Call serially, between weeks' step_providers (the household phase of a week).
void remove_households(ProviderState& ps, const CareArrays& care, std::span<const uint32_t> households);

bool is_eligible(const CompiledProvider& pr, const HouseholdView& view, uint32_t h, uint32_t week);

// Households waiting / in service / in transit from the provider sets, O(providers);
// not in care = n - the three. Same figures as count_care_status without scanning households.
std::array<uint64_t, kCareStatusCount> care_status_from_sets(const ProviderState& ps, uint64_t n);

// Households per CareStatus from the per-household array (not in care, waiting, in
// service, in transit): sums to care.n by construction of the array.
// after_care counts as not in care (index 0), as in care_status_from_sets.
std::array<uint64_t, kCareStatusCount> count_care_status(const CareArraysView& care);

// FNV-1a 64 over the provider state that carries over to the next week: the live queues,
// incoming, in-service, in-transit and after-care entries (field by field), capacities in force,
// counters, pathway totals and financier costs; scratch lists are left out. After-care
// lists and counters included. Part of
// Simulation::run_hash (the determinism tests).
uint64_t provider_state_hash(const ProviderState& ps);

// Invariants (for WIJKSIM_VALIDATE and tests): the per-household arrays agree with the
// per-provider sets, nobody is in two places, and no provider is above capacity.
// Returns an empty string when all hold, else what failed.
std::string check_provider_invariants(const CompiledProviderNetwork& net, const ProviderState& ps,
                                      const CareArraysView& care);

}  // namespace wijksim::providers
