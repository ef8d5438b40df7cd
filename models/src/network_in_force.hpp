#pragma once
// Phase [network in force]: at the first week of a network epoch (model.hpp) the run
// switches to it: capacities in force, and the cached channels of households in service
// at a provider whose service effects differ between the two epochs.
#include "model.hpp"
#include "run_state.hpp"

namespace wijksim::models {

void enter_network_epoch(const Model& model, RunState& run);

}  // namespace wijksim::models
