// `wijksim calibrate` / `wijksim validation` through the built binary: every bad
// calibration file exits 2 with file:line, the key path and what was expected; a good one
// writes calibrated.yaml, fit.md and fit.csv (and validation its table).
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "cli_harness.hpp"

namespace fs = std::filesystem;
using namespace wijksim::test;

namespace {

const std::string kHeader = "scenario: " + source_path("scenarios/reference/tiny.yaml").string() + "\n";

// A valid calibration file (line 1 = scenario) with `replace` substituted for `find`.
std::string calibration(const std::string& find = "", const std::string& replace = "") {
  std::string text = kHeader + R"(replications: 2
parameters:
  life_events.job_loss.weekly_rate: {range: [0.0002, 0.002]}
  domains.mental_health.worsen[2]: {range: [0.001, 0.006]}
targets:
  - name: job losses per week
    outcome: events.job_loss
    weeks: [1, 52]
    value: 0.15
    se: 0.05
    source: test
  - name: mental-health problems (%)
    outcome: problems.mental_health
    per: households
    scale: 100
    year: 1
    band: [10, 20]
    source: test
)";
  if (!find.empty()) {
    const size_t at = text.find(find);
    REQUIRE(at != std::string::npos);
    text.replace(at, find.size(), replace);
  }
  return text;
}

CliResult calibrate(const ScratchDir& dir, const std::string& text) {
  std::ofstream(dir.path() / "cal.yaml") << text;
  return run_cli({"calibrate", "cal.yaml", "--out", "out", "--max-evals", "6"}, dir.path());
}

}  // namespace

TEST_CASE("calibrate: bad calibration files exit 2 naming file, line and key path") {
  struct Case {
    const char* what;
    std::string find, replace;
    int line;                 // where the problem was written
    std::string key_path;     // in the message
    std::string expected;     // part of what the message says
  };
  const std::vector<Case> cases = {
      {"unknown top-level key", "replications: 2", "replicatons: 2", 2, "replicatons", "did you mean 'replications'"},
      {"unknown target key", "    source: test\n  - name: mental", "    sorce: test\n  - name: mental", 12, "targets[0].sorce",
       "did you mean 'source'"},
      {"unknown outcome", "outcome: events.job_loss", "outcome: events.job_lost", 8, "targets[0].outcome",
       "events.job_loss"},
      {"unknown parameter path (list name)", "life_events.job_loss.weekly_rate", "life_events.job_los.weekly_rate", 4,
       "parameters.life_events.job_los.weekly_rate", "job_loss"},
      {"unknown parameter path (key)", "domains.mental_health.worsen[2]", "domains.mental_health.wosren[2]", 5,
       "parameters.domains.mental_health.wosren[2]", "unknown key 'wosren'"},
      {"empty range", "{range: [0.0002, 0.002]}", "{range: [0.002, 0.002]}", 4,
       "parameters.life_events.job_loss.weekly_rate.range", "lo < hi"},
      {"lo > hi", "{range: [0.0002, 0.002]}", "{range: [0.003, 0.002]}", 4,
       "parameters.life_events.job_loss.weekly_rate.range", "lo <= hi"},
      {"missing se", "    se: 0.05\n", "", 7, "targets[0]", "value: with se:"},
      {"missing se and band", "    band: [10, 20]\n", "", 13, "targets[1]", "or band: [lo, hi]"},
      {"band lo >= hi", "band: [10, 20]", "band: [20, 10]", 18, "targets[1].band", "lo < hi"},
      {"a value the schema refuses at a range end", "{range: [0.0002, 0.002]}", "{range: [0.0002, 2]}", 4,
       "parameters.life_events.job_loss.weekly_rate", "probability"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      ScratchDir dir("calibrate-errors");
      const CliResult r = calibrate(dir, calibration(c.find, c.replace));
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("cal.yaml:" + std::to_string(c.line) + ":") != std::string::npos);
      CHECK(r.err.find(c.key_path) != std::string::npos);
      CHECK(r.err.find(c.expected) != std::string::npos);
      CHECK_FALSE(fs::exists(dir.path() / "out"));  // nothing written
    }
  }
}

TEST_CASE("calibrate writes calibrated.yaml, fit.md and fit.csv, and validation its table") {
  ScratchDir dir("calibrate-ok");
  const CliResult r = calibrate(dir, calibration());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Progress on stderr: one line per evaluation with the parameters and the objective.
  CHECK(std::regex_search(r.err, std::regex("calibrate: evaluation 1: life_events.job_loss.weekly_rate=[0-9.e-]+ "
                                            "domains.mental_health.worsen\\[2\\]=[0-9.e-]+  objective [0-9.e+-]+")));
  const std::string yaml = read_file(dir.path() / "out/calibrated.yaml");
  CHECK(yaml.find("extends: ") != std::string::npos);
  const std::string csv = read_file(dir.path() / "out/fit.csv");
  CHECK(csv.rfind("target,outcome,when,source,value,se,band_lo,band_hi,simulated,z\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  CHECK(read_file(dir.path() / "out/fit.md").find("| job losses per week |") != std::string::npos);
  // The calibrated scenario is a valid scenario.
  CHECK(run_cli({"validate", "out/calibrated.yaml"}, dir.path()).exit_code == 0);

  const CliResult v = run_cli({"validation", "cal.yaml", "--scenario", "out/calibrated.yaml", "--years", "1",
                               "--replications", "2", "--out-md", "validation.md"},
                              dir.path());
  INFO(v.err);
  REQUIRE(v.exit_code == 0);
  const std::string md = read_file(dir.path() / "validation.md");
  CHECK(md.find("Generated by `wijksim validation cal.yaml --scenario out/calibrated.yaml --years 1") != std::string::npos);
  CHECK(md.find("| mental-health problems (%) |") != std::string::npos);

  // A year the scenario does not reach (tiny runs 52 weeks) is bad input, not an internal error.
  const CliResult late = run_cli({"validation", "cal.yaml", "--years", "1,10"}, dir.path());
  CHECK(late.exit_code == 2);
  CHECK(late.err.find("weeks") != std::string::npos);
}
