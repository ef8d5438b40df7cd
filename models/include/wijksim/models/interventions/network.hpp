#pragma once
// Interventions that change the provider network rather than households: capacity_change,
// pooled_budget (ontschotting) and case_manager_continuity. Their mechanism is a pure
// function of the base network and the week: the network in force in week w is the base
// network with every network intervention active in w applied, in scenario order.
// Mechanisms: models/src/interventions/network_changes.cpp. The whole schedule of networks
// in force is built once, before a run, as the model's network epochs (models/src/model.hpp). They act on everybody the
// providers serve: the loader refuses a `target:` with conditions on them (a target would
// otherwise be ignored silently; the services phase has no per-household switch).
#include <cstdint>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/interventions.hpp"
#include "wijksim/providers/network.hpp"

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

}  // namespace wijksim::models
