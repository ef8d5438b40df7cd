#pragma once
// Thin RAII over the sqlite3 C API: a prepared statement that finalises itself, and
// errors that name the store file and SQLite's message.
#include <cstdint>
#include <string>

#include <sqlite3.h>

#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments::detail {

[[noreturn]] inline void throw_sqlite(sqlite3* db, const std::string& what) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  throw StoreError(std::string(file ? file : "<results>") + ": " + what + ": " +
                   (db ? sqlite3_errmsg(db) : "cannot open"));
}

inline void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw StoreError(std::string(sqlite3_db_filename(db, "main")) + ": " + msg + " (in: " + sql + ")");
  }
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) throw_sqlite(db, "prepare " + sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); return *this; }
  Statement& bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); return *this; }
  Statement& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  // true while a row is available
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite(db_, "step");
  }
  void run() { step(); reset(); }
  void reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }
  int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int columns() const { return sqlite3_column_count(stmt_); }
  std::string column_name(int col) const { return sqlite3_column_name(stmt_, col); }
  int type(int col) const { return sqlite3_column_type(stmt_, col); }
  sqlite3_stmt* raw() { return stmt_; }

 private:
  void check(int rc) { if (rc != SQLITE_OK) throw_sqlite(db_, "bind"); }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace wijksim::experiments::detail
