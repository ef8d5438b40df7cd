#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "fake_runs.hpp"
#include "wijksim/experiments/executor.hpp"

using namespace wijksim::experiments;
using namespace wijksim::experiments::testing;
namespace fs = std::filesystem;

TEST_CASE("executor: same rows with 1 and 4 threads", "[executor]") {
  const auto rec = fake_experiment(3);
  std::string dumps[2];
  int i = 0;
  for (int threads : {1, 4}) {
    ResultStore store(fresh_db("t" + std::to_string(threads) + ".sqlite"), OpenMode::create, &rec);
    std::atomic<int> calls{0};
    execute_runs(store, store.runs(true), [&](const RunKey& k, int) { ++calls; return fake_run(k, 6, 1); }, threads);
    CHECK(calls == 30);
    CHECK(store.count_runs(true) == 30);
    dumps[i++] = store.dump();
  }
  CHECK(dumps[0] == dumps[1]);
}

TEST_CASE("executor: a failing run stops the sweep, finished runs stay recorded", "[executor]") {
  const auto rec = fake_experiment(3);
  ResultStore store(fresh_db("fail.sqlite"), OpenMode::create, &rec);
  auto run = [](const RunKey& k, int) {
    if (k.run_id == 5) throw std::runtime_error("boom");
    return fake_run(k, 2);
  };
  CHECK_THROWS_WITH(execute_runs(store, store.runs(true), run, 1), "boom");
  CHECK(store.count_runs(true) == 5);  // runs 0..4 in order on one thread
}

TEST_CASE("executor: threads per run never oversubscribe", "[executor]") {
  CHECK(threads_per_run(8, 100) == 1);
  CHECK(threads_per_run(8, 8) == 1);
  CHECK(threads_per_run(8, 2) == 4);
  CHECK(threads_per_run(8, 3) == 2);
  CHECK(threads_per_run(1, 1) == 1);
}

TEST_CASE("progress line: done/total, runs per minute and ETA", "[executor]") {
  std::ostringstream err;
  Progress p(10, 4, &err);
  p.run_finished();
  const std::string line = p.line();
  CHECK(line.find("5/10 runs") != std::string::npos);
  CHECK(line.find("runs/min") != std::string::npos);
  CHECK(line.find("ETA") != std::string::npos);
  p.finish();
  CHECK(err.str().find('\r') != std::string::npos);
}
