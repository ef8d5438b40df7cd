#pragma once
// The experiment commands (helpers D, D2): sweep, compare, export, sensitivity, merge. Each registers
// its subcommand like the others in cli.hpp; store errors (a results file that exists, a
// changed experiment on --resume, an unknown variant or metric) are bad input: exit 2.
#include "cli.hpp"

namespace wijksim::cli {

Command add_sweep_command(CLI::App& app);
Command add_compare_command(CLI::App& app);
Command add_export_command(CLI::App& app);
Command add_sensitivity_command(CLI::App& app);
Command add_merge_command(CLI::App& app);

// Runs `body`, mapping experiments::StoreError to a message on stderr and exit 2.
int run_store_command(const std::function<int()>& body);

}  // namespace wijksim::cli
