#include "state/sqlite_statement.hpp"

#include <bit>
#include <cassert>
#include <utility>

namespace gleaner::state {

SqliteStatement::SqliteStatement(sqlite3_stmt* statement, std::string context)
    : statement_(statement), context_(std::move(context)) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)), context_(std::move(other.context_)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
    context_ = std::move(other.context_);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

Error SqliteStatement::error(std::string_view why) const {
  return make_error(ErrorKind::io, context_ + ": " + std::string(why));
}

SqliteStatement::Use::~Use() {
  sqlite3_reset(statement_.statement_);
  sqlite3_clear_bindings(statement_.statement_);
}

SqliteStatement::Use& SqliteStatement::Use::check_bound(int index, int status) {
  if (status != SQLITE_OK && bind_error_.empty()) {
    bind_error_ = "cannot bind parameter " + std::to_string(index) + ": " + sqlite3_errstr(status);
  }
  return *this;
}

SqliteStatement::Use& SqliteStatement::Use::bind(int index, std::int64_t value) {
  return check_bound(index, sqlite3_bind_int64(statement_.statement_, index, value));
}

SqliteStatement::Use& SqliteStatement::Use::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so `text` need not outlive the binding.
  return check_bound(index, sqlite3_bind_text64(statement_.statement_, index, text.data(), text.size(),
                                                SQLITE_TRANSIENT, SQLITE_UTF8));
}

SqliteStatement::Use& SqliteStatement::Use::bind_unsigned(int index, std::uint64_t value) {
  return bind(index, std::bit_cast<std::int64_t>(value));
}

Result<bool> SqliteStatement::Use::step() {
  assert(statement_.statement_);
  if (!bind_error_.empty()) return statement_.error(bind_error_);
  switch (sqlite3_step(statement_.statement_)) {
    case SQLITE_ROW: return true;
    case SQLITE_DONE: return false;
    default: return statement_.error(sqlite3_errmsg(sqlite3_db_handle(statement_.statement_)));
  }
}

Result<void> SqliteStatement::Use::run() {
  auto stepped = step();
  if (!stepped) return stepped.error();
  return {};
}

std::int64_t SqliteStatement::Use::integer(int column) const {
  return sqlite3_column_int64(statement_.statement_, column);
}

std::uint64_t SqliteStatement::Use::unsigned_integer(int column) const {
  return std::bit_cast<std::uint64_t>(integer(column));
}

std::string SqliteStatement::Use::text(int column) const {
  // As a blob: the stored bytes exactly, embedded NULs included.
  const void* bytes = sqlite3_column_blob(statement_.statement_, column);
  const int size = sqlite3_column_bytes(statement_.statement_, column);
  if (!bytes) return {};
  return std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

bool SqliteStatement::Use::is_null(int column) const {
  return sqlite3_column_type(statement_.statement_, column) == SQLITE_NULL;
}

}  // namespace gleaner::state
