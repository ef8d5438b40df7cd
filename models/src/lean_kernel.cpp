// The lean household kernel (lean_kernel.hpp): batches of non-quiet households.
#include "lean_kernel.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <cstring>

#include "channels.hpp"
#include "dense_kernel.hpp"
#include "debt.hpp"
#include "help_seeking.hpp"
#include "household_step.hpp"

namespace wijksim::models {

namespace {

constexpr int kLanes = 16;  // households per batch
using LeanEntry = ModelTables::LeanEntry;

// The kernel is compiled for each domain count (1..kLeanMaxChannels - 1) and with or
// without the help-seeking channel: with the channel count known at compile time the
// per-household loops unroll and the scratch is exactly sized, which halves the
// instructions of a non-quiet household. Same arithmetic in every instantiation.
template <int ND, bool HELP>
struct Lean {
  static constexpr int N = ND + (HELP ? 1 : 0);  // channels

  // One batch: the non-quiet households in household order with their channels' prefix
  // products. The households' product chains are independent, so the core overlaps them.
  struct Batch {
    int m = 0;  // households in the batch
    uint32_t h[kLanes];
    uint32_t gate[kLanes];
    uint32_t second[kLanes];
    uint8_t first_moved[kLanes];       // after apply: the lowest domain that moved (refresh from there)
    const LeanEntry* entries[kLanes];  // the household's care class in ModelTables::lean_entries
    double p_help[kLanes];             // its help-seeking channel (0 when it cannot ask)
    double P[kLanes][N + 1];
  };

  // Prefix products of household i of the batch from its current state: the table entries
  // hold 1 - p with the bits channel_probabilities() computes (build_lean_entries), the help
  // channel is apply_care_channels()'s expression, and the product runs in stay_prefix()'s
  // order, so P has the general kernel's bits. Returns P[N] = q.
  static double prefix(const ModelTables& t, const SimState& s, Batch& B, int i) {
    const uint64_t h = B.h[i];
    const CareTables& care = t.care;
    const size_t cls = care.network && in_service(s, h) ? 1 + static_cast<size_t>(s.care_provider[h]) : 0;
    const LeanEntry* entries = t.lean_entries.data() + cls * (ND * kSeverityLevels);
    B.entries[i] = entries;
    const uint8_t* row = s.severity_row(h);
    double* P = B.P[i];
    double acc = 1.0;
    P[0] = acc;
    for (int d = 0; d < ND; ++d) {
      acc *= entries[d * kSeverityLevels + (row[d] - 1)].stay;
      P[d + 1] = acc;
    }
    if constexpr (HELP) {
      const double p = help_probability(care, s, h, row);
      if (p > 0) {  // it may ask for help this week: seek_help() checks these cold arrays
        __builtin_prefetch(s.age0.data() + h, 0);
        __builtin_prefetch(s.adults.data() + h, 0);
        __builtin_prefetch(s.children.data() + h, 0);
      }
      B.p_help[i] = p;
      acc *= 1.0 - p;
      P[N] = acc;
    }
    return acc;
  }

  // The help-seeking channel: apply_care_channels()'s expression (a_k + b_k with b_k = 0,
  // as channel_sums); the worst severity only matters, and is only computed, out of care.
  static double help_probability(const CareTables& care, const SimState& s, uint64_t h, const uint8_t* row) {
    double p = 0;
    if (static_cast<providers::CareStatus>(s.care_status[h]) == providers::CareStatus::not_in_care) {
      uint8_t worst = kSeverityLevels;
      for (int d = 0; d < ND; ++d) worst = std::min(worst, row[d]);
      p = care.weekly_by_worst[worst - 1];
      p *= care.avoidance_factor[s.care_avoidance[h]];
    }
    return std::clamp(p, 0.0, 1.0) + 0.0;
  }

  // Moves household h's contribution in the chunk's tallies (tally_change() for the
  // moved domains; the debt columns only when the debt grew, so quiet debts are not read).
  static void tally(const MetricsLayout& L, const SimState& s, uint64_t h, const uint8_t* old_sev,
                    const uint8_t* moved, int n_moved, int64_t* tally) {
    int64_t* row = tally + L.stride * s.wijk[h];
    const uint8_t* sev = s.severity_row(h);
    int delta = 0;  // change in the number of domains at severity <= 2
    for (int f = 0; f < n_moved; ++f) {
      const int d = moved[f];
      row[d * kSeverityLevels + (old_sev[d] - 1)] -= 1;
      row[d * kSeverityLevels + (sev[d] - 1)] += 1;
      delta += (sev[d] <= kMultiProblemSeverity) - (old_sev[d] <= kMultiProblemSeverity);
    }
    if (delta != 0) {
      int before = 0;
      for (int d = 0; d < ND; ++d) before += old_sev[d] <= kMultiProblemSeverity;
      row[L.multi()] += (before + delta >= kMultiProblemDomains) - (before >= kMultiProblemDomains);
    }
  }

