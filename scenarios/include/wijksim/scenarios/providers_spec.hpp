#pragma once
// ProvidersSpec: the editable form of the `providers:`, `pathways:` and `help_seeking:`
// sections, one-to-one with the YAML, defaults filled in. compile_providers() resolves
// names to indices and produces the engine's CompiledProviderNetwork; validation of the
// network (cycles, coverage, reachability) runs on the compiled form and is mapped back
// to these key paths (validate_providers()).
//
// ScenarioSpec holds one as `network`; parse_scenario, validate, compile and emit call
// the functions of scenarios/src/parse_providers.hpp (one line each).
#include <map>
#include <string>
#include <vector>

#include "wijksim/scenarios/keys.hpp"

namespace wijksim::scenarios {

struct ProviderSpec {
  WIJKSIM_PROVIDER_KEYS(WIJKSIM_SPEC_FIELD)  // keys.hpp
  bool operator==(const ProviderSpec&) const = default;
};

struct PathwaySpec {
  WIJKSIM_PATHWAY_KEYS(WIJKSIM_SPEC_FIELD)
  bool operator==(const PathwaySpec&) const = default;
};

struct HelpSeekingSpec {
  WIJKSIM_HELP_SEEKING_KEYS(WIJKSIM_SPEC_FIELD)
  bool operator==(const HelpSeekingSpec&) const = default;
};

struct ProvidersSpec {
  std::vector<ProviderSpec> providers;
  std::vector<PathwaySpec> pathways;
  HelpSeekingSpec help_seeking;
  bool operator==(const ProvidersSpec&) const = default;
};

}  // namespace wijksim::scenarios
