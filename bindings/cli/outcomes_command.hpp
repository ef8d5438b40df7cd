#pragma once
// `wijksim outcomes` (cmd_outcomes.cpp), registered like the others in cli.hpp.
#include "cli.hpp"

namespace wijksim::cli {

Command add_outcomes_command(CLI::App& app);

}  // namespace wijksim::cli
