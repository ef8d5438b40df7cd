#include "wijksim/experiments/store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "sqlite_util.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/utc_time.hpp"
#include "wijksim/version.hpp"

namespace wijksim::experiments {

using detail::exec;
using detail::Statement;

namespace {

// 2: replication-major run ids, the replication rule and common_random_numbers recorded.
constexpr const char* kSchemaVersion = "2";

// The schema; README.md in engine/include/wijksim/experiments/ explains each column.
constexpr const char* kSchema = R"sql(
CREATE TABLE experiment (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE variants (variant_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, overrides TEXT NOT NULL);
CREATE TABLE parameters (parameter_id INTEGER PRIMARY KEY, key_path TEXT NOT NULL, low REAL, high REAL,
                         integer INTEGER NOT NULL, levels INTEGER NOT NULL, value_list TEXT NOT NULL);
CREATE TABLE points (point_id INTEGER PRIMARY KEY, sobol_block INTEGER, sobol_row INTEGER);
CREATE TABLE point_values (point_id INTEGER NOT NULL, parameter_id INTEGER NOT NULL, value REAL NOT NULL,
                           PRIMARY KEY (point_id, parameter_id)) WITHOUT ROWID;
CREATE TABLE runs (run_id INTEGER PRIMARY KEY, variant_id INTEGER NOT NULL, point_id INTEGER NOT NULL,
                   replication INTEGER NOT NULL, seed INTEGER NOT NULL,
                   status TEXT NOT NULL CHECK (status IN ('pending', 'done')), wall_seconds REAL);
CREATE TABLE timeseries (run_id INTEGER NOT NULL, week INTEGER NOT NULL, area TEXT NOT NULL, metric TEXT NOT NULL,
                         value REAL NOT NULL, PRIMARY KEY (run_id, week, area, metric)) WITHOUT ROWID;
CREATE TABLE summaries (run_id INTEGER NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL,
                        PRIMARY KEY (run_id, metric)) WITHOUT ROWID;
CREATE TABLE yearly (run_id INTEGER NOT NULL, year INTEGER NOT NULL, area TEXT NOT NULL, metric TEXT NOT NULL,
                     value REAL NOT NULL, PRIMARY KEY (run_id, year, area, metric)) WITHOUT ROWID;
)sql";

// Tables in dump/export order, with the key order of their rows.
struct TableOrder { const char* table; const char* order_by; };
constexpr TableOrder kTables[] = {
    {"experiment", "key"},          {"variants", "variant_id"},
    {"parameters", "parameter_id"}, {"points", "point_id"},
    {"point_values", "point_id, parameter_id"}, {"runs", "run_id"},
    {"timeseries", "run_id, week, area, metric"}, {"summaries", "run_id, metric"},
    {"yearly", "run_id, year, area, metric"},
};

std::string csv_field(const Statement& s, int col) {
  switch (s.type(col)) {
    case SQLITE_NULL: return "";
    case SQLITE_INTEGER: return std::to_string(s.integer(col));
    case SQLITE_FLOAT: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", s.real(col));
      return buf;
    }
    default: {
      const std::string t = s.text(col);
      if (t.find_first_of(",\"\n\r") == std::string::npos) return t;
      std::string q = "\"";
      for (char c : t) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q + "\"";
    }
  }
}

// Writes the query's rows as CSV with a header; `skip` names a column to leave out.
void write_csv(std::ostream& out, Statement& s, const std::string& skip) {
  const int n = s.columns();
  bool first = true;
  for (int c = 0; c < n; ++c) {
    if (s.column_name(c) == skip) continue;
    out << (first ? "" : ",") << s.column_name(c);
    first = false;
  }
  out << '\n';
  while (s.step()) {
    first = true;
    for (int c = 0; c < n; ++c) {
      if (s.column_name(c) == skip) continue;
      out << (first ? "" : ",") << csv_field(s, c);
      first = false;
    }
    out << '\n';
  }
}

int64_t as_int64(uint64_t v) { return static_cast<int64_t>(v); }  // seeds bit-cast to SQLite's int64

// A store is checked before it is resumed or read: SQLite's integrity_check (every page,
// index and NOT NULL/CHECK constraint; seconds for a GB) and wijksim's own tables. A
// damaged store would otherwise be resumed into (mixing good rows with lost ones) or
// read by compare as if whole.
void check_store(sqlite3* db, const std::string& path) {
  const std::string advice =
      ": restore it from a copy, or rerun the sweep into a new file (export what is still readable with "
      "the sqlite3 shell's .recover)";
  std::string problems;
  int count = 0;
  try {
    Statement s(db, "PRAGMA integrity_check(10)");
    while (s.step()) {
      const std::string row = s.text(0);
      if (row == "ok") continue;
      problems += (count++ ? "; " : "") + row;
    }
  } catch (const StoreError&) {
    throw StoreError(path + ": damaged or not a results store (SQLite: " + sqlite3_errmsg(db) + ")" + advice);
  }
  if (count > 0) throw StoreError(path + ": the results store is damaged (SQLite integrity check: " + problems + ")" + advice);
  for (const auto& t : kTables) {
    Statement s(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, std::string(t.table));
    s.step();
    if (s.integer(0) == 0)
      throw StoreError(path + ": not a complete wijksim results store (table '" + t.table + "' is missing)" + advice);
  }
}

}  // namespace

