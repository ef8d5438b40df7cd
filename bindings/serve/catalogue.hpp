#pragma once
// What the page offers: the shipped scenarios (the scenarios folder's *.yaml, programmes/
// and reference/) and, per scenario, the variants a strategist can tick. The variants are
// derived from the scenario's own data, never listed per file: each intervention off, each
// provider's capacity x1.5 (and all of them together), help-seeking x1.5, informal
// networks x1.2. Each variant is an override of the scenario the run actually uses (after
// the page's horizon and household count), so "x1.5" is of the capacity in force there.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "wijksim/scenarios/spec.hpp"

namespace wijksim::serve {

struct Lever {
  std::string name;       // the variant's name in the experiment, e.g. "wijkteam-oost capacity x1.5"
  std::string label;      // what the page shows next to the tick box
  std::string overrides;  // the variant as a YAML flow mapping, e.g. {"providers[3].fte": 7.5}
};
// Every variant the scenario allows, in a fixed order (interventions, providers, city-wide).
std::vector<Lever> levers_of(const scenarios::ScenarioSpec& spec);

struct ScenarioEntry {
  std::string id;           // path under the scenarios folder without .yaml: "default", "programmes/zwolle-light-cases"
  std::filesystem::path file;
  scenarios::ScenarioSpec spec;  // as loaded (defaults filled)
  uint64_t households = 0;       // all wijken together
  std::vector<Lever> levers;     // levers_of(spec)
};

class Catalogue {
 public:
  // Loads every scenario file found; one that does not load is left out and its first
  // problem added to warnings(). Throws std::runtime_error when the folder has none.
  explicit Catalogue(const std::filesystem::path& scenarios_dir);
  const std::vector<ScenarioEntry>& entries() const { return entries_; }
  const ScenarioEntry* find(const std::string& id) const;  // nullptr when unknown
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<ScenarioEntry> entries_;
  std::vector<std::string> warnings_;
};

// The scenarios folder of the source tree this binary was built from.
std::filesystem::path default_scenarios_dir();

// YAML double-quoted scalar of `text` (names in keys and labels may hold any character).
std::string yaml_quoted(const std::string& text);

}  // namespace wijksim::serve
