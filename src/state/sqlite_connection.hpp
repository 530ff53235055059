// SqliteConnection: one connection to a SQLite file (RAII over sqlite3*),
// whose errors read "PATH: what was being done: SQLite's reason". A
// connection serves one thread at a time; SqliteStateStore keeps two.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "state/sqlite_statement.hpp"

namespace gleaner::state {

class SqliteConnection {
 public:
  // `create` false: the file must exist. Sets a busy timeout, so that a
  // connection waits for another's write transaction instead of failing.
  static Result<SqliteConnection> open(const std::string& path, bool create);

  SqliteConnection(SqliteConnection&& other) noexcept;
  SqliteConnection& operator=(SqliteConnection&&) = delete;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  // Runs `sql` (one or more statements, no rows wanted) once.
  Result<void> execute(const char* sql, std::string_view doing);
  // `doing` names what the statement is for, in its error messages.
  Result<SqliteStatement> prepare(std::string_view sql, std::string_view doing);

  // Rows the last INSERT, UPDATE or DELETE changed.
  int changes() const { return sqlite3_changes(db_); }
  // The rowid of the last row this connection inserted.
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  // The primary result code of the last failed call (SQLITE_NOTADB, ...).
  int last_error_code() const { return sqlite3_errcode(db_); }
  const std::string& path() const { return path_; }

  Error error(std::string_view doing) const;

 private:
  SqliteConnection(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  std::string path_;
  sqlite3* db_ = nullptr;
};

// A write transaction: BEGIN IMMEDIATE takes the write lock at once (waiting
// up to the busy timeout), so a transaction never fails halfway for want of
// it. Rolled back unless committed: an error returned halfway undoes it all.
class SqliteTransaction {
 public:
  static Result<SqliteTransaction> begin(SqliteConnection& connection, std::string_view doing);

  SqliteTransaction(SqliteTransaction&& other) noexcept;
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();

  Result<void> commit();

 private:
  SqliteTransaction(SqliteConnection& connection, std::string_view doing)
      : connection_(&connection), doing_(doing) {}

  SqliteConnection* connection_;  // nullptr once committed or moved from
  std::string doing_;
};

}  // namespace gleaner::state
