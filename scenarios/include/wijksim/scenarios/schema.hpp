#pragma once
// The scenario schema as data: one entry per key of a scenario file, built from the key
// lists in keys.hpp (the one place a key is declared). docs/scenario-keys.md is
// key_reference_markdown() written to a file (tests/scenarios/test_schema.cpp fails when
// they differ; `wijksim_key_reference docs/scenario-keys.md` rewrites it).
#include <string>
#include <vector>

namespace wijksim::scenarios {

struct KeyDoc {
  std::string path;           // key path, lists as [i]: population.wijken[w].households
  std::string type;           // value type and allowed range: "probability", "integer 1..5"
  std::string default_value;  // as written in scenario.resolved.yaml; "(required)" when required
  std::string unit;           // "/week", "euros/month", ... ; "" = none
  std::string description;    // one line
  std::string source;         // DOMAIN-FIGURES section, or "assumed"; "" = definitional
  bool required = false;
};

// Every key, in file order (sections in the order of scenario.resolved.yaml, then the
// numeric parameters of each intervention type).
std::vector<KeyDoc> scenario_keys();

// The key reference (Markdown), generated from scenario_keys().
std::string key_reference_markdown();

}  // namespace wijksim::scenarios
