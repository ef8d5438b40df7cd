// Acceptance: a sweep killed with SIGKILL at any moment and resumed ends with exactly the
// database content (runs and results, wall times left out) of an uninterrupted sweep.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

#include "fake_runs.hpp"
#include "wijksim/experiments/store.hpp"

using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;
namespace fs = std::filesystem;

namespace {
constexpr uint64_t kTotalRuns = 2 * 5 * 4;  // fake_experiment(4): variants x points x replications

pid_t spawn(const std::string& db, const char* mode, int sleep_ms) {
  const std::string sleep = std::to_string(sleep_ms);
  const pid_t pid = fork();
  if (pid == 0) {
    execl(WIJKSIM_FAKE_SWEEP_PATH, WIJKSIM_FAKE_SWEEP_PATH, db.c_str(), mode, sleep.c_str(), "2", nullptr);
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

uint64_t done_runs(const std::string& db) {
  try {
    return ResultStore(db, OpenMode::read).count_runs(true);
  } catch (const StoreError&) {
    return 0;  // not created yet
  }
}
}  // namespace

TEST_CASE("a sweep killed with SIGKILL and resumed equals an uninterrupted sweep", "[store][kill]") {
  const std::string clean = fresh_db("clean.sqlite");
  REQUIRE(wait_exit(spawn(clean, "create", 0)) == 0);
  const std::string expected = ResultStore(clean, OpenMode::read).dump();
  REQUIRE(done_runs(clean) == kTotalRuns);

  // Kill points: at start-up (during creation of the store), after a few runs, half-way,
  // near the end. Runs sleep 15 ms, so kills land between and inside run transactions.
  for (uint64_t kill_after : {0u, 3u, 17u, 34u}) {
    DYNAMIC_SECTION("killed after " << kill_after << " finished runs") {
      const std::string db = fresh_db("killed-" + std::to_string(kill_after) + ".sqlite");
      const pid_t pid = spawn(db, "create", 15);
      if (kill_after == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      } else {
        while (done_runs(db) < kill_after) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      kill(pid, SIGKILL);
      REQUIRE(wait_exit(pid) == -SIGKILL);
      const uint64_t at_kill = done_runs(db);
      INFO("runs finished when killed: " << at_kill);
      CHECK(at_kill >= kill_after);
      CHECK(at_kill < kTotalRuns);  // the kill really interrupted the sweep
      REQUIRE(wait_exit(spawn(db, "resume", 0)) == 0);
      CHECK(ResultStore(db, OpenMode::read).dump() == expected);
    }
  }
}

TEST_CASE("resuming twice after completion changes nothing", "[store][kill]") {
  const std::string db = fresh_db("twice.sqlite");
  REQUIRE(wait_exit(spawn(db, "create", 0)) == 0);
  const std::string first = ResultStore(db, OpenMode::read).dump();
  REQUIRE(wait_exit(spawn(db, "resume", 0)) == 0);
  CHECK(ResultStore(db, OpenMode::read).dump() == first);
  CHECK(wait_exit(spawn(db, "create", 0)) == 1);  // refuses to overwrite
}
