#pragma once
// The results store: one SQLite file per experiment (readable from pandas and R), made
// crash-safe by WAL mode and one transaction per finished run. Schema in
// engine/include/wijksim/experiments/README.md.
//
// Life cycle: creating the store writes the experiment, its variants, sweep points and
// every run (status 'pending') in one transaction; each finished run then writes its time
// series and summaries and flips its status to 'done' in one transaction. A process killed
// at any moment leaves finished runs complete and unfinished runs without rows, so a
// resume reruns exactly the pending runs and ends with the rows a clean run would have.
// Every row is keyed by deterministic ids (run_id = replication * (variants * points) +
// variant * points + point: replication-major, so adding replications appends runs and never
// renumbers the ones that exist), never by insertion order.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "wijksim/experiments/design.hpp"

struct sqlite3;

namespace wijksim::experiments {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Resuming with an experiment file that differs from the one the store was made with.
class ExperimentMismatch : public StoreError {
 public:
  using StoreError::StoreError;
};

// Which runs a store holds: those with run_id % count == index. Sharding splits one sweep
// over processes that share nothing (a Slurm job array: --shard $SLURM_ARRAY_TASK_ID/
// $SLURM_ARRAY_TASK_COUNT); merge_stores() joins the shard stores into one that equals a
// single-process sweep. The shard is not part of the experiment hash: every shard of an
// experiment has the same hash, which is what merging checks.
struct Shard {
  uint32_t index = 0;
  uint32_t count = 1;
  bool holds(uint64_t run_id) const { return run_id % count == index; }
  std::string to_string() const { return std::to_string(index) + "/" + std::to_string(count); }
  bool operator==(const Shard&) const = default;
};
// "K/N" with 0 <= K < N; throws StoreError otherwise.
Shard parse_shard(const std::string& text);

struct VariantRecord {
  std::string name;
  std::string overrides;  // human-readable, e.g. "providers.credit_bank.capacity: 180"
};

// One criterion of a stopping rule: the paired 95% CI of `variant - baseline` for `outcome`
// must have a half-width of at most `half_width` (in the outcome's unit) at every sweep point.
// The outcome is read as a run summary, the time-series value at `at_week`, or the yearly
// value of `at_year` (at most one of the two is set).
struct StoppingCriterion {
  std::string variant;
  std::string baseline;          // empty: the experiment's first variant
  std::string outcome;
  std::optional<uint32_t> at_week;
  std::optional<uint32_t> at_year;
  double half_width = 0;
  bool operator==(const StoppingCriterion&) const = default;
};

// How many replications: exactly `max` (= `min`) without criteria; with criteria, `min` first,
// then `batch` more at a time until every criterion holds or `max` is reached. Every decision
// reads only finished batches, so the number needed is the same for any thread, shard or rank
// count (stopping_rule.hpp).
struct ReplicationRule {
  uint32_t min = 1;
  uint32_t max = 1;
  uint32_t batch = 1;
  std::vector<StoppingCriterion> until;
  bool adaptive() const { return !until.empty(); }
  bool operator==(const ReplicationRule&) const = default;
};
std::string to_json(const ReplicationRule& rule);                 // provenance value
ReplicationRule replication_rule_from_json(const std::string& text);  // std::exception when malformed

// Everything that defines an experiment's runs. `hash` is the SHA-256 of `resolved_text`
// (filled by the store when empty); resume compares it.
struct ExperimentRecord {
  std::string name;
  std::string resolved_text;   // the experiment as resolved (YAML), stored verbatim
  std::string hash;             // SHA-256 of `hash_text` (or of resolved_text when that is empty)
  std::string hash_text;        // what the hash covers: resolved_text without max/until (may grow)
  uint64_t seed = 0;
  uint32_t replications = 1;    // replications created so far (0 .. replications - 1)
  ReplicationRule rule;         // how many there will be
  // false: each variant draws from its own seed (run_seed()); compare then uses unpaired
  // (Welch) intervals. The default, true, is common random numbers.
  bool common_random_numbers = true;
  std::vector<VariantRecord> variants;  // index = variant_id; the first is the default baseline
  Design design;                        // parameters and points (point_id = row index)
  Shard shard;                          // runs this store holds (default: all)
};

struct RunKey {
  uint64_t run_id = 0;
  uint32_t variant = 0;
  uint32_t point = 0;
  uint32_t replication = 0;
  uint64_t seed = 0;   // the simulation seed (experiment seed: common random numbers)
};

struct TimeseriesValue {
  uint32_t week = 0;
  std::string area;    // wijk name, or "all" for the whole city
  std::string metric;
  double value = 0;
};
struct SummaryValue {
  std::string metric;
  double value = 0;
};
// One outcome over one complete year of a run: year y = weeks 52(y-1)+1 .. 52y; flows
// summed, stocks at the year's last week, waits admissions-weighted (the outcome
// dictionary's `yearly` aggregate).
struct YearlyValue {
  uint32_t year = 0;   // 1, 2, ...
  std::string area;    // wijk name, or "all" for the whole city
  std::string metric;
  double value = 0;
};
struct RunOutput {
  std::vector<TimeseriesValue> timeseries;
  std::vector<SummaryValue> summaries;
  double wall_seconds = 0;   // the only non-deterministic column
  std::vector<YearlyValue> yearly;  // last, so {timeseries, summaries, wall} initialisers stay valid
};

// One value of a metric per run, for comparisons and sensitivity.
struct RunValue {
  RunKey key;
  double value = 0;
};

enum class OpenMode {
  create,  // new store; refused when the file already holds an experiment
  resume,  // existing store with the same experiment hash (created when absent/empty)
  read,    // read-only, for compare / export / sensitivity
};
// resume and read first check the store (SQLite's integrity_check and wijksim's tables)
// and refuse a damaged one with a StoreError saying so; merge checks every shard.

std::string sha256_hex(const std::string& text);

// The simulation seed of every run of `variant`: the experiment's seed (common random
// numbers), or with common_random_numbers false a seed of its own, derived from both.
uint64_t run_seed(uint64_t experiment_seed, uint32_t variant, bool common_random_numbers);

// Run ids (replication-major; see the top of this file).
inline uint64_t run_id_of(uint64_t variant, uint64_t point, uint64_t replication, uint64_t n_variants,
                          uint64_t n_points) {
  return replication * n_variants * n_points + variant * n_points + point;
}

class ResultStore {
 public:
  // `record` is required for create and resume, ignored for read.
  ResultStore(const std::string& path, OpenMode mode, const ExperimentRecord* record = nullptr);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  const std::string& path() const { return path_; }
  // Runs in run_id order; pending_only = status != 'done'.
  std::vector<RunKey> runs(bool pending_only) const;
  uint64_t count_runs(bool done_only) const;
  // Adds pending runs (those this store's shard holds) for replications
  // [experiment().replications, replications) and records the new count, in one
  // transaction; a smaller or equal count changes nothing. Returns the runs added.
  uint64_t extend_replications(uint32_t replications);
  // Records (or replaces) a provenance value of the experiment table, e.g. the rule a
  // resumed sweep runs under and how its stopping rule ended.
  void set_provenance(const std::string& key, const std::string& value);
  // Writes one finished run in one transaction. Thread-safe.
  void record_run(const RunKey& key, const RunOutput& output);

