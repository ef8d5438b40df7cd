// refresh_household_caches (household_kernel.hpp): the batched, parallel refresh that the
// services, turnover and initial-care phases use must give every listed household the
// same cache bits as refresh_household_cache one at a time, and leave the others alone.
// The kernel's oracle test cannot see a fault here: the oracle runs the same services
// phase. So the check is direct, on a city after a year of weeks (households in and out
// of care, in debt, with events), for lists that fill no batch exactly.
#include <catch2/catch.hpp>

#include <vector>

#include "channels.hpp"
#include "household_kernel.hpp"
#include "model.hpp"
#include "run_state.hpp"
#include "step.hpp"
#include "wijksim/bench.hpp"
#include "wijksim/scenarios/load.hpp"

using namespace wijksim;

namespace {

struct Cache {
  std::vector<uint32_t> threshold;
  std::vector<uint8_t> flags, societal;
  bool operator==(const Cache&) const = default;
};

Cache cache_of(const SimState& s) { return {s.quiet_threshold, s.flags, s.societal}; }

// Overwrites the listed households' caches with values no refresh gives (threshold 0 is
// "always busy"; the debt-grows flag flipped; every societal bit set).
void spoil(SimState& s, const std::vector<uint32_t>& list) {
  for (const uint32_t h : list) {
    s.quiet_threshold[h] = 0;
    s.flags[h] ^= kFlagDebtGrows;
    s.societal[h] = 0xFF;
  }
}

}  // namespace

TEST_CASE("refresh_household_caches gives the bits of refresh_household_cache for 1 and 2 threads",
          "[kernel][refresh]") {
  const CompiledScenario sc = scale_households(scenarios::compile(scenarios::load_default_scenario().spec), 6000);
  const models::Model model = models::Model::compile(sc);
  models::RunState run;
  ChunkRunner runner(2);
  models::initialise(model, run, runner, sc.seed, 0);
  for (int w = 0; w < 52; ++w) models::step(model, run, runner, models::step_households);
  const SimState& state = run.households;
  const Cache before = cache_of(state);  // the caches are up to date between weeks
  const models::ModelTables& t = model.tables();

  // Every third household and a few stragglers: 2,001 of 6,000, increasing, in and out of
  // care; neither a multiple of the batch (16) nor of a task's share.
  std::vector<uint32_t> list;
  for (uint32_t h = 1; h < state.n_households; h += 3) list.push_back(h);
  list.push_back(static_cast<uint32_t>(state.n_households - 1));
  uint64_t in_care = 0;
  for (const uint32_t h : list) in_care += state.care_status[h] != 0;
  CHECK(in_care > 50);  // the care classes are exercised

  SimState one = state;
  spoil(one, list);
  for (const uint32_t h : list) models::refresh_household_cache(t, one, h);
  CHECK(cache_of(one) == before);  // the one-at-a-time definition restores the caches

  for (const int threads : {1, 2}) {
    INFO(threads << " threads");
    SimState batched = state;
    spoil(batched, list);
    ChunkRunner r(threads);
    models::refresh_household_caches(r, t, batched, list);
    CHECK(cache_of(batched) == before);
  }

  // Negative control: a list that misses one spoiled household leaves it spoiled.
  SimState missed = state;
  spoil(missed, list);
  const std::vector<uint32_t> shorter(list.begin(), list.end() - 1);
  models::refresh_household_caches(runner, t, missed, shorter);
  CHECK_FALSE(cache_of(missed) == before);
}
