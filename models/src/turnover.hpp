#pragma once
// The open population (issue 14): households leave the city (a life event with
// `leaves_city: true`: they move out, or their last member dies) and a newcomer household
// moves into the vacated dwelling at once. The dwelling stock (the slots and their wijk) is
// fixed, so the number of households is exactly constant; the number of persons stays
// about constant when the events that add persons balance those that remove them.
//
// Why a newcomer at once, in the same slot: the household arrays stay dense and in wijk
// order (the gate loop, the chunks and the tallies rely on both), and nothing needs a free
// list. Rejected: growing and compacting the arrays (every index in provider queues and
// programme arrays would move).
//
// Two parts:
//  - in the household kernel (any chunk, in parallel): move_out_and_in replaces the slot's
//    household by a newcomer drawn by the population generator (draw_household) from its
//    own stream, Purpose::newcomer keyed by (slot, week, replication), counts the
//    departure and the arrival in the chunk's tallies, and lists the slot;
//  - phase [moving in] (settle_turnover, serial, in household order): gives each newcomer
//    the next household id (ids are never reused), takes the departed household out of the
//    provider network (counted as moved_out there) and out of its programme, clears the
//    slot's care and programme arrays, then refreshes the slots' caches (on the run's
//    threads: each a function of its own slot). Ids and programmes serial and in household
//    order, the provider lists in one pass each, so all are the same for any thread count.
// A household that leaves does nothing else that week: the first fired leaves_city event
// (scenario order) is counted, the week's other events, dynamics, help-seeking and debt
// growth are not applied. So a variant gets the same newcomers as the baseline as long as
// the same slots leave in the same weeks, and a leaves_city event with rate 0 draws nothing.
#include <cstdint>
#include <vector>

#include "channel_types.hpp"
#include "step_context.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

struct CareRun;
struct InterventionState;

// The run's turnover bookkeeping (RunState::turnover).
struct Turnover {
  std::vector<std::vector<uint32_t>> chunk;  // per household chunk: slots whose household left this week
  std::vector<uint32_t> week;                // this week's, in household order (settle_turnover)
  uint64_t next_id = 0;                      // id of the next newcomer
};

// Sized for the run; the week-0 households have ids 0..n-1 (draw_households).
void init_turnover(uint64_t n_households, Turnover& tv);

// The first fired event (scenario order) that makes the household leave, or -1.
inline int leaving_event(const CompiledScenario& sc, int n_events, const Outcomes& out) {
  for (int e = 0; e < n_events; ++e)
    if (out.o[e] != 0 && sc.events[e].leaves_city) return e;
  return -1;
}

// Household h leaves through event `event` and a newcomer moves into slot h: counts the
// event, the departure and the arrival (households and persons) in the wijk row of `tally`,
// draws the newcomer's attributes, and lists h in ctx.turnover. The stocks are the
// caller's: it moves the household's contribution (tally_household before and after).
void move_out_and_in(const StepContext& ctx, SimState& s, uint64_t h, int event, int64_t* tally);

// Phase [moving in], after the household phase: ids, provider network, programmes, caches.
void settle_turnover(const StepContext& ctx, SimState& s, ChunkRunner& runner, Turnover& tv, CareRun& care,
                     InterventionState& st);

}  // namespace wijksim::models
