// The [interventions] phase: for each household in index order, either one enrolled week
// of its programme, or a pass over the active interventions (scenario order: an earlier
// intervention gets first pick) to see whether one finds and enrols it. A household is in
// at most one programme at a time and in each intervention at most once. Changed
// households have their metric tallies moved and their weekly cache refreshed.
#include "phase.hpp"

#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../channels.hpp"
#include "common.hpp"
#include "wijksim/parallel.hpp"

namespace wijksim::models {

using namespace iv;

namespace {

bool enrols_households(InterventionType t) {
  return t != InterventionType::capacity_change && t != InterventionType::pooled_budget &&
         t != InterventionType::case_manager_continuity;
}

bool found(Ctx& c, const CompiledIntervention& v, int i) {
  switch (v.type) {
    case InterventionType::debt_restructuring: return found_debt_restructuring(c, v, i);
    case InterventionType::outreach: return found_outreach(c, v, i);
    case InterventionType::early_signals: return found_early_signal(c, v, i);
    case InterventionType::social_prescribing: return found_social_prescribing(c, v, i);
    case InterventionType::informal_care: return found_informal_care(c, v, i);
    case InterventionType::collective_day_activities: return found_collective_day_activities(c, v, i);
    default: return false;
  }
}

void seek(Ctx& c, const std::vector<CompiledIntervention>& ivs, uint32_t active_mask) {
  for (int i = 0; i < static_cast<int>(ivs.size()); ++i) {
    if (!(active_mask & (1u << i)) || (c.s.programmes_ever[c.h] & (1u << i))) continue;
    const CompiledIntervention& v = ivs[i];
    if (!in_target(v.target, c.s, c.h, c.step.week)) continue;
    ++c.st.counters[i].targeted_weeks;
    if (!found(c, v, i)) continue;
    ++c.st.counters[i].found;
    // The settlement is part of the reservation, so work it out before settling.
    int64_t upfront = 0;
    if (v.type == InterventionType::debt_restructuring)
      upfront = static_cast<int64_t>(std::llround(static_cast<double>(c.s.debt[c.h]) * 100.0 * v.params.settlement_fraction));
    if (!try_enrol(c, v, i, upfront)) continue;
    if (v.type == InterventionType::debt_restructuring) settle_debts(c, v, i);
    return;
  }
}

// One household's turn: a week of its programme, or the search for one.
void visit_household(const StepContext& ctx, SimState& s, InterventionState& st,
                     const std::vector<CompiledIntervention>& ivs, uint32_t active_mask, uint64_t h, int64_t* totals) {
  const int8_t p = s.programme[h];
  Touch touch;
  Ctx c{ctx, s, st, h, touch};
  if (p != kNoProgramme) {
    if (s.enrol_week[h] < ctx.week) enrolled_week(c, ivs[p], p);
  } else {
    seek(c, ivs, active_mask);
  }
  if (touch.touched) {
    tally_change(*ctx.layout, s, h, touch.old_sev, touch.old_debt, totals);
    refresh_household_cache(*ctx.tables, s, h);
  }
}

// A necessary condition of a target's any_of, for the scan below: some domain at or below
// its level, 16 domains in one SSE2 compare (level[d] = the highest at_or_below the target
// names for d, 0 where it names none: severities are >= 1). Off without any_of, with more
// than 16 domains or without SSE2; then in_target decides alone.
struct SeverityScreen {
  bool on = false;
  alignas(16) uint8_t level[16] = {};
};

SeverityScreen severity_screen(const InterventionTarget& t, int n_domains) {
  SeverityScreen sc;
#if defined(__SSE2__)
  if (t.any_of.empty() || n_domains > 16) return sc;
  sc.on = true;
  for (const auto& c : t.any_of)
    if (c.domain >= 0 && c.domain < n_domains)
      sc.level[c.domain] = std::max(sc.level[c.domain], static_cast<uint8_t>(std::clamp(c.at_or_below, 0, 255)));
#else
  (void)t;
  (void)n_domains;
#endif
  return sc;
}

// False only when no domain of household h is at or below its level (then in_target is
// false too). The bytes past the row (the next household's) meet level 0; the last
// households, whose 16 bytes would read past the array, are left to in_target.
bool may_be_in_target(const SeverityScreen& sc, const SimState& s, uint64_t h) {
#if defined(__SSE2__)
  const auto nd = static_cast<size_t>(s.n_domains);
  if (!sc.on || h * nd + 16 > s.severity.size()) return true;
  const __m128i sev = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.severity_row(h)));
  const __m128i level = _mm_load_si128(reinterpret_cast<const __m128i*>(sc.level));
  return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(sev, level), level)) != 0;
#else
  (void)sc;
  (void)s;
  (void)h;
  return true;
#endif
}

// The households the serial pass must visit among [begin, end): those in a programme, and
// those in the target of an active intervention they were never in. in_target reads only
// the household's own state, which only the household's own turn in the pass changes, so
// this is exactly the set that a pass over everybody would act on.
void households_to_visit(const std::vector<CompiledIntervention>& ivs, const std::vector<SeverityScreen>& screens,
                         uint32_t active_mask, const SimState& s, uint32_t week, uint64_t begin, uint64_t end,
                         std::vector<uint32_t>& out) {
  out.clear();
  for (uint64_t h = begin; h < end; ++h) {
    if (s.programme[h] != kNoProgramme) {
      out.push_back(static_cast<uint32_t>(h));
      continue;
    }
    const uint32_t open = active_mask & ~static_cast<uint32_t>(s.programmes_ever[h]);
    for (uint32_t todo = open; todo != 0; todo &= todo - 1) {
      const int i = __builtin_ctz(todo);
      if (may_be_in_target(screens[i], s, h) && in_target(ivs[i].target, s, h, week)) {
        out.push_back(static_cast<uint32_t>(h));
        break;
      }
    }
  }
}

}  // namespace

void step_interventions(const StepContext& ctx, SimState& s, ChunkRunner& runner, InterventionState& st,
                        int64_t* totals) {
  const auto& ivs = ctx.scenario->interventions;
  st.ledger.begin_week();
  if (ivs.empty()) return;
  uint32_t active_mask = 0;
  for (size_t i = 0; i < ivs.size(); ++i)
    if (ivs[i].active(ctx.week) && enrols_households(ivs[i].type)) active_mask |= 1u << i;
  // Who to visit, chunk by chunk in parallel; then the visits in household order (budgets
  // and capacities are first come, first served).
  std::vector<SeverityScreen> screens;
  for (const auto& v : ivs) screens.push_back(severity_screen(v.target, s.n_domains));
  st.visit.resize(ChunkRunner::chunk_count(s.n_households));
  runner.run(s.n_households, [&](size_t c, uint64_t begin, uint64_t end) {
    households_to_visit(ivs, screens, active_mask, s, ctx.week, begin, end, st.visit[c]);
  });
  for (const auto& list : st.visit)
    for (const uint32_t h : list) visit_household(ctx, s, st, ivs, active_mask, h, totals);
}

}  // namespace wijksim::models
