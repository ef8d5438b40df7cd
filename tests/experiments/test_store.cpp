#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "fake_runs.hpp"
#include "wijksim/experiments/store.hpp"

using namespace wijksim::experiments;
using namespace wijksim::experiments::testing;
namespace fs = std::filesystem;

TEST_CASE("store: creating writes every run as pending with deterministic ids and CRN seeds", "[store]") {
  const auto rec = fake_experiment(3);
  ResultStore store(fresh_db("create.sqlite"), OpenMode::create, &rec);
  const auto runs = store.runs(false);
  REQUIRE(runs.size() == 2 * 5 * 3);
  for (size_t i = 0; i < runs.size(); ++i) {
    CHECK(runs[i].run_id == i);
    // replication-major: replication r of every (variant, point) comes before r + 1
    CHECK(runs[i].run_id == runs[i].replication * (2 * 5) + runs[i].variant * 5 + runs[i].point);
    CHECK(runs[i].seed == 42);  // common random numbers: one seed, replication = r everywhere
  }
  CHECK(store.count_runs(true) == 0);
  const ExperimentRecord back = store.experiment();
  CHECK(back.hash == sha256_hex(rec.resolved_text));
  CHECK(back.variants.size() == 2);
  CHECK(back.variants[1].overrides == rec.variants[1].overrides);
  CHECK(back.design.points == rec.design.points);
  CHECK(back.design.parameters[1].key_path == "providers.credit_bank.capacity");
  CHECK(store.provenance("engine_version") != "");
}

TEST_CASE("store: a recorded run is done and its values are readable", "[store]") {
  const auto rec = fake_experiment(2);
  ResultStore store(fresh_db("record.sqlite"), OpenMode::create, &rec);
  for (const auto& k : store.runs(true)) store.record_run(k, fake_run(k, 5));
  CHECK(store.runs(true).empty());
  CHECK(store.count_runs(true) == 20);
  const auto vals = store.metric_values("total_debt");
  REQUIRE(vals.size() == 20);
  CHECK(vals[7].value == Approx(2.5 * (100.0 * vals[7].key.variant + 10.0 * vals[7].key.point + vals[7].key.replication)));
  const auto at3 = store.metric_values("households", 3u, "noord");
  REQUIRE(at3.size() == 20);
  CHECK(at3[0].value == fake_run(at3[0].key, 5).timeseries[3 * 6 + 3 + 2].value);
  CHECK(store.summary_metrics() == std::vector<std::string>{"multi_problem", "total_debt"});
  CHECK(store.timeseries_metrics().size() == 3);
  CHECK(store.metric_values("no_such_metric").empty());
}

TEST_CASE("store: refuses to overwrite, refuses a changed experiment on resume", "[store]") {
  const std::string path = fresh_db("refuse.sqlite");
  const auto rec = fake_experiment(2);
  { ResultStore store(path, OpenMode::create, &rec); }
  CHECK_THROWS_WITH(ResultStore(path, OpenMode::create, &rec), Catch::Contains("--resume"));
  const auto changed = fake_experiment(2, "variants: {extra: {}}\n");
  CHECK_THROWS_AS(ResultStore(path, OpenMode::resume, &changed), ExperimentMismatch);
  CHECK_THROWS_WITH(ResultStore(path, OpenMode::resume, &changed), Catch::Contains("experiment file changed"));
  CHECK_NOTHROW(ResultStore(path, OpenMode::resume, &rec));
  CHECK_THROWS_WITH(ResultStore(fresh_db("missing.sqlite"), OpenMode::read), Catch::Contains("no such results file"));
}

TEST_CASE("store: resumed and clean stores have identical dumps, wall times are left out", "[store]") {
  const auto rec = fake_experiment(2);
  const std::string clean = fresh_db("clean.sqlite"), split = fresh_db("split.sqlite");
  {
    ResultStore s(clean, OpenMode::create, &rec);
    for (const auto& k : s.runs(true)) s.record_run(k, fake_run(k, 4));
  }
  {
    ResultStore s(split, OpenMode::create, &rec);
    const auto runs = s.runs(true);
    for (size_t i = runs.size(); i-- > runs.size() / 2;) {  // second half, backwards
      auto out = fake_run(runs[i], 4);
      out.wall_seconds = 99.0 + i;
      s.record_run(runs[i], out);
    }
  }
  {
    ResultStore s(split, OpenMode::resume, &rec);
    const auto pending = s.runs(true);
    CHECK(pending.size() == 10);
    for (const auto& k : pending) s.record_run(k, fake_run(k, 4));
  }
  ResultStore a(clean, OpenMode::read), b(split, OpenMode::read);
  CHECK(a.dump() == b.dump());
  CHECK(a.dump(true) != b.dump(true));  // negative control: wall times differ
}

TEST_CASE("store: export writes one CSV per table with a header", "[store]") {
  const auto rec = fake_experiment(1);
  const std::string path = fresh_db("export.sqlite");
  ResultStore s(path, OpenMode::create, &rec);
  for (const auto& k : s.runs(true)) s.record_run(k, fake_run(k, 2));
  const fs::path dir = fs::path(path).parent_path() / "csv";
  s.export_csv(dir.string());
  for (const char* t : {"experiment", "variants", "parameters", "points", "point_values", "runs", "timeseries", "summaries"})
    CHECK(fs::exists(dir / (std::string(t) + ".csv")));
  std::ifstream in(dir / "timeseries.csv");
  std::string header;
  std::getline(in, header);
  CHECK(header == "run_id,week,area,metric,value");
  int rows = 0;
  for (std::string line; std::getline(in, line);) ++rows;
  CHECK(rows == 10 * 3 * 2 * 3);  // runs x weeks 0..2 x areas x metrics
}
