// `mpirun -n 2 wijksim sweep EXP --mpi` (only built with WIJKSIM_MPI): the merged store
// equals a single-process sweep's, and no rank store is left behind.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "fake_runs.hpp"
#include "wijksim/experiments/store.hpp"

using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;

TEST_CASE("mpirun -n 2 wijksim sweep --mpi equals one sweep", "[cli][experiments][mpi]") {
  const std::string example = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/experiments/example.yaml";
  const std::string single = fresh_db("mpi-single.sqlite"), merged = fresh_db("mpi-merged.sqlite");
  const std::string log = fresh_db("mpi-log.txt");
  const auto run = [&](const std::string& command) {
    const int status = std::system((command + " >" + log + " 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  REQUIRE(run(std::string(WIJKSIM_CLI_PATH) + " sweep " + example + " --quiet --out " + single) == 0);
  // --oversubscribe: CI has 2 cores shared; --allow-run-as-root: CI containers run as root.
  const std::string mpirun = std::string(WIJKSIM_MPIEXEC) + " -n 2 --oversubscribe --allow-run-as-root ";
  const int rc = run(mpirun + WIJKSIM_CLI_PATH + " sweep " + example + " --mpi --out " + merged);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  INFO(text.str());
  REQUIRE(rc == 0);
  CHECK(text.str().find("2 MPI ranks, merged: 18 of 18 runs done") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(merged + ".rank-0-of-2"));
  CHECK_FALSE(std::filesystem::exists(merged + ".rank-1-of-2"));
  // Git hash aside (the same binary wrote both), every row is equal.
  CHECK(ResultStore(merged, OpenMode::read).dump() == ResultStore(single, OpenMode::read).dump());
  // The output exists now: every rank stops (exit 2), no rank store is made, nothing is overwritten.
  CHECK(run(mpirun + WIJKSIM_CLI_PATH + " sweep " + example + " --mpi --out " + merged) != 0);
  CHECK_FALSE(std::filesystem::exists(merged + ".rank-1-of-2"));
  CHECK(ResultStore(merged, OpenMode::read).dump() == ResultStore(single, OpenMode::read).dump());
}

TEST_CASE("mpirun -n 2 wijksim sweep --mpi under a stopping rule equals one sweep", "[cli][experiments][mpi][stopping]") {
  const std::string exp = fresh_db("mpi-rule.yaml"), log = fresh_db("mpi-rule-log.txt");
  const std::string single = fresh_db("mpi-rule-single.sqlite"), merged = fresh_db("mpi-rule-merged.sqlite");
  // A target the first batches miss and max stops short of only if the rule misbehaves.
  std::ofstream(exp) << "seed: 11\nreplications: {min: 3, max: 12, batch: 3, until: [{compare: strong, outcome: "
                        "multi_problem.mean, half_width: 0.6}]}\nscenario: "
                     << WIJKSIM_SOURCE_DIR
                     << "/scenarios/reference/tiny.yaml\nvariants:\n  baseline: {}\n  strong: "
                        "{dynamics.network_improvement: 1.5}\noutputs: {metrics: [multi_problem], every: 52}\n";
  const auto run = [&](const std::string& command) {
    const int status = std::system((command + " >" + log + " 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  REQUIRE(run(std::string(WIJKSIM_CLI_PATH) + " sweep " + exp + " --quiet --out " + single) == 0);
  const uint32_t needed = ResultStore(single, OpenMode::read).experiment().replications;
  CHECK(needed > 3);  // the rule added at least one batch
  const std::string mpirun = std::string(WIJKSIM_MPIEXEC) + " -n 2 --oversubscribe --allow-run-as-root ";
  const int rc = run(mpirun + WIJKSIM_CLI_PATH + " sweep " + exp + " --mpi --out " + merged);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  INFO(text.str());
  REQUIRE(rc == 0);
  CHECK_FALSE(std::filesystem::exists(merged + ".judging"));
  CHECK_FALSE(std::filesystem::exists(merged + ".rank-0-of-2"));
  CHECK(ResultStore(merged, OpenMode::read).dump() == ResultStore(single, OpenMode::read).dump());
}
