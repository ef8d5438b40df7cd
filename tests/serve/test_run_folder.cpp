// The run folder: the scaled city, and an experiment file that the sweep's loader accepts
// with exactly the variants ticked.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "serve/catalogue.hpp"
#include "serve/run_folder.hpp"
#include "wijksim/scenarios/experiment.hpp"

using namespace wijksim::serve;
namespace fs = std::filesystem;

namespace {
const Catalogue& shipped() {
  static const Catalogue c(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios");
  return c;
}
}  // namespace

TEST_CASE("scaling the city: exact total, each wijk within one of its share, providers by the same factor") {
  const ScenarioEntry& d = *shipped().find("default");
  for (const uint64_t target : {1000ULL, 1234ULL, 10ULL, 77777ULL}) {
    INFO(target);
    RunRequest r{"default", {}, 1, 52, target};
    const auto spec = run_scenario(d, r);
    CHECK(spec.weeks == 52);
    uint64_t total = 0;
    for (size_t i = 0; i < spec.population.wijken.size(); ++i) {
      const double exact = static_cast<double>(d.spec.population.wijken[i].households) * static_cast<double>(target) /
                           static_cast<double>(d.households);
      const auto got = spec.population.wijken[i].households;
      CHECK(got >= 1);
      CHECK(std::abs(static_cast<double>(got) - exact) < 1.0 + 1e-9);
      total += static_cast<uint64_t>(got);
    }
    CHECK(total == target);
    const double factor = static_cast<double>(target) / static_cast<double>(d.households);
    for (size_t k = 0; k < spec.network.providers.size(); ++k) {
      const auto& before = d.spec.network.providers[k];
      const auto& after = spec.network.providers[k];
      CHECK(after.capacity_share == before.capacity_share);
      const double clients = before.capacity >= 0 ? static_cast<double>(before.capacity)
                             : before.fte > 0     ? std::floor(before.fte * before.caseload)
                                                  : 0;
      if (clients > 0) CHECK(after.capacity == std::max(1LL, std::llround(clients * factor)));
      else CHECK(after.capacity == before.capacity);
    }
  }
  RunRequest as_is{"default", {}, 1, 104, 0};
  const auto spec = run_scenario(d, as_is);
  CHECK(spec.population == d.spec.population);
  CHECK(spec.network == d.spec.network);
  CHECK(spec.weeks == 104);
  RunRequest too_few{"default", {}, 1, 52, 9};  // 10 wijken
  CHECK_THROWS_AS(run_scenario(d, too_few), FormError);
}

TEST_CASE("the experiment file loads with the baseline and the ticked variants, x1.5 of the scaled capacity") {
  const fs::path results = fs::temp_directory_path() / ("wijksim-serve-runs-" + std::to_string(::getpid()));
  fs::remove_all(results);
  fs::create_directories(results);
  const ScenarioEntry& d = *shipped().find("default");
  const RunRequest r{"default", {"wijkteam-oost capacity x1.5", "help-seeking x1.5"}, 3, 26, 2000};
  const fs::path a = create_run(results, d, r);
  const fs::path b = create_run(results, d, r);  // the same second: numbered
  CHECK(a != b);
  const auto e = wijksim::scenarios::load_experiment_file((a / kExperimentFile).string());
  REQUIRE(e.record.variants.size() == 3);
  CHECK(e.record.variants[0].name == "baseline");
  CHECK(e.record.variants[1].name == "wijkteam-oost capacity x1.5");
  CHECK(e.record.variants[2].name == "help-seeking x1.5");
  CHECK(e.record.replications == 3);
  REQUIRE(e.scenarios.size() == 3);
  CHECK(e.scenarios[0].weeks == 26);
  CHECK(e.scenarios[0].total_households() == 2000);
  // wijkteam-oost: 5 FTE x 30 = 150 clients at 50,000 households -> 6 at 2,000; x1.5 -> 9.
  const auto& base = e.scenarios[0].network.providers[2];
  const auto& more = e.scenarios[1].network.providers[2];
  CHECK(base.name == "wijkteam-oost");
  CHECK(base.capacity == 6);
  CHECK(more.capacity == 9);
  CHECK(e.scenarios[2].network.providers[2].capacity == 6);

  const auto runs = list_runs(results);  // newest first
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == b.filename().string());
  CHECK(runs[1].id == a.filename().string());
  CHECK(runs[0].status == "running");
  CHECK(runs[0].households == 2000);
  CHECK(runs[0].variants == std::vector<std::string>{"baseline", "wijkteam-oost capacity x1.5", "help-seeking x1.5"});
  set_status(a, "done", "9 run(s) done");
  CHECK(read_run(results, a.filename().string())->status == "done");
  CHECK_FALSE(read_run(results, "../" + a.filename().string()));
  fs::remove_all(results);
}
