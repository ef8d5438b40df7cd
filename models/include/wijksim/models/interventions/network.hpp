#pragma once
// Interventions that change the provider network rather than households: capacity_change,
// pooled_budget (ontschotting) and case_manager_continuity. Their mechanism is a pure
// function of the base network and the week: the network in force in week w is the base
// network with every network intervention active in w applied, in scenario order.
// Mechanisms: models/src/interventions/network_changes.cpp. They act on everybody the
// providers serve: the loader refuses a `target:` with conditions on them (a target would
// otherwise be ignored silently; the services phase has no per-household switch).
#include <cstdint>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/interventions.hpp"
#include "wijksim/providers/network.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

bool is_network_intervention(InterventionType t);

// True when a network intervention starts or stops acting in `week` (the network then
// has to be rebuilt); week 1 counts as a change when one is active from the start.
bool network_changes_in(const std::vector<CompiledIntervention>& interventions, uint32_t week);

// The network in force in `week`. Derived members are recomputed (finalise_network).
providers::CompiledProviderNetwork network_for_week(const providers::CompiledProviderNetwork& base,
                                                    const std::vector<CompiledIntervention>& interventions,
                                                    uint32_t week, int n_wijken, int n_domains);

// Capacities of week `week`: `resolved` (the run's capacities, capacity_share applied)
// with every active capacity_change applied.
std::vector<int32_t> capacities_for_week(const std::vector<int32_t>& resolved,
                                         const std::vector<CompiledIntervention>& interventions, uint32_t week);

struct InterventionState;
struct CareRun;
struct ModelTables;
// The run-time hook (Simulation::step, before the week's phases): when a network
// intervention starts or stops in `week`, `scenario.network` becomes the network in force
// (pathway loss and continuity, provider dropout and financier) and the provider state's
// capacities are recomputed. A scenario without network interventions is never touched.
// Returns true when it rebuilt the network (then call refresh_service_effects).
bool apply_network_interventions(InterventionState& st, CompiledScenario& scenario, CareRun& care, uint32_t week);

// pooled_budget's generalist effects during a run: service effects are compiled into the
// model tables (CareTables) and folded into each household's cached quiet threshold, so
// after the network in force changed, the tables' service effects are rebuilt from it
// and the caches of households in service at a generalist whose pooled_budget started
// or stopped this week are refreshed, serially in household order (deterministic; a few
// weeks per run). Other providers' effects never change through an intervention.
void refresh_service_effects(const CompiledScenario& scenario, ModelTables& tables, SimState& s, uint32_t week);

}  // namespace wijksim::models
