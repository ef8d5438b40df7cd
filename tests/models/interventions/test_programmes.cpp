// Every programme scenario in scenarios/programmes/ loads, validates, compiles and runs on
// the default city size (104 weeks here to keep CI fast; a full 520-week run takes about
// 2 s), and each of its interventions reaches somebody.
#include <catch2/catch.hpp>

#include <filesystem>

#include "wijksim/models/interventions/network.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

TEST_CASE("every programme scenario validates and runs, and its interventions reach households") {
  const std::filesystem::path dir = std::filesystem::path(WIJKSIM_SOURCE_DIR) / "scenarios" / "programmes";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      const auto loaded = scenarios::load_scenario_file(file.string(), {{"weeks", "104"}});
      CHECK(loaded.warnings.empty());
      const auto sc = scenarios::compile(loaded.spec);
      REQUIRE(!sc.interventions.empty());
      CHECK(sc.total_households() == 50000);  // the default city size
      Simulation sim(sc, RunOptions{});
      sim.initialise();
      while (sim.week() < sc.weeks) sim.step();
      for (size_t i = 0; i < sc.interventions.size(); ++i) {
        INFO(sc.interventions[i].name);
        if (models::is_network_intervention(sc.interventions[i].type)) continue;  // enrol nobody
        CHECK(sim.interventions().counters[i].enrolled > 0);
      }
    }
  }
}
