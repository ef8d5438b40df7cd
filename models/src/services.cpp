// Phase "services" for a run (services.hpp).
#include "services.hpp"

#include <algorithm>
#include <stdexcept>

#include "channels.hpp"
#include "step_context.hpp"

namespace wijksim::models {

namespace pv = wijksim::providers;

pv::HouseholdView household_view(const SimState& s) {
  pv::HouseholdView v;
  v.severity = s.severity.data();
  v.n_domains = s.n_domains;
  v.age0 = s.age0.data();
  v.adults = s.adults.data();
  v.children = s.children.data();
  return v;
}

pv::CareArrays care_arrays(SimState& s) {
  return {s.n_households, s.care_status.data(), s.care_provider.data(), s.case_manager.data()};
}

void init_care(const CompiledScenario& scenario, SimState& s, CareRun& care) {
  std::fill(s.care_status.begin(), s.care_status.end(), static_cast<uint8_t>(pv::CareStatus::not_in_care));
  std::fill(s.care_provider.begin(), s.care_provider.end(), int16_t{-1});
  std::fill(s.case_manager.begin(), s.case_manager.end(), int16_t{-1});
  const auto& net = scenario.network;
  care.enabled = net.enabled();
  pv::init_provider_state(net, care.ps);
  if (!care.enabled) return;
  std::vector<uint64_t> wijk_households;
  for (const auto& w : scenario.wijken) wijk_households.push_back(w.households);
  care.ps.capacity = pv::resolve_capacities(net, wijk_households);
  care.chunk_requests.assign(ChunkRunner::chunk_count(s.n_households), {});
}

void run_services(const StepContext& ctx, SimState& s, ChunkRunner& runner, CareRun& care) {
  if (!care.enabled) return;
  const auto& net = ctx.scenario->network;
  // Chunks hold consecutive households: concatenating in chunk order gives household order.
  care.requests.clear();
  for (auto& list : care.chunk_requests) {
    care.requests.insert(care.requests.end(), list.begin(), list.end());
    list.clear();
  }
  const pv::HouseholdView view = household_view(s);
  const pv::CareArrays arrays = care_arrays(s);
  pv::submit_requests(net, care.ps, arrays, view, care.requests, ctx.week);
  runner.execute([&] { pv::step_providers(net, care.ps, arrays, view, {ctx.key, ctx.replication}, ctx.week); });
  // Refresh in provider order; a household listed twice gets the same cache twice (the
  // cache is a function of its state only), so order and repeats do not matter.
  for (auto& list : care.ps.changed) {
    for (const uint32_t h : list) refresh_household_cache(*ctx.tables, s, h);
    list.clear();
  }
}

void fill_care_metrics(const CareRun& care, uint64_t n_households, WeekMetrics& out) {
  out.care = pv::care_status_from_sets(care.ps, n_households);
  out.financier_cents = care.enabled ? care.ps.financier_week_cents : std::vector<int64_t>{};
}

void validate_care(const CompiledScenario& scenario, const SimState& s, const CareRun& care, uint32_t week) {
  if (!care.enabled) return;
  const pv::CareArrays arrays = care_arrays(const_cast<SimState&>(s));  // read only
  std::string failed = pv::check_provider_invariants(scenario.network, care.ps, arrays);
  const auto from_sets = pv::care_status_from_sets(care.ps, s.n_households);
  if (failed.empty() && from_sets != pv::count_care_status(arrays))
    failed = "care status counts from the provider sets differ from the per-household arrays";
  if (!failed.empty())
    throw std::logic_error("WIJKSIM_VALIDATE: week " + std::to_string(week) + ": providers: " + failed);
}

}  // namespace wijksim::models
