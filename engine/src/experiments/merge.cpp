// Shards: parsing "K/N", copying a shard store's finished runs into another store, and
// merging shard stores into one (what `wijksim merge` and `wijksim sweep --mpi` call).
//
// Design note: shards are plain result stores holding a subset of the runs (run_id % N ==
// K), not a protocol between processes: any scheduler that can start N processes (a Slurm
// job array, mpirun, a shell loop) can run a sweep, and a lost shard is rerun on its own
// with --resume. Merging copies rows keyed by deterministic run ids, so the merged store
// equals a single-process sweep whatever the shards' order (wall times aside).
#include <algorithm>
#include <filesystem>

#include "sqlite_util.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

using detail::exec;
using detail::Statement;

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash != std::string::npos && digits(text.substr(0, slash)) && digits(text.substr(slash + 1))) {
    const Shard shard{static_cast<uint32_t>(std::stoul(text.substr(0, slash))),
                      static_cast<uint32_t>(std::stoul(text.substr(slash + 1)))};
    if (shard.count >= 1 && shard.index < shard.count) return shard;
  }
  throw StoreError("--shard: expected K/N with 0 <= K < N (e.g. 0/4, or $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT "
                   "for an array --array=0-(N-1)), got '" + text + "'");
}

uint64_t ResultStore::absorb(const std::string& shard_path) {
  std::lock_guard lock(mutex_);
  // ATTACH would create a missing file: check first. Opening it for reading also checks
  // its integrity (a damaged shard is refused, not merged).
  std::error_code ec;
  if (!std::filesystem::is_regular_file(shard_path, ec)) throw StoreError(shard_path + ": no such results file");
  { const ResultStore checked(shard_path, OpenMode::read); }
  Statement(db_, "ATTACH DATABASE ? AS shard").bind(1, shard_path).run();
  struct Detach {
    sqlite3* db;
    ~Detach() { sqlite3_exec(db, "DETACH DATABASE shard", nullptr, nullptr, nullptr); }
  } detach{db_};
  {
    Statement t(db_, "SELECT count(*) FROM shard.sqlite_master WHERE type='table' AND name='experiment'");
    t.step();
    if (t.integer(0) == 0) throw StoreError(shard_path + ": not a wijksim results store (no experiment table)");
  }
  Statement hashes(db_, "SELECT m.value, s.value FROM main.experiment m, shard.experiment s "
                        "WHERE m.key = 'hash' AND s.key = 'hash'");
  if (!hashes.step() || hashes.text(0) != hashes.text(1))
    throw ExperimentMismatch(shard_path + " holds results of a different experiment than " + path_ +
                             " (hash " + hashes.text(1).substr(0, 12) + " vs " +
                             hashes.text(0).substr(0, 12) + "): only shards of one experiment can be merged");
  Statement dup(db_, "SELECT s.run_id FROM shard.runs s JOIN main.runs m USING (run_id) "
                     "WHERE s.status = 'done' AND m.status = 'done' ORDER BY s.run_id LIMIT 1");
  if (dup.step())
    throw StoreError(shard_path + ": run " + std::to_string(dup.integer(0)) +
                     " is already finished in another shard: shards of one sweep never overlap (the same shard "
                     "given twice, or shards of different --shard counts?)");
  Statement unknown(db_, "SELECT count(*) FROM shard.runs WHERE run_id NOT IN (SELECT run_id FROM main.runs)");
  unknown.step();
  if (unknown.integer(0) > 0) throw StoreError(shard_path + ": holds runs this experiment does not have");

  constexpr const char* kDone = "(SELECT run_id FROM shard.runs WHERE status = 'done')";
  exec(db_, "BEGIN IMMEDIATE");
  try {
    exec(db_, (std::string("INSERT INTO main.timeseries (run_id, week, area, metric, value) "
                           "SELECT run_id, week, area, metric, value FROM shard.timeseries WHERE run_id IN ") + kDone)
                  .c_str());
    exec(db_, (std::string("INSERT INTO main.summaries (run_id, metric, value) "
                           "SELECT run_id, metric, value FROM shard.summaries WHERE run_id IN ") + kDone)
                  .c_str());
    exec(db_, (std::string("INSERT INTO main.yearly (run_id, year, area, metric, value) "
                           "SELECT run_id, year, area, metric, value FROM shard.yearly WHERE run_id IN ") + kDone)
                  .c_str());
    exec(db_, (std::string("UPDATE main.runs SET status = 'done', wall_seconds = "
                           "(SELECT s.wall_seconds FROM shard.runs s WHERE s.run_id = main.runs.run_id) "
                           "WHERE run_id IN ") + kDone)
                  .c_str());
    const auto copied = static_cast<uint64_t>(sqlite3_changes(db_));
    exec(db_, "COMMIT");
    return copied;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

MergeSummary merge_stores(const std::string& out, const std::vector<std::string>& shards) {
  if (shards.empty()) throw StoreError("merge: no shard stores given");
  ExperimentRecord rec;
  {
    const ResultStore first(shards.front(), OpenMode::read);
    rec = first.experiment();
  }
  // A shard that ran more batches of a stopping rule than another (resumed on its own)
  // has more replications: the merged store has the runs of the largest; the absent ones
  // stay pending.
  for (size_t i = 1; i < shards.size(); ++i) {
    const ResultStore other(shards[i], OpenMode::read);
    rec.replications = std::max(rec.replications, other.experiment().replications);
  }
  rec.shard = Shard{};  // the merged store holds every run
  std::error_code ec;
  if (std::filesystem::exists(out, ec) || ec)
    throw StoreError(out + (ec ? ": cannot check the output path (" + ec.message() + ")"
                               : " already exists: merge writes a new results file (choose another name)"));
  MergeSummary summary;
  try {
    ResultStore merged(out, OpenMode::create, &rec);
    for (const auto& shard : shards) summary.runs_done += merged.absorb(shard);
    summary.runs_total = merged.count_runs(false);
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(out + suffix, ec);
    throw;
  }
  return summary;
}

}  // namespace wijksim::experiments
