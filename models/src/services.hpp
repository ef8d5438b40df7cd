#pragma once
// Phase "services": the provider network's week for a run (queues, admissions, service
// ends, referrals; engine/include/wijksim/providers/service.hpp does the work), plus the
// per-run state it needs. Work is proportional to households that asked for help or are
// waiting / served / travelling, never to all households: requests arrive in per-chunk
// lists from the slow path (help_seeking.hpp), and only households whose care status
// changed get their cached channels refreshed.
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/metrics.hpp"
#include "wijksim/parallel.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

struct ModelTables;
struct NetworkEpoch;
struct StepContext;

// Per-run state of the provider network. Helper F's interventions hook in through
// `ps.capacity` (capacity in force, per provider) and the counters of `ps`.
struct CareRun {
  bool enabled = false;                                    // the scenario has providers
  providers::ProviderState ps;
  std::vector<std::vector<providers::Request>> chunk_requests;  // per household chunk
  std::vector<providers::Request> requests;                // this week's, household order
  std::vector<uint32_t> changed;                           // this week's status changes, sorted, once each
  std::vector<uint64_t> wijk_requests;                     // this week's requests per wijk

  // Household h asks provider p this week (help-seeking or an event's refers_to). Written
  // from the household kernel: each chunk's list has one writer, and concatenating the
  // chunks in order gives household order.
  void push_request(uint64_t h, int p) {
    chunk_requests[h / kChunkHouseholds].push_back({static_cast<uint32_t>(h), static_cast<int32_t>(p)});
  }
};

// Household view / care arrays of SimState for the provider machinery.
providers::HouseholdView household_view(const SimState& s);
providers::CareArrays care_arrays(SimState& s);

// Once per run, before the population's caches: empty care state (everybody not in care),
// capacities of the first network epoch (capacity_share resolved for this city).
void init_care(const NetworkEpoch& first, SimState& s, CareRun& care);

// Week 0, after the population: the care the city already has (providers' initial_in_service,
// initial_waiting; providers::place_initial_care), the placed households' caches refreshed.
void place_initial_care(const StepContext& ctx, SimState& s, ChunkRunner& runner, CareRun& care);

// Phase [help-seeking]: the requests the household kernel recorded per chunk (households
// whose help-seeking channel fired, help_seeking.hpp) go, in household order, to the
// entry providers' queues. No-op without providers.
void submit_help_requests(const StepContext& ctx, SimState& s, CareRun& care);

// Phase [services]: the providers step (admissions, service ends, dropouts, referrals);
// households whose care status changed get their cached channels refreshed.
void run_services(const StepContext& ctx, SimState& s, ChunkRunner& runner, CareRun& care);

// Care figures of the week into `out` (city-wide care status counts from the provider
// sets, cost per financier; help requests per wijk and city).
void fill_care_metrics(const CareRun& care, uint64_t n_households, WeekMetrics& out);

// WIJKSIM_VALIDATE: care status counts sum to the households, the provider sets agree
// with the per-household arrays, nobody above capacity. Throws std::logic_error.
void validate_care(const providers::CompiledProviderNetwork& net, const SimState& s, const CareRun& care, uint32_t week);

}  // namespace wijksim::models
