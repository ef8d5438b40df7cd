#pragma once
// `wijksim report` (cmd_report.cpp), registered like the others in cli.hpp.
#include "cli.hpp"

namespace wijksim::cli {

Command add_report_command(CLI::App& app);

}  // namespace wijksim::cli