  // Samples and applies household i's week as step_household() does: dynamics,
  // help-seeking, debt, tallies. Returns false when nothing fired (threshold saturation).
  static bool apply(const StepContext& ctx, SimState& s, Batch& B, int i, int64_t* tally) {
    const uint64_t h = B.h[i];
    uint8_t* sev = s.severity_row(h);
    const LeanEntry* entries = B.entries[i];
    const auto channel = [&](int k) {
      if (k >= ND) return ChannelPB{B.p_help[i], 0.0};
      const LeanEntry& e = entries[k * kSeverityLevels + (sev[k] - 1)];
      return ChannelPB{e.p, e.improve};
    };
    RngStream rng(ctx.key, static_cast<uint32_t>(h), ctx.week, ctx.replication, Purpose::dynamics);
    Outcomes out;
    const bool debt_grows_now = s.flags[h] & kFlagDebtGrows;  // start-of-week condition
    if (sample_prefix(B.P[i], N, B.gate[i], B.second[i], channel, rng, out) == 0) {
      if (debt_grows_now) grow_debt_quiet(ctx, s, h, tally);  // threshold saturated: quiet after all
      return false;
    }
    uint8_t old_sev[ND];
    std::memcpy(old_sev, sev, ND);
    uint8_t moved[N];
    int n_moved = 0;
    for (int f = 0; f < out.n_fired; ++f) {  // household dynamics (apply_dynamics)
      const int d = out.fired[f];
      if (d >= ND) continue;  // the help-seeking channel
      const int next = sev[d] + 2 * out.o[d] - 3;  // o = 1 worsens (-1), 2 improves (+1); no branch to mispredict
      sev[d] = static_cast<uint8_t>(std::clamp(next, 1, kSeverityLevels));
      if (sev[d] != old_sev[d]) moved[n_moved++] = static_cast<uint8_t>(d);
    }
    if (HELP && out.o[ND]) seek_help(ctx, s, h, out);  // [help-seeking]
    if (debt_grows_now) grow_debt_quiet(ctx, s, h, tally);  // debt, and its tallies
    Lean::tally(*ctx.layout, s, h, old_sev, moved, n_moved, tally);
    B.first_moved[i] = static_cast<uint8_t>(n_moved > 0 ? moved[0] : ND);  // fired lists increase
    return true;
  }

  // Household i's prefix products again after its week, from its new state: the
  // products before its first moved domain are unchanged (same factors, same order), so
  // the chain restarts there; the help channel follows the new worst severity. The same
  // bits as prefix(). Returns the new q.
  static double refresh(const ModelTables& t, const SimState& s, Batch& B, int i) {
    const uint64_t h = B.h[i];
    const LeanEntry* entries = B.entries[i];
    const uint8_t* row = s.severity_row(h);
    double* P = B.P[i];
    const int from = B.first_moved[i];
    double acc = P[from];
    for (int d = from; d < ND; ++d) {
      acc *= entries[d * kSeverityLevels + (row[d] - 1)].stay;
      P[d + 1] = acc;
    }
    if constexpr (HELP) acc *= 1.0 - help_probability(t.care, s, h, row);
    return acc;
  }

  // Phases in batch order: every household's channels, then each household's week in
  // household order (the order of help-seeking requests), then the changed households'
  // caches from their new state.
  static void run(const StepContext& ctx, SimState& s, Batch& B, int64_t* tally) {
    const ModelTables& t = *ctx.tables;
    for (int i = 0; i < B.m; ++i) prefix(t, s, B, i);
    bool changed[kLanes];
    for (int i = 0; i < B.m; ++i) changed[i] = apply(ctx, s, B, i, tally);
    for (int i = 0; i < B.m; ++i)
      if (changed[i]) store_household_cache(t, s, B.h[i], refresh(t, s, B, i));
    B.m = 0;
  }

