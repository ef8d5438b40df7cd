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
