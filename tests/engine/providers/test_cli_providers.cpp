// The provider outputs through the built `wijksim` binary (black box, helper C's
// harness): providers.csv byte-identical for 1, 2 and 8 threads, and an unreachable
// provider being a warning (exit 0) rather than an error.
#include <catch2/catch.hpp>

#include <fstream>

#include "../../cli/cli_harness.hpp"

using namespace wijksim::test;

TEST_CASE("providers.csv and timeseries.csv are byte-identical for 1, 2 and 8 threads", "[providers][cli][determinism]") {
  ScratchDir scratch("providers-threads");
  std::string providers[3], timeseries[3];
  const char* threads[3] = {"1", "2", "8"};
  for (int i = 0; i < 3; ++i) {
    const std::string out = std::string("out") + threads[i];
    const CliResult r = run_cli({"run", source_path("scenarios/default.yaml").string(), "--weeks", "104",
                                 "--threads", threads[i], "--out", out},
                                scratch.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    providers[i] = read_file(scratch.path() / out / "providers.csv");
    timeseries[i] = read_file(scratch.path() / out / "timeseries.csv");
    REQUIRE(read_file(scratch.path() / out / "summary.json").find("\"financier_cost\"") != std::string::npos);
  }
  // 104 weeks x 20 providers (10 wijkteams + 10 city-wide) + header: not trivially empty.
  CHECK(std::count(providers[0].begin(), providers[0].end(), '\n') == 1 + 104 * 20);
  CHECK(providers[1] == providers[0]);
  CHECK(providers[2] == providers[0]);
  CHECK(timeseries[1] == timeseries[0]);
  CHECK(timeseries[2] == timeseries[0]);
}

TEST_CASE("a provider nobody can reach is a warning: validate exits 0 and names it", "[providers][cli][validate]") {
  ScratchDir scratch("providers-unreachable");
  const auto file = scratch.path() / "unreachable.yaml";
  std::ofstream(file) << R"(name: m
domains:
  - name: finances
    worsen: [0, 0.01, 0.01, 0.01, 0.01]
    improve: [0.01, 0.01, 0.01, 0.01, 0]
    initial: [0.1, 0.1, 0.2, 0.3, 0.3]
population:
  wijken:
    - name: noord
      households: 100
providers:
  - {name: wt, type: wijkteam, capacity: 10}
  - {name: island, type: ggz, capacity: 5}
)";
  const CliResult r = run_cli({"validate", file.string()}, scratch.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out + r.err, Catch::Contains("providers[1]: provider 'island' cannot be reached"));
}