std::string to_json(const ReplicationRule& rule) {
  nlohmann::json until = nlohmann::json::array();
  for (const auto& c : rule.until) {
    nlohmann::json j{{"variant", c.variant}, {"baseline", c.baseline}, {"outcome", c.outcome},
                     {"half_width", c.half_width}};
    if (c.at_week) j["at_week"] = *c.at_week;
    if (c.at_year) j["at_year"] = *c.at_year;
    until.push_back(std::move(j));
  }
  return nlohmann::json{{"min", rule.min}, {"max", rule.max}, {"batch", rule.batch}, {"until", until}}.dump();
}

ReplicationRule replication_rule_from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  ReplicationRule rule;
  rule.min = j.at("min").get<uint32_t>();
  rule.max = j.at("max").get<uint32_t>();
  rule.batch = j.at("batch").get<uint32_t>();
  for (const auto& c : j.at("until")) {
    StoppingCriterion k;
    k.variant = c.at("variant").get<std::string>();
    k.baseline = c.at("baseline").get<std::string>();
    k.outcome = c.at("outcome").get<std::string>();
    k.half_width = c.at("half_width").get<double>();
    if (c.contains("at_week")) k.at_week = c.at("at_week").get<uint32_t>();
    if (c.contains("at_year")) k.at_year = c.at("at_year").get<uint32_t>();
    rule.until.push_back(std::move(k));
  }
  return rule;
}

uint64_t run_seed(uint64_t experiment_seed, uint32_t variant, bool common_random_numbers) {
  if (common_random_numbers) return experiment_seed;
  // splitmix64's finaliser over (seed, variant): independent-looking seeds, one per variant,
  // the same on every machine. Philox keys every draw by this seed, so the variants' streams
  // share nothing.
  uint64_t z = experiment_seed + 0x9e3779b97f4a7c15ULL * (static_cast<uint64_t>(variant) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw StoreError("SHA-256 failed (OpenSSL)");
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned i = 0; i < len; ++i) {
    s += hex[digest[i] >> 4];
    s += hex[digest[i] & 15];
  }
  return s;
}

