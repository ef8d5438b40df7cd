// `wijksim outcomes [SCENARIO] [--markdown]`: the outcome dictionary (wijksim/output/
// outcomes.hpp) for a scenario — every name an experiment can record, with unit, level,
// stock or flow and description. --markdown prints docs/outputs.md instead (the generic
// dictionary, which the docs are generated from).
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "outcomes_command.hpp"
#include "wijksim/output/outcomes.hpp"

namespace wijksim::cli {

namespace {
struct OutcomesArgs {
  std::string scenario;  // "" = embedded default city
  bool markdown = false;
};
}  // namespace

Command add_outcomes_command(CLI::App& app) {
  auto a = std::make_shared<OutcomesArgs>();
  CLI::App* sub = app.add_subcommand(
      "outcomes", "List every outcome a run of SCENARIO produces (name, unit, level, stock/flow, description): the "
                  "names experiments record and `compare` reads. Without SCENARIO: the embedded default city.");
  add_scenario_argument(*sub, a->scenario);
  sub->add_flag("--markdown", a->markdown, "Print the generic dictionary as Markdown (docs/outputs.md)");
  return {sub, [a] {
            if (a->markdown) {
              std::cout << output::outcomes_markdown();
              return kExitOk;
            }
            const scenarios::LoadedScenario loaded = load_input(a->scenario, {}, std::cerr);
            std::cout << output::outcomes_table(scenarios::compile(loaded.spec));
            return kExitOk;
          }};
}

}  // namespace wijksim::cli
