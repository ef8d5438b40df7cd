// Shards and merging: a sweep split by run_id % N into N stores, merged, equals the
// single-process sweep (dump without wall times); merging refuses mixed experiments and
// overlapping shards; a partial merge stays resumable.
#include <catch2/catch.hpp>

#include <filesystem>

#include "fake_runs.hpp"
#include "wijksim/experiments/store.hpp"

using namespace wijksim::experiments;
using namespace wijksim::experiments::testing;

namespace {
// Runs every pending run of a store with the fake (key-dependent) run function; wall
// times differ per store on purpose so the comparison must ignore them.
void finish(ResultStore& store, double wall) {
  for (const auto& k : store.runs(true)) {
    RunOutput out = fake_run(k, 6);
    out.wall_seconds = wall + static_cast<double>(k.run_id);
    store.record_run(k, out);
  }
}

std::string shard_store(const ExperimentRecord& base, Shard shard, const std::string& name) {
  ExperimentRecord rec = base;
  rec.shard = shard;
  const std::string path = fresh_db(name);
  ResultStore store(path, OpenMode::create, &rec);
  finish(store, 1000.0 * (shard.index + 1));
  return path;
}
}  // namespace

TEST_CASE("parse_shard reads K/N and rejects everything else", "[merge]") {
  CHECK(parse_shard("0/1") == Shard{0, 1});
  CHECK(parse_shard("2/3") == Shard{2, 3});
  for (const char* bad : {"3/3", "1/0", "-1/2", "1", "a/b", "1/2/3", "", "/2", " 1/2"})
    CHECK_THROWS_WITH(parse_shard(bad), Catch::Contains("expected K/N with 0 <= K < N"));
}

TEST_CASE("a shard store holds exactly the runs with run_id % N == K", "[merge]") {
  const auto rec = fake_experiment(3);  // 2 variants x 5 points x 3 replications = 30 runs
  uint64_t total = 0;
  for (uint32_t k = 0; k < 4; ++k) {
    ExperimentRecord r = rec;
    r.shard = {k, 4};
    ResultStore store(fresh_db("holds" + std::to_string(k) + ".sqlite"), OpenMode::create, &r);
    for (const auto& key : store.runs(false)) CHECK(key.run_id % 4 == k);
    total += store.count_runs(false);
    CHECK(store.provenance("shard") == std::to_string(k) + "/4");
    CHECK(store.provenance("hash") == sha256_hex(rec.resolved_text));  // the shard is not hashed
    CHECK(store.experiment().shard == Shard{k, 4});
  }
  CHECK(total == 30);  // 8 + 8 + 7 + 7: every run in exactly one shard
}

TEST_CASE("3 shards merged equal the single-process store (wall times aside)", "[merge]") {
  const auto rec = fake_experiment(3);
  const std::string single = fresh_db("single.sqlite");
  {
    ResultStore store(single, OpenMode::create, &rec);
    finish(store, 0);
  }
  std::vector<std::string> shards;
  for (uint32_t k = 0; k < 3; ++k) shards.push_back(shard_store(rec, {k, 3}, "s" + std::to_string(k) + ".sqlite"));
  // Merge order does not matter: the rows are keyed by run id.
  const std::string merged = fresh_db("merged.sqlite");
  const MergeSummary m = merge_stores(merged, {shards[2], shards[0], shards[1]});
  CHECK(m.runs_total == 30);
  CHECK(m.runs_done == 30);
  const std::string expected = ResultStore(single, OpenMode::read).dump();
  CHECK(ResultStore(merged, OpenMode::read).dump() == expected);
  // Negative control: the dumps do see a difference in wall times when asked.
  CHECK(ResultStore(merged, OpenMode::read).dump(true) != ResultStore(single, OpenMode::read).dump(true));
  CHECK(ResultStore(merged, OpenMode::read).provenance("shard").empty());
}

TEST_CASE("merge refuses mixed experiments, overlapping shards, missing files and an existing output", "[merge]") {
  const auto rec = fake_experiment(2);
  const std::string s0 = shard_store(rec, {0, 2}, "m0.sqlite");
  const std::string s1 = shard_store(rec, {1, 2}, "m1.sqlite");
  const std::string other = shard_store(fake_experiment(2, "variants: {x: {}}\n"), {1, 2}, "other.sqlite");
  const std::string out = fresh_db("m-out.sqlite");
  CHECK_THROWS_AS(merge_stores(out, {s0, other}), ExperimentMismatch);
  CHECK_THROWS_WITH(merge_stores(out, {s0, other}), Catch::Contains("different experiment"));
  CHECK_FALSE(std::filesystem::exists(out));  // a failed merge leaves no half-written file
  CHECK_THROWS_WITH(merge_stores(out, {s0, s1, s0}), Catch::Contains("already finished in another shard"));
  const std::string third = shard_store(rec, {0, 3}, "m-third.sqlite");  // overlaps shard 0/2 at run 0
  CHECK_THROWS_WITH(merge_stores(out, {s0, third}), Catch::Contains("run 0 is already finished"));
  CHECK_THROWS_WITH(merge_stores(out, {s0, fresh_db("nope.sqlite")}), Catch::Contains("no such results file"));
  CHECK_THROWS_WITH(merge_stores(out, {}), Catch::Contains("no shard stores"));
  CHECK_FALSE(std::filesystem::exists(out));
  merge_stores(out, {s0, s1});
  CHECK_THROWS_WITH(merge_stores(out, {s0, s1}), Catch::Contains("already exists"));
}

TEST_CASE("a merge with a shard missing keeps its runs pending, resuming the merged store completes it", "[merge]") {
  const auto rec = fake_experiment(2);
  const std::string single = fresh_db("p-single.sqlite");
  {
    ResultStore store(single, OpenMode::create, &rec);
    finish(store, 0);
  }
  const std::string s0 = shard_store(rec, {0, 3}, "p0.sqlite");
  const std::string s2 = shard_store(rec, {2, 3}, "p2.sqlite");
  const std::string merged = fresh_db("p-merged.sqlite");
  const MergeSummary m = merge_stores(merged, {s0, s2});
  CHECK(m.runs_total == 20);
  CHECK(m.runs_done == 20 - 7);  // shard 1/3 (missing) holds run ids 1, 4, ..., 19: 7 runs
  {
    ResultStore store(merged, OpenMode::resume, &rec);
    for (const auto& k : store.runs(true)) CHECK(k.run_id % 3 == 1);
    finish(store, 5);
  }
  CHECK(ResultStore(merged, OpenMode::read).dump() == ResultStore(single, OpenMode::read).dump());
}

TEST_CASE("resuming a shard store with another shard (or none) is refused", "[merge]") {
  const auto rec = fake_experiment(2);
  ExperimentRecord r = rec;
  r.shard = {1, 3};
  const std::string path = fresh_db("r-shard.sqlite");
  { ResultStore store(path, OpenMode::create, &r); }
  CHECK_NOTHROW(ResultStore(path, OpenMode::resume, &r));
  CHECK_THROWS_WITH(ResultStore(path, OpenMode::resume, &rec), Catch::Contains("resume it with --shard 1/3"));
  ExperimentRecord other = rec;
  other.shard = {2, 3};
  CHECK_THROWS_WITH(ResultStore(path, OpenMode::resume, &other), Catch::Contains("holds shard 1/3"));
}
