#pragma once
// Internal: the calibration file's own sections (name, scenario, replications, algorithm,
// parameters, targets), read with the scenario reader layer; load_calibration_file
// (wijksim/scenarios/calibration.hpp) then checks them against the base scenario. Here so
// tests/fuzz can fuzz the parse alone.
#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/calibration.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {

void parse_calibration(ParseContext& ctx, const YAML::Node& root, CalibrationSpec& spec);

}  // namespace wijksim::scenarios::detail
