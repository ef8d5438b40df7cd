#pragma once
// `wijksim calibrate` and `wijksim validation` (cmd_calibrate.cpp), registered like the
// others in cli.hpp.
#include "cli.hpp"

namespace wijksim::cli {

Command add_calibrate_command(CLI::App& app);
Command add_validation_command(CLI::App& app);

}  // namespace wijksim::cli
