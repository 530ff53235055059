#include "state/sqlite_connection.hpp"

#include <chrono>
#include <utility>

namespace gleaner::state {
namespace {

// Long enough to outlast any one commit of the other connection.
constexpr std::chrono::milliseconds busy_timeout{30'000};

}  // namespace

Result<SqliteConnection> SqliteConnection::open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  const int status = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // Even a failed open may allocate a handle; the connection closes it either way.
  SqliteConnection connection(path, db);
  if (status != SQLITE_OK) {
    return make_error(ErrorKind::io, path + ": cannot open: " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(status)));
  }
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  return connection;
}

SqliteConnection::SqliteConnection(SqliteConnection&& other) noexcept
    : path_(std::move(other.path_)), db_(std::exchange(other.db_, nullptr)) {}

SqliteConnection::~SqliteConnection() {
  // close_v2: the file closes once the last statement is finalized, in any order.
  sqlite3_close_v2(db_);
}

Error SqliteConnection::error(std::string_view doing) const {
  return make_error(ErrorKind::io, path_ + ": " + std::string(doing) + ": " + sqlite3_errmsg(db_));
}

Result<void> SqliteConnection::execute(const char* sql, std::string_view doing) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error(doing);
  return {};
}

Result<SqliteStatement> SqliteConnection::prepare(std::string_view sql, std::string_view doing) {
  sqlite3_stmt* statement = nullptr;
  // PERSISTENT: the statement is kept for the life of the connection.
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                         nullptr) != SQLITE_OK) {
    return error(doing);
  }
  return SqliteStatement(statement, path_ + ": " + std::string(doing));
}

Result<SqliteTransaction> SqliteTransaction::begin(SqliteConnection& connection, std::string_view doing) {
  if (auto begun = connection.execute("BEGIN IMMEDIATE", doing); !begun) return begun.error();
  return SqliteTransaction(connection, doing);
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)), doing_(std::move(other.doing_)) {}

SqliteTransaction::~SqliteTransaction() {
  // Nothing to report a failure to: SQLite rolls back on its own if this fails.
  if (connection_) (void)connection_->execute("ROLLBACK", doing_);
}

Result<void> SqliteTransaction::commit() {
  SqliteConnection* connection = std::exchange(connection_, nullptr);
  auto committed = connection->execute("COMMIT", doing_);
  // A failed COMMIT (a full disk) can leave the transaction open.
  if (!committed) (void)connection->execute("ROLLBACK", doing_);
  return committed;
}

}  // namespace gleaner::state
