// Phase "services" for a run (services.hpp).
#include "services.hpp"

#include <algorithm>
#include <stdexcept>

#include "channels.hpp"
#include "household_kernel.hpp"
#include "model.hpp"
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
  v.wijk = s.wijk.data();
  v.care_avoidance = s.care_avoidance.data();
  return v;
}

pv::CareArrays care_arrays(SimState& s) {
  return {s.n_households, s.care_status.data(), s.care_provider.data(), s.case_manager.data()};
}

void init_care(const NetworkEpoch& first, SimState& s, CareRun& care) {
  std::fill(s.care_status.begin(), s.care_status.end(), static_cast<uint8_t>(pv::CareStatus::not_in_care));
  std::fill(s.care_provider.begin(), s.care_provider.end(), int16_t{-1});
  std::fill(s.case_manager.begin(), s.case_manager.end(), int16_t{-1});
  const auto& net = first.network;
  care.enabled = net.enabled();
  pv::init_provider_state(net, care.ps);
  if (!care.enabled) return;
  care.ps.capacity = first.capacity;  // capacity_share resolved for this city (Model::compile)
  care.chunk_requests.assign(ChunkRunner::chunk_count(s.n_households), {});
}

void place_initial_care(const StepContext& ctx, SimState& s, ChunkRunner& runner, CareRun& care) {
  if (!care.enabled) return;
  runner.execute(
      [&] { pv::place_initial_care(*ctx.network, care.ps, care_arrays(s), household_view(s), {ctx.key, ctx.replication}); });
  care.changed.clear();
  for (auto& list : care.ps.changed) {
    care.changed.insert(care.changed.end(), list.begin(), list.end());  // each household once: one provider
    list.clear();
  }
  refresh_household_caches(runner, *ctx.tables, s, care.changed);
}

void submit_help_requests(const StepContext& ctx, SimState& s, CareRun& care) {
  if (!care.enabled) return;
  // Chunks hold consecutive households: concatenating in chunk order gives household order.
  care.requests.clear();
  for (auto& list : care.chunk_requests) {
    care.requests.insert(care.requests.end(), list.begin(), list.end());
    list.clear();
  }
  care.wijk_requests.assign(static_cast<size_t>(ctx.tables->n_wijken), 0);
  for (const pv::Request& r : care.requests) ++care.wijk_requests[s.wijk[r.household]];
  pv::submit_requests(*ctx.network, care.ps, care_arrays(s), household_view(s), care.requests, ctx.week);
}

void run_services(const StepContext& ctx, SimState& s, ChunkRunner& runner, CareRun& care) {
  if (!care.enabled) return;
  const auto& net = *ctx.network;
  const pv::HouseholdView view = household_view(s);
  const pv::CareArrays arrays = care_arrays(s);
  runner.execute([&] { pv::step_providers(net, care.ps, arrays, view, {ctx.key, ctx.replication}, ctx.week); });
  // The cache is a function of the household's state only, so neither order nor repeats
  // matter: each changed household once (no two threads write one household's cache), in
  // parallel. On households-ref, where ~1% of households enter a queue each week, this
  // refresh run serially was a tenth of the run's time.
  care.changed.clear();
  for (auto& list : care.ps.changed) {
    care.changed.insert(care.changed.end(), list.begin(), list.end());
    list.clear();
  }
  std::sort(care.changed.begin(), care.changed.end());
  care.changed.erase(std::unique(care.changed.begin(), care.changed.end()), care.changed.end());
  refresh_household_caches(runner, *ctx.tables, s, care.changed);
}

void fill_care_metrics(const CareRun& care, uint64_t n_households, WeekMetrics& out) {
  out.care = pv::care_status_from_sets(care.ps, n_households);
  out.financier_cents = care.enabled ? care.ps.financier_week_cents : std::vector<int64_t>{};
  out.all.help_requests = 0;
  for (size_t w = 0; w < out.wijk.size(); ++w) {
    out.wijk[w].help_requests = w < care.wijk_requests.size() ? care.wijk_requests[w] : 0;
    out.all.help_requests += out.wijk[w].help_requests;
  }
}

void validate_care(const pv::CompiledProviderNetwork& net, const SimState& s, const CareRun& care, uint32_t week) {
  if (!care.enabled) return;
  const pv::CareArraysView arrays(s.n_households, s.care_status.data(), s.care_provider.data(), s.case_manager.data());
  std::string failed = pv::check_provider_invariants(net, care.ps, arrays);
  const auto from_sets = pv::care_status_from_sets(care.ps, s.n_households);
  if (failed.empty() && from_sets != pv::count_care_status(arrays))
    failed = "care status counts from the provider sets differ from the per-household arrays";
  if (!failed.empty())
    throw std::logic_error("WIJKSIM_VALIDATE: week " + std::to_string(week) + ": providers: " + failed);
}

}  // namespace wijksim::models
