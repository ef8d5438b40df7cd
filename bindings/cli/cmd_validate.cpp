// `wijksim validate FILE...`: report every issue of every file; exit 2 if any has errors.
#include <iostream>

#include "cli.hpp"

namespace wijksim::cli {

namespace {

// Returns true when the file loads and compiles (warnings allowed).
bool validate_one(const std::string& path) {
  try {
    const scenarios::LoadedScenario loaded = load_input(path, {}, std::cout);
    const CompiledScenario compiled = scenarios::compile(loaded.spec);
    std::cout << path << ": ok (" << compiled.total_households() << " households, " << compiled.n_domains
              << " domains, " << loaded.warnings.size() << " warning(s))\n";
    return true;
  } catch (const scenarios::ScenarioError& e) {
    print_issues(std::cout, e.issues());
    std::cout << path << ": " << e.issues().size() << " error(s)\n";
  } catch (const UsageError& e) {
    std::cout << e.what() << "\n";
  }
  return false;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check scenario files without running them: prints every error and warning with "
                  "file:line:column and key path. Exit 2 if any file has errors; warnings alone exit 0.");
  sub->add_option("scenarios", *files, "Scenario YAML files")->required();
  return {sub, [files] {
            bool all_ok = true;
            for (const auto& path : *files) all_ok = validate_one(path) && all_ok;
            return all_ok ? kExitOk : kExitBadInput;
          }};
}

}  // namespace wijksim::cli