ResultStore::ResultStore(const std::string& path, OpenMode mode, const ExperimentRecord* record) : path_(path) {
  if (mode != OpenMode::read && record == nullptr)
    throw StoreError(path + ": creating or resuming a results store needs the experiment");
  std::error_code ec;
  if (mode == OpenMode::read && !std::filesystem::exists(path, ec))
    throw StoreError(path + ": no such results file");
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    throw StoreError(path + ": expected a results file (a regular file), got " +
                     (std::filesystem::is_directory(path, ec) ? "a directory" : "a special file"));
  // A store this call creates and cannot finish setting up (a full disk, a failure while
  // writing the schema) is removed again, so a file named like a store always holds one.
  // "Creates" is decided by an exclusive create of the (empty) file: of two sweeps starting
  // one store at once only the first owns it, and the other never removes it.
  bool creating = false;
  if (mode != OpenMode::read && !std::filesystem::exists(path, ec)) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    creating = fd >= 0;
    if (fd >= 0) ::close(fd);
  }
  const auto remove_created = [&] {
    if (!creating) return;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
  };
  const int flags = mode == OpenMode::read ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": cannot open results store: " + msg);
  }
  try {
    sqlite3_busy_timeout(db_, 10000);
    if (mode == OpenMode::read) {
      bool holds = false;
      try {
        holds = has_experiment();
      } catch (const StoreError&) {
        throw StoreError(path + ": damaged or not a results store (SQLite: " + sqlite3_errmsg(db_) + ")");
      }
      if (!holds) throw StoreError(path + ": not a wijksim results store (no experiment table)");
      check_store(db_, path);
      return;
    }
    if (mode == OpenMode::resume && std::filesystem::exists(path, ec)) {
      try {
        Statement(db_, "SELECT count(*) FROM sqlite_master").step();
      } catch (const StoreError&) {
        throw StoreError(path + ": damaged or not a results store (SQLite: " + sqlite3_errmsg(db_) + ")");
      }
      if (has_experiment()) check_store(db_, path);
    }
    // WAL: readers (compare, a progress monitor) never block the writer, and a killed
    // writer leaves every committed run intact. synchronous=NORMAL is durable against
    // process crashes (what --resume handles); only power loss can drop the last commits.
    // Switching to WAL takes an exclusive lock that the busy timeout does not wait for:
    // while another sweep sets up the same new store it is "database is locked", so retry
    // (up to ~10 s) before giving up.
    for (int attempt = 0;; ++attempt) {
      try {
        exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        break;
      } catch (const StoreError&) {
        if ((sqlite3_errcode(db_) & 0xff) != SQLITE_BUSY || attempt >= 1000) throw;
        ::usleep(10000);
      }
    }
    try {
      exec(db_, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    } catch (const StoreError&) {
      throw StoreError(path + ": cannot set up the results store (SQLite: " + sqlite3_errmsg(db_) +
                       (sqlite3_errcode(db_) == SQLITE_BUSY ? "; another process is using it" : "") + ")");
    }
    ExperimentRecord rec = *record;
    if (rec.hash.empty()) rec.hash = sha256_hex(rec.hash_text.empty() ? rec.resolved_text : rec.hash_text);
    if (!has_experiment()) {
      try {
        create_schema_and_runs(rec);
        return;
      } catch (const StoreError& e) {
        // Two sweeps creating one store at once: the other one wrote the schema between
        // our check and our transaction. Then this store is judged as an existing one
        // below (create: "already holds an experiment"; resume: the hash check), instead
        // of SQLite's "table ... already exists" with the SQL.
        if (!has_experiment()) {
          // SQLite's message without the statement ("disk I/O error (in: COMMIT)").
          std::string reason = e.what();
          reason = reason.substr(0, reason.find(" (in: "));
          if (const size_t colon = reason.rfind(": "); colon != std::string::npos) reason.erase(0, colon + 2);
          throw StoreError(path + ": cannot write the experiment into the results store (SQLite: " + reason + ")");
        }
      }
    }
    if (mode == OpenMode::create)
      throw StoreError(path + " already holds an experiment ('" + provenance("name") +
                       "'); pass --resume to continue it, or choose another output file");
    const std::string stored = provenance("hash");
    const std::string stored_shard = provenance("shard").empty() ? Shard{}.to_string() : provenance("shard");
    if (stored == rec.hash && stored_shard != rec.shard.to_string())
      throw StoreError(path + " holds " + (stored_shard == Shard{}.to_string() ? "every run" : "shard " + stored_shard) +
                       " of this experiment, not " + (rec.shard.count == 1 ? "every run" : "shard " + rec.shard.to_string()) +
                       (stored_shard == Shard{}.to_string() ? ": resume it without --shard" : ": resume it with --shard " + stored_shard));
    if (stored != rec.hash)
      throw ExperimentMismatch(path + " holds results of a different experiment: the experiment file changed (or its "
                               "base scenario, or a file it extends) since this sweep started (stored hash " + stored.substr(0, 12) + ", now " +
                               rec.hash.substr(0, 12) + "). Resuming would mix results; restore the original "
                               "experiment file, or start a new sweep with another --out");
  } catch (const StoreError& e) {
    // Only our own store, only when no experiment was committed into it, and only for a
    // full disk or an I/O error: a sweep that lost the race to create it ("already holds
    // an experiment") must never remove the winner's store.
    const std::string what = e.what();
    const bool io = what.find("database or disk is full") != std::string::npos ||
                    what.find("disk I/O error") != std::string::npos;
    bool committed = true;
    if (creating && io) {
      try {
        committed = has_experiment();
      } catch (const StoreError&) {
        committed = false;  // unreadable: nothing usable was committed
      }
    }
    sqlite3_close(db_);
    db_ = nullptr;
    if (!committed) remove_created();
    throw;
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

ResultStore::~ResultStore() { sqlite3_close(db_); }

bool ResultStore::has_experiment() const {
  Statement s(db_, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='experiment'");
  s.step();
  return s.integer(0) > 0;
}

void ResultStore::create_schema_and_runs(const ExperimentRecord& rec) {
  const Design& design = rec.design;
  if (rec.variants.empty()) throw StoreError(path_ + ": an experiment needs at least one variant");
  if (design.points.empty()) throw StoreError(path_ + ": an experiment needs at least one sweep point");
  exec(db_, "BEGIN IMMEDIATE");
  try {
    exec(db_, kSchema);
    Statement kv(db_, "INSERT INTO experiment(key, value) VALUES (?, ?)");
    const std::pair<const char*, std::string> provenance_rows[] = {
        {"name", rec.name},
        {"hash", rec.hash},
        {"resolved_experiment", rec.resolved_text},
        {"engine_version", kEngineVersion},
        {"git_hash", kGitHash},
        {"seed", std::to_string(rec.seed)},
        {"replications", std::to_string(rec.replications)},
        {"replication_rule", to_json(rec.rule)},
        {"common_random_numbers", rec.common_random_numbers ? "true" : "false"},
        {"design", to_string(design.kind)},
        {"sobol_base_samples", std::to_string(design.sobol_base_samples)},
        {"schema_version", kSchemaVersion},
        {"created", utc_now()},  // when the store was made (the brief's date)
    };
    for (const auto& [k, v] : provenance_rows) kv.bind(1, std::string(k)).bind(2, v).run();
    // Only a shard store says so, so a merged store's rows equal a single-process sweep's.
    if (rec.shard.count > 1) kv.bind(1, std::string("shard")).bind(2, rec.shard.to_string()).run();

    Statement var(db_, "INSERT INTO variants VALUES (?, ?, ?)");
    for (size_t v = 0; v < rec.variants.size(); ++v)
      var.bind(1, static_cast<int64_t>(v)).bind(2, rec.variants[v].name).bind(3, rec.variants[v].overrides).run();

    Statement par(db_, "INSERT INTO parameters VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (size_t k = 0; k < design.parameters.size(); ++k) {
      const auto& p = design.parameters[k];
      par.bind(1, static_cast<int64_t>(k)).bind(2, p.key_path).bind(3, p.low).bind(4, p.high)
          .bind(5, static_cast<int64_t>(p.integer)).bind(6, static_cast<int64_t>(p.levels))
          .bind(7, nlohmann::json(p.values).dump()).run();
    }
    Statement pt(db_, "INSERT INTO points VALUES (?, ?, ?)");
    Statement pv(db_, "INSERT INTO point_values VALUES (?, ?, ?)");
    const uint32_t n_base = design.sobol_base_samples;
    for (size_t p = 0; p < design.points.size(); ++p) {
      pt.bind(1, static_cast<int64_t>(p));
      if (n_base > 0) pt.bind(2, static_cast<int64_t>(p / n_base)).bind(3, static_cast<int64_t>(p % n_base));
      pt.run();
      for (size_t k = 0; k < design.points[p].size(); ++k)
        pv.bind(1, static_cast<int64_t>(p)).bind(2, static_cast<int64_t>(k)).bind(3, design.points[p][k]).run();
    }
    insert_runs(rec, 0, rec.replications);
    exec(db_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void ResultStore::insert_runs(const ExperimentRecord& rec, uint32_t from, uint32_t to) {
  Statement run(db_, "INSERT INTO runs VALUES (?, ?, ?, ?, ?, 'pending', NULL)");
  const uint64_t n_points = rec.design.points.size(), n_variants = rec.variants.size();
  for (uint64_t r = from; r < to; ++r)
    for (uint64_t v = 0; v < n_variants; ++v)
      for (uint64_t p = 0; p < n_points; ++p) {
        const uint64_t id = run_id_of(v, p, r, n_variants, n_points);
        if (!rec.shard.holds(id)) continue;
        run.bind(1, static_cast<int64_t>(id)).bind(2, static_cast<int64_t>(v)).bind(3, static_cast<int64_t>(p))
            .bind(4, static_cast<int64_t>(r))
            .bind(5, as_int64(run_seed(rec.seed, static_cast<uint32_t>(v), rec.common_random_numbers))).run();
      }
}

uint64_t ResultStore::extend_replications(uint32_t replications) {
  const ExperimentRecord rec = experiment();
  if (replications <= rec.replications) return 0;
  std::lock_guard lock(mutex_);
  const uint64_t before = [&] {
    Statement s(db_, "SELECT count(*) FROM runs");
    s.step();
    return static_cast<uint64_t>(s.integer(0));
  }();
  exec(db_, "BEGIN IMMEDIATE");
  try {
    insert_runs(rec, rec.replications, replications);
    Statement(db_, "UPDATE experiment SET value = ? WHERE key = 'replications'")
        .bind(1, std::to_string(replications)).run();
    exec(db_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  Statement s(db_, "SELECT count(*) FROM runs");
  s.step();
  return static_cast<uint64_t>(s.integer(0)) - before;
}

void ResultStore::set_provenance(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  Statement(db_, "INSERT INTO experiment(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key).bind(2, value).run();
}

std::vector<RunKey> ResultStore::runs(bool pending_only) const {
  std::lock_guard lock(mutex_);
  Statement s(db_, std::string("SELECT run_id, variant_id, point_id, replication, seed FROM runs") +
                       (pending_only ? " WHERE status != 'done'" : "") + " ORDER BY run_id");
  std::vector<RunKey> out;
  while (s.step())
    out.push_back({static_cast<uint64_t>(s.integer(0)), static_cast<uint32_t>(s.integer(1)),
                   static_cast<uint32_t>(s.integer(2)), static_cast<uint32_t>(s.integer(3)),
                   static_cast<uint64_t>(s.integer(4))});
  return out;
}

uint64_t ResultStore::count_runs(bool done_only) const {
  std::lock_guard lock(mutex_);
  Statement s(db_, std::string("SELECT count(*) FROM runs") + (done_only ? " WHERE status = 'done'" : ""));
  s.step();
  return static_cast<uint64_t>(s.integer(0));
}

void ResultStore::record_run(const RunKey& key, const RunOutput& output) {
  std::lock_guard lock(mutex_);
  const auto id = static_cast<int64_t>(key.run_id);
  exec(db_, "BEGIN IMMEDIATE");
  try {
    // A run is written whole or not at all, so a pending run never has rows; the deletes
    // only make a rerun of a run idempotent.
    Statement(db_, "DELETE FROM timeseries WHERE run_id = ?").bind(1, id).run();
    Statement(db_, "DELETE FROM summaries WHERE run_id = ?").bind(1, id).run();
    Statement(db_, "DELETE FROM yearly WHERE run_id = ?").bind(1, id).run();
    Statement ts(db_, "INSERT INTO timeseries VALUES (?, ?, ?, ?, ?)");
    for (const auto& t : output.timeseries)
      ts.bind(1, id).bind(2, static_cast<int64_t>(t.week)).bind(3, t.area).bind(4, t.metric).bind(5, t.value).run();
    Statement su(db_, "INSERT INTO summaries VALUES (?, ?, ?)");
    for (const auto& m : output.summaries) su.bind(1, id).bind(2, m.metric).bind(3, m.value).run();
    Statement ye(db_, "INSERT INTO yearly VALUES (?, ?, ?, ?, ?)");
    for (const auto& y : output.yearly)
      ye.bind(1, id).bind(2, static_cast<int64_t>(y.year)).bind(3, y.area).bind(4, y.metric).bind(5, y.value).run();
    Statement done(db_, "UPDATE runs SET status = 'done', wall_seconds = ? WHERE run_id = ?");
    done.bind(1, output.wall_seconds).bind(2, id).step();
    if (sqlite3_changes(db_) != 1) throw StoreError(path_ + ": no run with id " + std::to_string(key.run_id));
    exec(db_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::string ResultStore::provenance(const std::string& key) const {
  Statement s(db_, "SELECT value FROM experiment WHERE key = ?");
  s.bind(1, key);
  return s.step() ? s.text(0) : std::string();
}

ExperimentRecord ResultStore::experiment() const {
  try {
    return read_experiment();
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {  // a value that does not parse: stoul, JSON, an index out of range
    throw StoreError(path_ + ": the experiment tables are damaged (" + e.what() + ")");
  }
}

ExperimentRecord ResultStore::read_experiment() const {
  std::lock_guard lock(mutex_);
  ExperimentRecord rec;
  rec.name = provenance("name");
  rec.hash = provenance("hash");
  rec.resolved_text = provenance("resolved_experiment");
  rec.seed = std::stoull(provenance("seed"));
  rec.replications = static_cast<uint32_t>(std::stoul(provenance("replications")));
  // A store written before the rule was recorded ran exactly its replications.
  const std::string rule = provenance("replication_rule");
  if (rule.empty()) rec.rule = {rec.replications, rec.replications, rec.replications, {}};
  else rec.rule = replication_rule_from_json(rule);
  rec.common_random_numbers = provenance("common_random_numbers") != "false";
  const std::string kind = provenance("design");
  for (DesignKind k : {DesignKind::none, DesignKind::grid, DesignKind::latin_hypercube, DesignKind::sobol,
                       DesignKind::morris})
    if (kind == to_string(k)) rec.design.kind = k;
  rec.design.sobol_base_samples = static_cast<uint32_t>(std::stoul(provenance("sobol_base_samples")));
  if (!provenance("shard").empty()) rec.shard = parse_shard(provenance("shard"));
  Statement v(db_, "SELECT name, overrides FROM variants ORDER BY variant_id");
  while (v.step()) rec.variants.push_back({v.text(0), v.text(1)});
  Statement p(db_, "SELECT key_path, low, high, integer, levels, value_list FROM parameters ORDER BY parameter_id");
  while (p.step()) {
    SweepParameter sp;
    sp.key_path = p.text(0);
    sp.low = p.real(1);
    sp.high = p.real(2);
    sp.integer = p.integer(3) != 0;
    sp.levels = static_cast<int>(p.integer(4));
    sp.values = nlohmann::json::parse(p.text(5)).get<std::vector<double>>();
    rec.design.parameters.push_back(std::move(sp));
  }
  Statement n(db_, "SELECT count(*) FROM points");
  n.step();
  rec.design.points.assign(static_cast<size_t>(n.integer(0)), std::vector<double>(rec.design.parameters.size()));
  Statement pv(db_, "SELECT point_id, parameter_id, value FROM point_values");
  while (pv.step()) rec.design.points.at(static_cast<size_t>(pv.integer(0))).at(static_cast<size_t>(pv.integer(1))) = pv.real(2);
  return rec;
}

namespace {
// Rows (run_id, variant_id, point_id, replication, seed, value) as RunValues.
std::vector<RunValue> run_values(Statement& s) {
  std::vector<RunValue> out;
  while (s.step())
    out.push_back({{static_cast<uint64_t>(s.integer(0)), static_cast<uint32_t>(s.integer(1)),
                    static_cast<uint32_t>(s.integer(2)), static_cast<uint32_t>(s.integer(3)),
                    static_cast<uint64_t>(s.integer(4))},
                   s.real(5)});
  return out;
}

std::vector<std::string> distinct_metrics(sqlite3* db, const char* table) {
  Statement s(db, std::string("SELECT DISTINCT metric FROM ") + table + " ORDER BY metric");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}
}  // namespace

std::vector<std::string> ResultStore::summary_metrics() const {
  std::lock_guard lock(mutex_);
  return distinct_metrics(db_, "summaries");
}

std::vector<std::string> ResultStore::timeseries_metrics() const {
  std::lock_guard lock(mutex_);
  return distinct_metrics(db_, "timeseries");
}

std::vector<RunValue> ResultStore::metric_values(const std::string& metric, std::optional<uint32_t> week,
                                                 const std::string& area) const {
  std::lock_guard lock(mutex_);
  const std::string cols = "SELECT r.run_id, r.variant_id, r.point_id, r.replication, r.seed, x.value FROM runs r JOIN ";
  Statement s(db_, week ? cols + "timeseries x USING (run_id) WHERE x.metric = ? AND x.week = ? AND x.area = ? "
                                 "AND r.status = 'done' ORDER BY r.run_id"
                        : cols + "summaries x USING (run_id) WHERE x.metric = ? AND r.status = 'done' ORDER BY r.run_id");
  s.bind(1, metric);
  if (week) s.bind(2, static_cast<int64_t>(*week)).bind(3, area);
  return run_values(s);
}

std::vector<std::string> ResultStore::yearly_metrics() const {
  std::lock_guard lock(mutex_);
  return distinct_metrics(db_, "yearly");
}

std::vector<uint32_t> ResultStore::years() const {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT DISTINCT year FROM yearly ORDER BY year");
  std::vector<uint32_t> out;
  while (s.step()) out.push_back(static_cast<uint32_t>(s.integer(0)));
  return out;
}

std::vector<RunValue> ResultStore::yearly_values(const std::string& metric, uint32_t year, const std::string& area) const {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT r.run_id, r.variant_id, r.point_id, r.replication, r.seed, x.value FROM runs r JOIN "
                   "yearly x USING (run_id) WHERE x.metric = ? AND x.year = ? AND x.area = ? AND r.status = 'done' "
                   "ORDER BY r.run_id");
  s.bind(1, metric).bind(2, static_cast<int64_t>(year)).bind(3, area);
  return run_values(s);
}

void ResultStore::export_csv(const std::string& dir) const {
  std::lock_guard lock(mutex_);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw StoreError(dir + ": cannot create the output directory" + (ec ? " (" + ec.message() + ")" : ""));
  // Each table to a temporary name, checked and renamed (AtomicFile): a full disk leaves
  // no cut CSV that looks complete. A failure also removes the tables this export already
  // wrote, so the folder never holds part of an export; the AtomicFileError (an I/O
  // failure, exit 1) reaches the caller as it is.
  std::vector<std::filesystem::path> written;
  try {
    for (const auto& t : kTables) {
      AtomicFile out(std::filesystem::path(dir) / (std::string(t.table) + ".csv"));
      Statement s(db_, std::string("SELECT * FROM ") + t.table + " ORDER BY " + t.order_by);
      write_csv(out.stream(), s, "");
      out.commit();
      written.push_back(out.target());
    }
  } catch (...) {
    for (const auto& f : written) std::filesystem::remove(f, ec);
    throw;
  }
}

std::string ResultStore::dump(bool include_wall_times) const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  for (const auto& t : kTables) {
    out << "## " << t.table << '\n';
    // Without wall times, also without the store's creation time: the rest is what two
    // stores of the same experiment share however they were run.
    const std::string where = !include_wall_times && std::string(t.table) == "experiment" ? " WHERE key != 'created'" : "";
    Statement s(db_, std::string("SELECT * FROM ") + t.table + where + " ORDER BY " + t.order_by);
    write_csv(out, s, include_wall_times ? "" : "wall_seconds");
  }
  return out.str();
}

}  // namespace wijksim::experiments
