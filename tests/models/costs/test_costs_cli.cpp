// `wijksim run --no-baseline`: the costs comparison's baseline run is skipped and
// summary.json says so, while everything the variant itself wrote stays byte-identical
// to a run with the comparison (the baseline never touches the variant's outputs).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_harness.hpp"

using namespace wijksim::test;

TEST_CASE("wijksim run --no-baseline skips the baseline, summary.json says so, the variant's files are unchanged",
          "[costs][cli]") {
  ScratchDir scratch("no-baseline");
  const std::string scenario = source_path("scenarios/programmes/leiden-debt-to-no-debt.yaml").string();
  const std::vector<std::string> common{"run", scenario, "--weeks", "52", "--set", "population.wijken[0].households=800"};
  auto with = common;
  with.insert(with.end(), {"--out", "with"});
  auto without = common;
  without.insert(without.end(), {"--out", "without", "--no-baseline"});
  const CliResult a = run_cli(with, scratch.path());
  const CliResult b = run_cli(without, scratch.path());
  INFO(a.err << b.err);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  const auto sa = nlohmann::json::parse(read_file(scratch.path() / "with" / "summary.json"));
  const auto sb = nlohmann::json::parse(read_file(scratch.path() / "without" / "summary.json"));
  CHECK(sa["costs"]["vs_baseline"].is_object());
  CHECK(sa["costs"]["vs_baseline"].contains("municipality"));
  CHECK_FALSE(sa["costs"].contains("vs_baseline_skipped"));
  CHECK(sb["costs"]["vs_baseline"].is_null());
  CHECK_THAT(sb["costs"]["vs_baseline_skipped"].get<std::string>(), Catch::Contains("--no-baseline"));
  CHECK(sa["costs"]["per_financier"] == sb["costs"]["per_financier"]);
  CHECK(sa["costs"]["interventions"] == sb["costs"]["interventions"]);
  CHECK(read_file(scratch.path() / "with" / "timeseries.csv") == read_file(scratch.path() / "without" / "timeseries.csv"));
}
