#pragma once
// Scenarios built directly in C++ for tests and benchmarks, independent of the YAML
// loader. They mirror scenarios/reference/households-ref.yaml and a default-like city;
// when the loader is available, tests may load the YAML files as well.
#include <cstdint>

#include "wijksim/compiled_scenario.hpp"

namespace wijksim::models {

// households-ref: 10 domains, no coupling, events or debt; worsen 0.01 at severities
// 2..5, improve 0.005 at 1..4; one wijk; initial severity {.02,.05,.13,.30,.50}.
CompiledScenario households_ref_scenario(uint64_t households, uint64_t seed = 1);

// A default-like city: the 13 ZRM domains with coupling (finances -> mental health ->
// work ...), four life events, debt growth, four wijken of different make-up.
CompiledScenario default_like_scenario(uint64_t households, uint64_t seed = 1);

}  // namespace wijksim::models
