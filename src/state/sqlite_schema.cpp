#include "state/sqlite_schema.hpp"

#include <optional>
#include <string>

namespace gleaner::state {
namespace {

// "glnr": tells a gleaner state file from any other SQLite database.
constexpr std::int64_t gleaner_application_id = 0x676C6E72;

// Fingerprints, hashes and counts are unsigned 64-bit values stored as their
// bit pattern in SQLite's signed integers.
constexpr const char* tables_sql = R"(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,  -- 1, 2, ...: a new run takes the largest plus one
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL,
  dataset_path TEXT NOT NULL,
  committed_bytes INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  fetched INTEGER NOT NULL DEFAULT 0,
  not_modified INTEGER NOT NULL DEFAULT 0,
  not_due INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0,
  new_pages INTEGER NOT NULL DEFAULT 0,
  gone INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  items INTEGER NOT NULL DEFAULT 0
);
-- The newest run's frontier; a new run starts with none.
CREATE TABLE urls (
  key INTEGER PRIMARY KEY,  -- the URL's fingerprint
  queue_order INTEGER NOT NULL,
  url TEXT NOT NULL,
  host TEXT NOT NULL,
  depth INTEGER NOT NULL,
  referer TEXT NOT NULL,
  priority INTEGER NOT NULL,
  completion TEXT,  -- NULL while pending; else fetched, unchanged, failed, gone or skipped
  status INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX urls_in_queue_order ON urls (queue_order);
-- Page copies for incremental re-crawls, kept from run to run.
CREATE TABLE pages (
  key INTEGER PRIMARY KEY,  -- the URL's fingerprint
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  content_hash INTEGER NOT NULL,
  verified_at INTEGER NOT NULL,
  links TEXT NOT NULL,    -- a JSON array of strings
  records TEXT NOT NULL   -- a JSON array of strings, each a record as compact JSON
);
CREATE TABLE robots (
  origin TEXT PRIMARY KEY,
  allow_all INTEGER NOT NULL,
  body TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);
)";

enum class FileKind { state_file, empty };

Error not_a_state_file(const SqliteConnection& connection) {
  return make_error(ErrorKind::io, connection.path() + ": not a gleaner state file");
}

Result<std::int64_t> read_integer(SqliteConnection& connection, const char* sql) {
  auto statement = connection.prepare(sql, "reading the file's format");
  std::optional<Error> error;
  std::int64_t value = 0;
  if (!statement) {
    error = statement.error();
  } else {
    auto query = statement->use();
    auto row = query.step();
    if (!row) error = row.error();
    else if (*row) value = query.integer(0);
  }
  // The first read of a file that is no SQLite database fails this way.
  if (error && connection.last_error_code() == SQLITE_NOTADB) return not_a_state_file(connection);
  if (error) return *error;
  return value;
}

Result<FileKind> inspect(SqliteConnection& connection) {
  auto application_id = read_integer(connection, "PRAGMA application_id");
  if (!application_id) return application_id.error();
  auto format = read_integer(connection, "PRAGMA user_version");
  if (!format) return format.error();
  auto objects = read_integer(connection, "SELECT count(*) FROM sqlite_master");
  if (!objects) return objects.error();

  if (*application_id == gleaner_application_id && *format >= 1) {
    if (*format > state_format) {
      return make_error(ErrorKind::io, connection.path() + ": state format " + std::to_string(*format) +
                                           " is newer than this gleaner understands");
    }
    return FileKind::state_file;
  }
  if (*application_id == 0 && *format == 0 && *objects == 0) return FileKind::empty;
  return not_a_state_file(connection);
}

Result<void> use_write_ahead_log(SqliteConnection& connection) {
  auto statement = connection.prepare("PRAGMA journal_mode = WAL", "switching to write-ahead logging");
  if (!statement) return statement.error();
  auto query = statement->use();
  auto row = query.step();
  if (!row) return row.error();
  // SQLite answers with the mode now in force: WAL is refused where shared
  // memory is not available (some network file systems).
  const std::string mode = *row ? query.text(0) : "";
  if (mode != "wal") {
    return make_error(ErrorKind::io, connection.path() + ": cannot use write-ahead logging (the journal mode stays \"" +
                                         mode + "\")");
  }
  return {};
}

Result<void> create_tables(SqliteConnection& connection) {
  auto transaction = SqliteTransaction::begin(connection, "creating the state tables");
  if (!transaction) return transaction.error();
  // Another process may have created them since inspect() looked.
  auto kind = inspect(connection);
  if (!kind) return kind.error();
  if (*kind == FileKind::state_file) return transaction->commit();

  const std::string marks = "PRAGMA application_id = " + std::to_string(gleaner_application_id) +
                            "; PRAGMA user_version = " + std::to_string(state_format) + ";";
  if (auto created = connection.execute(tables_sql, "creating the state tables"); !created) return created;
  if (auto marked = connection.execute(marks.c_str(), "creating the state tables"); !marked) return marked;
  return transaction->commit();
}

}  // namespace

Result<void> prepare_state_file(SqliteConnection& connection, bool create) {
  auto kind = inspect(connection);
  if (!kind) return kind.error();
  if (*kind == FileKind::empty && !create) return not_a_state_file(connection);
  if (auto wal = use_write_ahead_log(connection); !wal) return wal;
  if (*kind == FileKind::empty) return create_tables(connection);
  return {};
}

Result<void> configure_connection(SqliteConnection& connection) {
  return connection.execute("PRAGMA synchronous = NORMAL", "setting synchronous=NORMAL");
}

}  // namespace gleaner::state
