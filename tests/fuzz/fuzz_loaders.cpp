// libFuzzer target for the YAML loaders: every input is read as a scenario (tree limits,
// extends, parse, validate, and compile when it validates) and as an experiment file's
// own sections (tree limits, parse, size limits) and as a calibration file's own sections. A crash, a sanitizer report, a leak, a
// timeout or an exception other than ScenarioError is a finding. Built and run by
// .ci/run (tests/fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "calibration_parse.hpp"
#include "experiment_parse.hpp"
#include "wijksim/scenarios/load.hpp"
#include "yaml_tree.hpp"

namespace {

void load_as_scenario(const std::string& text) {
  try {
    const wijksim::scenarios::LoadedScenario loaded = wijksim::scenarios::load_scenario_text(text, "fuzz.yaml");
    // Compiling is cheap only for small populations (it sizes per-wijk tables).
    uint64_t households = 0;
    for (const auto& w : loaded.spec.population.wijken) households += static_cast<uint64_t>(w.households);
    if (households <= 100000) (void)wijksim::scenarios::compile(loaded.spec);
  } catch (const wijksim::scenarios::ScenarioError&) {
  }
}

// Parses text as a file of the reader layer (tree limits, source map) and hands the root
// and its ParseContext to `parse`: one file's own sections.
template <class Parse>
void parse_own_sections(const std::string& text, const char* name, Parse parse) {
  using namespace wijksim::scenarios;
  std::vector<ScenarioIssue> issues;
  const YAML::Node root = detail::parse_yaml_text(text, name, issues);
  if (!root.IsDefined()) return;
  detail::OriginMap origins;
  detail::record_origin(root, "", name, origins);
  const SourceMap where = detail::build_source_map(root, origins, name, issues);
  detail::ParseContext ctx(where, issues);
  parse(ctx, root);
}

void load_as_experiment(const std::string& text) {
  parse_own_sections(text, "fuzz-experiment.yaml", [](auto& ctx, const YAML::Node& root) {
    (void)wijksim::scenarios::detail::parse_experiment(ctx, root);
  });
}

void load_as_calibration(const std::string& text) {
  parse_own_sections(text, "fuzz-calibration.yaml", [](auto& ctx, const YAML::Node& root) {
    wijksim::scenarios::CalibrationSpec spec;
    wijksim::scenarios::detail::parse_calibration(ctx, root, spec);
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  load_as_scenario(text);
  load_as_experiment(text);
  load_as_calibration(text);
  return 0;
}
