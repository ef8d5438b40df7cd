#pragma once
// Loading a scenario: YAML text -> ScenarioSpec (defaults filled) -> validate -> compile.
// Every problem found is reported at once as a ScenarioError holding one ScenarioIssue
// per problem: file, line and column (1-based), key path (`dynamics.coupling[3][5]`),
// what was expected and what was found. Library code never exits; bindings map
// ScenarioError to exit code 2.
#include <stdexcept>
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/scenarios/spec.hpp"

namespace wijksim::scenarios {

struct ScenarioIssue {
  std::string file;       // path as given, "<embedded default>" or "<--set>"
  int line = 0;           // 1-based; 0 when unknown
  int column = 0;         // 1-based; 0 when unknown
  std::string key_path;   // e.g. population.wijken[2].households; "" for the whole file
  std::string expected;   // e.g. "a probability in [0, 1]"
  std::string got;        // e.g. "1.7"
  bool warning = false;   // warnings do not stop a run
  std::string to_string() const;  // "file:line:column: key_path: expected X, got Y"
};

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<ScenarioIssue> issues);
  const std::vector<ScenarioIssue>& issues() const { return issues_; }
 private:
  std::vector<ScenarioIssue> issues_;
};

// A `--set key.path=value` override, applied to the YAML tree before parsing, so a bad
// key or value is reported like any other (file "<--set>").
struct Override {
  std::string key_path;   // dotted path with [i] indices: population.wijken[0].households
  std::string value;      // YAML scalar or flow text: 0.3, [1, 2], {a: 1}
};
Override parse_override(const std::string& text);  // "a.b=1"; throws ScenarioError

struct LoadedScenario {
  ScenarioSpec spec;
  std::vector<ScenarioIssue> warnings;
};

// Throws ScenarioError (all issues at once). `display_name` is used in messages.
LoadedScenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});
LoadedScenario load_scenario_text(const std::string& yaml_text, const std::string& display_name,
                                  const std::vector<Override>& overrides = {});
// The default city, embedded in the binary at build time (identical to scenarios/default.yaml).
const std::string& embedded_default_scenario();
LoadedScenario load_default_scenario(const std::vector<Override>& overrides = {});

// Spec -> flat engine structure. Assumes a validated spec.
CompiledScenario compile(const ScenarioSpec& spec);
// Spec -> YAML with every default filled in; loading it gives the same spec again.
std::string emit_resolved_yaml(const ScenarioSpec& spec);

}  // namespace wijksim::scenarios
