#pragma once
// Shared inline scenarios and helpers for the scenario tests.
#include <catch2/catch.hpp>
#include <string>

#include "wijksim/scenarios/load.hpp"

namespace wijksim::scenarios::test {

// The smallest valid scenario: two domains, one wijk. Line numbers matter to some tests.
inline const std::string kMinimal = R"(name: minimal
domains:
  - name: finances
    worsen: [0, 0.01, 0.01, 0.01, 0.01]
    improve: [0.01, 0.01, 0.01, 0.01, 0]
    initial: [0.1, 0.1, 0.2, 0.3, 0.3]
  - name: mental_health
    worsen: [0, 0.02, 0.02, 0.01, 0.01]
    improve: [0.02, 0.02, 0.01, 0.01, 0]
    initial: [0.05, 0.15, 0.2, 0.3, 0.3]
population:
  wijken:
    - name: a
      households: 100
)";

// The message of the ScenarioError that loading `text` throws ("" if none is thrown).
inline std::string load_error(const std::string& text, const std::vector<Override>& overrides = {}) {
  try {
    load_scenario_text(text, "inline.yaml", overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

inline std::string source_path(const std::string& relative) { return std::string(WIJKSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace wijksim::scenarios::test