  // The stored experiment (variants, parameters and points; resolved_text and hash).
  // StoreError when its values do not parse (a damaged store).
  ExperimentRecord experiment() const;
  std::string provenance(const std::string& key) const;  // experiment table value, "" if absent
  std::vector<std::string> summary_metrics() const;
  std::vector<std::string> timeseries_metrics() const;
  // Values of a metric for every finished run, in run_id order: a summary metric when
  // `week` is empty, else the time-series value for `area` at that week.
  std::vector<RunValue> metric_values(const std::string& metric, std::optional<uint32_t> week = std::nullopt,
                                      const std::string& area = "all") const;
  // The yearly table: its metrics, its years (ascending), and the value of a metric in year
  // `year` for `area` of every finished run, in run_id order.
  std::vector<std::string> yearly_metrics() const;
  std::vector<uint32_t> years() const;
  std::vector<RunValue> yearly_values(const std::string& metric, uint32_t year, const std::string& area = "all") const;

  // Copies every finished run of the store at `shard_path` (same experiment hash, else
  // ExperimentMismatch) into this one, in one transaction. A run finished in both is
  // refused (StoreError naming it): shards of one sweep never overlap. Returns the number
  // of runs copied. Defined in merge.cpp.
  uint64_t absorb(const std::string& shard_path);

  // Every table as CSV into `dir` (one file per table, rows in key order), each written
  // atomically (AtomicFile); StoreError when a file cannot be written whole.
  void export_csv(const std::string& dir) const;
  // Canonical text of every table in key order; wall times left out unless asked. Two
  // stores with equal dumps hold the same experiment, runs and results.
  std::string dump(bool include_wall_times = false) const;

 private:
  void create_schema_and_runs(const ExperimentRecord& record);
  // Inserts the pending runs of replications [from, to) that the shard holds (inside the
  // caller's transaction).
  void insert_runs(const ExperimentRecord& record, uint32_t from, uint32_t to);
  ExperimentRecord read_experiment() const;
  bool has_experiment() const;
  std::string path_;
  sqlite3* db_ = nullptr;
  mutable std::mutex mutex_;
};

struct MergeSummary {
  uint64_t runs_total = 0;   // runs of the experiment
  uint64_t runs_done = 0;    // finished runs found in the shards
};
// Creates `out` (refused when it holds an experiment) with every run of the shards'
// experiment and copies the finished runs of each shard into it. Runs that no shard
// finished stay pending, so `wijksim sweep EXP --resume --out OUT` completes them. On
// any error `out` is removed again.
MergeSummary merge_stores(const std::string& out, const std::vector<std::string>& shards);

}  // namespace wijksim::experiments
