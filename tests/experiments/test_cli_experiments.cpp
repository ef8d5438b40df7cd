// Black-box: the experiment commands through the built `wijksim` binary (exit codes, files).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "fake_runs.hpp"

using wijksim::experiments::testing::fresh_db;

namespace {
int wijksim_cli(const std::string& args, const std::string& log) {
  const int status = std::system((std::string(WIJKSIM_CLI_PATH) + " " + args + " >" + log + " 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("wijksim sweep/compare/export/sensitivity: exit codes and outputs", "[cli][experiments]") {
  const std::string tiny = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/tiny.yaml";
  const std::string exp = fresh_db("exp.yaml"), db = fresh_db("exp.sqlite"), log = fresh_db("log.txt");
  std::ofstream(exp) << "seed: 3\nreplications: 4\nscenario: " << tiny
                     << "\nvariants:\n  baseline: {}\n  strong: {dynamics.network_improvement: 1.5}\n"
                        "sweep:\n  design: sobol\n  samples: 4\n  parameters:\n    debt.weekly_arrears: {range: [10, 60]}\n"
                        "outputs: {every: 26}\n";
  REQUIRE(wijksim_cli("sweep " + exp + " --out " + db + " --threads 2", log) == 0);
  CHECK(wijksim_cli("compare " + db + " --baseline baseline --metric multi_problem.mean --csv " + db + ".csv", log) == 0);
  CHECK(slurp(log).find("strong") != std::string::npos);
  // n = sobol points N * (d + 2) = 4 * 3, times 4 replications
  CHECK(slurp(db + ".csv").find("strong,baseline,multi_problem.mean,48,") != std::string::npos);
  CHECK(wijksim_cli("sensitivity " + db + " --metric total_debt --bootstrap 50", log) == 0);
  CHECK(slurp(log).find("debt.weekly_arrears") != std::string::npos);
  CHECK(wijksim_cli("export " + db + " --csv " + db + "-csv", log) == 0);
  CHECK(std::filesystem::exists(db + "-csv/summaries.csv"));
  // Existing results without --resume, and a changed experiment with --resume: exit 2.
  CHECK(wijksim_cli("sweep " + exp + " --out " + db, log) == 2);
  CHECK(wijksim_cli("sweep " + exp + " --out " + db + " --resume", log) == 0);
  std::ofstream(exp, std::ios::app) << "name: changed\n";
  CHECK(wijksim_cli("sweep " + exp + " --out " + db + " --resume", log) == 2);
  CHECK(slurp(log).find("experiment file changed") != std::string::npos);
  CHECK(wijksim_cli("compare " + db + " --baseline nope", log) == 2);
}

TEST_CASE("wijksim sweep: a bad experiment file exits 2 with file:line and key path", "[cli][experiments]") {
  const std::string exp = fresh_db("bad.yaml"), log = fresh_db("bad.txt");
  std::ofstream(exp) << "scenario: " << WIJKSIM_SOURCE_DIR << "/scenarios/reference/tiny.yaml\nvariants:\n"
                     << "  more: {debt.weekly_arrears: -5}\n";
  CHECK(wijksim_cli("sweep " + exp, log) == 2);
  CHECK(slurp(log).find(exp + ":3:") != std::string::npos);
  CHECK(slurp(log).find("variants.more -> debt.weekly_arrears") != std::string::npos);
}

namespace {
// Every table of a results store as CSV text, with the runs table's wall_seconds column
// (the last, the only non-deterministic one) cut off.
std::string exported(const std::string& db, const std::string& log) {
  const std::string dir = db + "-csv";
  std::filesystem::remove_all(dir);
  REQUIRE(wijksim_cli("export " + db + " --csv " + dir, log) == 0);
  std::string all;
  for (const char* table : {"experiment", "variants", "parameters", "points", "point_values", "runs", "timeseries",
                            "summaries"}) {
    std::istringstream rows(slurp(dir + "/" + table + ".csv"));
    all += std::string("## ") + table + "\n";
    for (std::string line; std::getline(rows, line);)
      all += (std::string(table) == "runs" ? line.substr(0, line.rfind(',')) : line) + "\n";
  }
  return all;
}
}  // namespace

TEST_CASE("wijksim sweep --shard K/N x 3 + wijksim merge == one sweep (the example experiment)", "[cli][experiments]") {
  const std::string example = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/experiments/example.yaml";
  const std::string single = fresh_db("ex-single.sqlite"), merged = fresh_db("ex-merged.sqlite");
  const std::string log = fresh_db("ex-log.txt");
  REQUIRE(wijksim_cli("sweep " + example + " --out " + single + " --threads 2", log) == 0);
  CHECK(slurp(log).find("18 run(s) done") != std::string::npos);  // 3 variants x 3 points x 2 replications
  std::string shards, shard0;
  for (int k = 0; k < 3; ++k) {
    const std::string shard = fresh_db("ex-shard" + std::to_string(k) + ".sqlite");
    REQUIRE(wijksim_cli("sweep " + example + " --shard " + std::to_string(k) + "/3 --out " + shard, log) == 0);
    CHECK(slurp(log).find("6 run(s) done") != std::string::npos);
    shards += " " + shard;
    if (k == 0) shard0 = shard;
  }
  REQUIRE(wijksim_cli("merge " + merged + shards, log) == 0);
  CHECK(slurp(log).find("18 of 18 runs done") != std::string::npos);
  const std::string expected = exported(single, log);
  CHECK(expected.find("bigger_wijkteam") != std::string::npos);
  CHECK(exported(merged, log) == expected);
  // Bad uses: exit 2 with a message.
  CHECK(wijksim_cli("merge " + fresh_db("ex-dup.sqlite") + shards + shards, log) == 2);
  CHECK(slurp(log).find("already finished in another shard") != std::string::npos);
  CHECK(wijksim_cli("merge " + merged + shards, log) == 2);  // output exists
  CHECK(wijksim_cli("sweep " + example + " --shard 3/3 --out " + fresh_db("ex-bad.sqlite"), log) == 2);
  CHECK(slurp(log).find("expected K/N with 0 <= K < N") != std::string::npos);
  CHECK(wijksim_cli("sweep " + example + " --out " + shard0 + " --resume --shard 1/3", log) == 2);
  CHECK(slurp(log).find("holds shard 0/3") != std::string::npos);
  CHECK(wijksim_cli("sweep " + example + " --out " + shard0 + " --resume --shard 0/3", log) == 0);
}
