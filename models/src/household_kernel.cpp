// The household kernel's busy households (household_kernel.hpp): batches of up to 16.
//
// Why batches: each busy household's week is a long chain of dependent steps (its
// channels, a product chain over ~20 channels, the sampler, the refresh with a second
// chain). One household after another, the core mostly waits on those latencies; a
// batch computes the channels of all its households one after another (independent
// chains that overlap), then samples and applies each household's week in household order
// (the order of help-seeking requests), then refreshes their caches together.
#include "household_kernel.hpp"

#include <algorithm>
#include <cstring>

#include "channels.hpp"
#include "dynamics.hpp"
#include "help_seeking.hpp"
#include "life_events.hpp"
#include "turnover.hpp"

namespace wijksim::models {

namespace {

constexpr int kLanes = 16;

struct Lane {
  uint32_t h, gate, second;
  bool changed;        // after apply: the cache must be refreshed
  bool full;           // ... by recomputing every channel (else: the moved domains only)
  bool events;         // ... and the event channels (their eligibility may have changed)
  int n_moved;
  uint8_t moved[kMaxChannels];  // the domains that moved, increasing
  uint64_t coupled;             // ... and the domains whose coupling factor a moved one's new weight changes
  Channels c;
  ChannelSums sums;
  DomainInputs in;  // what the domains' channels read at the start of the week
};

struct Batch {
  int m = 0;
  Lane lane[kLanes];
};

// The household's week given its channels: samples which fire, applies events, dynamics,
// help-seeking and debt, moves its tallies, and says how its cache must be refreshed.
void apply(const StepContext& ctx, SimState& s, Lane& L, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  const uint64_t h = L.h;
  L.changed = false;
  RngStream rng(ctx.key, L.h, ctx.week, ctx.replication, Purpose::dynamics);
  Outcomes out;
  const bool debt_grows_now = s.flags[h] & kFlagDebtGrows;  // start-of-week condition
  if (sample_channels(L.c, L.sums, L.gate, L.second, rng, out) == 0) {  // the threshold saturated
    if (debt_grows_now) grow_debt_quiet(ctx, s, h, tally);
    return;
  }
  const int ne = t.n_events, nd = t.n_domains;
  const bool event_fired = out.fired[0] < ne;                        // fired lists events first
  if (event_fired) {
    if (const int leaving = leaving_event(*ctx.scenario, ne, out); leaving >= 0) {  // moves out (turnover.hpp)
      tally_household(*ctx.layout, s, h, -1, tally);
      move_out_and_in(ctx, s, h, leaving, tally);
      tally_household(*ctx.layout, s, h, +1, tally);
      L.changed = L.full = true;
      return;
    }
  }
  uint8_t old_sev[kMaxDomains];
  uint8_t* sev = s.severity_row(h);
  std::memcpy(old_sev, sev, static_cast<size_t>(nd));
  const int64_t old_debt = s.debt[h];
  const Composition old_composition = composition_of(s, h);

  uint32_t changed = kChangedNothing;
  if (event_fired) changed |= apply_life_events(ctx, s, h, out, tally);  // life events
  changed |= apply_dynamics(ctx, s, h, out);                         // household dynamics
  if (t.care.help && out.o[help_channel(t)] && !(changed & kChangedReferred)) request_help(ctx, s, h);  // help wanted (help_seeking.cpp)
  if (debt_grows_now && !(changed & kChangedDebtCleared)) {         // debt (start-of-week condition)
    grow_debt(t, s, h);
    changed |= kChangedDebt;
  }

  L.n_moved = 0;
  if (!event_fired)
    for (int i = 0; i < out.n_fired; ++i)
      if (out.fired[i] < ne + nd) L.moved[L.n_moved++] = static_cast<uint8_t>(out.fired[i] - ne);
  tally_change(*ctx.layout, s, h, old_sev, old_debt, tally, event_fired ? nullptr : L.moved, L.n_moved);
  if (changed & (kChangedComposition | kChangedWork)) tally_composition_change(*ctx.layout, s, h, old_composition, tally);
  if (event_fired)  // the events' severity effects and the dynamics: every domain that moved
    for (int d = 0; d < nd; ++d)
      if (sev[d] != old_sev[d]) L.moved[L.n_moved++] = static_cast<uint8_t>(d);
  // The finances ceiling reads in_debt (debt, income, the finances severity): with it, any
  // change refreshes the finances channel (listed again at most once: the same bits twice).
  if (t.finances_ceiling > 0 && changed != kChangedNothing && sev[t.finances] == old_sev[t.finances])
    L.moved[L.n_moved++] = static_cast<uint8_t>(t.finances);

  // The refresh. A domain's channel reads its care class, the network, its own severity and,
  // with coupling, every domain's problem weight: none of these but the severities change
  // in the household's week, so only the moved domains' channels change, and when a moved
  // domain's problem weight changed, those of the domains it is coupled to (L.coupled). The
  // event channels read work status, composition and (in_debt, debt_free, after_settlement)
  // debt and its growth condition,
  // i.e. income and the finances severity: they are recomputed when an event fired, when
  // one of those changed, or when events read debt and anything changed. The help channel
  // reads the worst severity: always recomputed. The finances ceiling: above.
  L.changed = changed != kChangedNothing;
  constexpr uint32_t known = kChangedSeverity | kChangedIncome | kChangedDebt | kChangedWork | kChangedComposition |
                             kChangedEvent | kChangedDebtCleared | kChangedReferred;
  L.full = (changed & ~known) != 0;
  L.events = event_fired || (changed & (kChangedIncome | kChangedWork | kChangedComposition)) != 0 ||
             (L.changed && t.events_read_debt);
  L.coupled = 0;
  if (!L.full && t.coupling)
    for (int i = 0; i < L.n_moved; ++i) {
      const int d = L.moved[i];
      if (t.problem_weight[old_sev[d] - 1] != t.problem_weight[sev[d] - 1]) L.coupled |= t.coupled_domains[d];
    }
}

// The channel values of a changed household from its new state, the same bits as
// channel_values() from scratch: all of them, or only the moved domains', the help
// channel and, when they may have changed, the events' (the others keep their inputs).
// Not full, the care class and network are those of the start of the week (L.in), and so
// are the coupling factors unless a moved domain's weight changed: then they are computed
// again and the domains whose factor that changes (L.coupled) are refreshed too; the other
// factors keep their bits (their sums lose or gain only terms that are 0). The finances
// ceiling's condition (in_debt) is read again.
void refresh_values(const ModelTables& t, const SimState& s, Lane& L) {
  if (L.full) return channel_values(t, s, L.h, L.c, L.sums, L.in);
  if (L.events) set_event_channels(t, s, L.h, L.c, L.sums);
  DomainInputs& in = L.in;
  in.ceiling_domain = ceiling_domain(t, s, L.h);
  const uint8_t* sev = s.severity_row(L.h);
  uint64_t refresh = L.coupled;
  if (L.coupled != 0) coupling_factors(t, sev, in.coupling);
  for (int i = 0; i < L.n_moved; ++i) refresh |= uint64_t{1} << L.moved[i];
  for (; refresh != 0; refresh &= refresh - 1) {
    const int d = __builtin_ctzll(refresh);
    set_domain_channel(t, in, sev[d], d, L.c, L.sums);
  }
  if (t.care.help) set_help_channel(t, s, L.h, L.c, L.sums);
}

// The prefix products (stay_prefix) of the listed lanes after the events' part (P[0..ne],
// from ModelTables::event_rows), four lanes at a time: each lane's chain is the same
// sequence of IEEE operations as stay_prefix, so the same bits, but four independent chains
// (in registers) overlap instead of one waiting on each multiply, and out-of-order
// execution overlaps one group with the next. Every household of a scenario has the same
// number of channels.
void prefix_products(Batch& B, const int* lanes, int m, int ne) {
  if (m == 0) return;
  const int n = B.lane[lanes[0]].c.n;
  int j = 0;
  for (; j + 4 <= m; j += 4) {
    ChannelSums& S0 = B.lane[lanes[j]].sums;
    ChannelSums& S1 = B.lane[lanes[j + 1]].sums;
    ChannelSums& S2 = B.lane[lanes[j + 2]].sums;
    ChannelSums& S3 = B.lane[lanes[j + 3]].sums;
    double a0 = S0.P[ne], a1 = S1.P[ne], a2 = S2.P[ne], a3 = S3.P[ne];
    for (int k = ne; k < n; ++k) {
      a0 *= 1.0 - S0.p[k];
      a1 *= 1.0 - S1.p[k];
      a2 *= 1.0 - S2.p[k];
      a3 *= 1.0 - S3.p[k];
      S0.P[k + 1] = a0;
      S1.P[k + 1] = a1;
      S2.P[k + 1] = a2;
      S3.P[k + 1] = a3;
    }
    S0.n = S1.n = S2.n = S3.n = n;
  }
  for (; j < m; ++j) {
    ChannelSums& S = B.lane[lanes[j]].sums;
    stay_prefix_from(S.p, ne, n, S.P);
    S.n = n;
  }
}

// Every per-household array a busy week or a cache refresh reads: each is its own line (a
// byte array's line holds 64 households, a few of them busy; the severity row's holds ~1).
// Always inline: called from the gate loop's lambda and from refresh_batches, g++ made it
// a call, and the default city's step ran ~10-25% slower (1M households, 1 thread).
[[gnu::always_inline]] inline void prefetch_household(const SimState& s, uint64_t h) {
  __builtin_prefetch(s.severity_row(h), 1);
  __builtin_prefetch(s.care_status.data() + h, 0);
  __builtin_prefetch(s.care_provider.data() + h, 0);
  __builtin_prefetch(s.debt.data() + h, 1);
  __builtin_prefetch(s.income.data() + h, 0);
  __builtin_prefetch(s.work_status.data() + h, 0);
  __builtin_prefetch(s.adults.data() + h, 0);
  __builtin_prefetch(s.children.data() + h, 0);
  __builtin_prefetch(s.flags.data() + h, 1);
  __builtin_prefetch(s.network.data() + h, 0);
  __builtin_prefetch(s.care_avoidance.data() + h, 0);
  __builtin_prefetch(s.societal.data() + h, 1);
}

// The caches of households[0..n), kLanes at a time (refresh_household_caches).
void refresh_batches(const ModelTables& t, SimState& s, const uint32_t* households, size_t n) {
  Batch B;
  int lanes[kLanes];
  for (int i = 0; i < kLanes; ++i) lanes[i] = i;
  for (size_t i = 0; i < std::min<size_t>(n, kLanes); ++i) prefetch_household(s, households[i]);
  for (size_t first = 0; first < n; first += kLanes) {
    const int m = static_cast<int>(std::min<size_t>(kLanes, n - first));
    for (size_t i = first + kLanes; i < std::min(n, first + 2 * kLanes); ++i) prefetch_household(s, households[i]);
    for (int j = 0; j < m; ++j) {
      Lane& L = B.lane[j];
      L.h = households[first + static_cast<size_t>(j)];
      channel_values(t, s, L.h, L.c, L.sums, L.in);
    }
    prefix_products(B, lanes, m, t.n_events);
    for (int j = 0; j < m; ++j) store_household_cache(t, s, B.lane[j].h, B.lane[j].sums.q());
  }
}

void run(const StepContext& ctx, SimState& s, Batch& B, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  int lanes[kLanes];
  for (int i = 0; i < B.m; ++i) {
    channel_values(t, s, B.lane[i].h, B.lane[i].c, B.lane[i].sums, B.lane[i].in);
    lanes[i] = i;
  }
  prefix_products(B, lanes, B.m, t.n_events);
  for (int i = 0; i < B.m; ++i) apply(ctx, s, B.lane[i], tally);
  int m = 0;
  for (int i = 0; i < B.m; ++i)
    if (B.lane[i].changed) {
      refresh_values(t, s, B.lane[i]);
      lanes[m++] = i;
    }
  prefix_products(B, lanes, m, t.n_events);
  for (int j = 0; j < m; ++j) store_household_cache(t, s, B.lane[lanes[j]].h, B.lane[lanes[j]].sums.q());
  B.m = 0;
}

}  // namespace

void refresh_household_caches(ChunkRunner& runner, const ModelTables& t, SimState& s,
                              std::span<const uint32_t> households) {
  constexpr uint64_t kGrain = 512;  // households per task: a refresh is ~0.1-0.5 us
  runner.run_range(households.size(), kGrain, [&](uint64_t begin, uint64_t end) {
    refresh_batches(t, s, households.data() + begin, end - begin);
  });
}

void step_households(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally) {
  // Busy households wait in `pending` for kLanes more before their batch runs, so the
  // prefetches issued when the gate found them have a batch's worth of gate work to land
  // (a large population's rows are cache misses). Order is kept: batches run in household
  // order, and a quiet household's week touches only itself and integer tallies.
  struct Pending {
    uint32_t h, gate, second;
  };
  Pending pending[2 * kLanes];
  int n_pending = 0;
  Batch B;
  const auto run_first = [&](int m) {
    for (int i = 0; i < m; ++i) {
      B.lane[i].h = pending[i].h;
      B.lane[i].gate = pending[i].gate;
      B.lane[i].second = pending[i].second;
    }
    B.m = m;
    run(ctx, s, B, tally);
    std::copy(pending + m, pending + n_pending, pending);
    n_pending -= m;
  };
  gate_households(ctx, s, begin, end, tally, [&](uint64_t h, uint32_t gate, uint32_t second) {
    pending[n_pending++] = {static_cast<uint32_t>(h), gate, second};
    prefetch_household(s, h);
    if (n_pending == 2 * kLanes) run_first(kLanes);
  });
  while (n_pending > 0) run_first(std::min(n_pending, kLanes));
}

}  // namespace wijksim::models