  static void step(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally) {
    Batch B;
    gate_households(ctx, s, begin, end, tally, [&](uint64_t h, uint32_t draw, uint32_t second) {
      B.h[B.m] = static_cast<uint32_t>(h);
      B.gate[B.m] = draw;
      B.second[B.m] = second;
      // The batch reads these when it fills up, ~100 households later: ask for them now so
      // that the misses of a large population overlap with the gate's work.
      __builtin_prefetch(s.severity_row(h), 1);
      __builtin_prefetch(s.care_status.data() + h, 0);
      if (++B.m == kLanes) run(ctx, s, B, tally);
    });
    if (B.m > 0) run(ctx, s, B, tally);
  }
};

using StepFn = void (*)(const StepContext&, SimState&, uint64_t, uint64_t, int64_t*);

template <bool HELP, int... ND>
constexpr std::array<StepFn, sizeof...(ND) + 1> step_table(std::integer_sequence<int, ND...>) {
  return {nullptr, &Lean<ND + 1, HELP>::step...};
}
// [nd]: the kernel for nd domains (index 0 unused).
constexpr auto kStepNoHelp = step_table<false>(std::make_integer_sequence<int, kLeanMaxChannels - 1>{});
constexpr auto kStepHelp = step_table<true>(std::make_integer_sequence<int, kLeanMaxChannels - 1>{});

}  // namespace

bool lean_kernel_applies(const ModelTables& t) {
  return !t.coupling && t.n_events == 0 && t.network_improvement == 0 && t.n_domains + 1 <= kLeanMaxChannels;
}

void build_lean_entries(ModelTables& t) {
  t.lean_entries.clear();
  if (!lean_kernel_applies(t)) return;
  const int nd = t.n_domains;
  const CareTables& care = t.care;
  const size_t providers = care.network ? care.improve.size() / static_cast<size_t>(nd) : 0;
  const double nf = t.network_factor[0];  // 1.0 for every byte: network_improvement is 0
  t.lean_entries.resize((1 + providers) * static_cast<size_t>(nd) * kSeverityLevels);
  for (size_t cls = 0; cls <= providers; ++cls) {
    for (int d = 0; d < nd; ++d) {
      for (int l = 0; l < kSeverityLevels; ++l) {
        const int idx = d * kSeverityLevels + l;
        // channel_probabilities() without coupling, then apply_service_effects() in service.
        double improve = std::min(1.0, t.improve[idx] * nf);
        double worsen = std::min(t.worsen[idx], 1.0 - improve);
        if (cls > 0) {
          const double e = care.improve[(cls - 1) * static_cast<size_t>(nd) + static_cast<size_t>(d)];
          if (e > 0 && l + 1 < kSeverityLevels) {
            improve = std::max(improve, std::min(1.0, e));
            worsen = std::min(worsen, 1.0 - improve);
          }
        }
        const double p = worsen + improve;
        t.lean_entries[(cls * nd + d) * kSeverityLevels + l] = {1.0 - p, improve, p, worsen};
      }
    }
  }
  build_dense_thresholds(t);
}

ModelTables::Kernel choose_kernel(const ModelTables& t, RunOptions::Kernel wanted) {
  using K = ModelTables::Kernel;
  const bool lean = lean_kernel_applies(t) && !t.lean_entries.empty();
  const bool dense = lean && !t.dense_worsen.empty();
  switch (wanted) {
    case RunOptions::Kernel::general: return K::general;
    case RunOptions::Kernel::lean: return lean ? K::lean : K::general;
    case RunOptions::Kernel::dense:
    case RunOptions::Kernel::automatic: break;
  }
  // A function of the scenario only, never of the CPU: the same run gives the same numbers
  // on every machine (the dense kernel's portable loop computes its AVX-512 path's bits).
  return dense ? K::dense : lean ? K::lean : K::general;
}

const char* kernel_name(ModelTables::Kernel k) {
  switch (k) {
    case ModelTables::Kernel::general: return "general";
    case ModelTables::Kernel::lean: return "lean";
    case ModelTables::Kernel::dense: return "dense";
  }
  return "general";
}

void step_households_lean(const StepContext& ctx, SimState& s, uint64_t begin, uint64_t end, int64_t* tally) {
  const ModelTables& t = *ctx.tables;
  (t.care.help ? kStepHelp : kStepNoHelp)[t.n_domains](ctx, s, begin, end, tally);
}

}  // namespace wijksim::models
