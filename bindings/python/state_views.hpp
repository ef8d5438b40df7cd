#pragma once
// Zero-copy numpy views of SimState's arrays, generated from the state registry.
#include "module.hpp"
#include "wijksim/state.hpp"

namespace wijksim::python {

// {name: read-only numpy array} for every array of WIJKSIM_STATE_ARRAYS, in registry
// order. `owner` (the Python Simulation) becomes each array's base, so the memory stays
// valid while any view is alive.
py::dict state_views(const SimState& state, py::handle owner);

}  // namespace wijksim::python
