// `wijksim bench`: placeholder until the engine's bench function lands (helper B).
#include "cli.hpp"

namespace wijksim::cli {
Command add_bench_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("bench", "Measure household-steps per second (not yet available)");
  return {sub, [] { throw UsageError("bench: not implemented yet"); return kExitBadInput; }};
}
}  // namespace wijksim::cli
