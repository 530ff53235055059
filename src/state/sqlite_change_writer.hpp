// SqliteChangeWriter: the commit side of SqliteStateStore. Owns the
// connection that only the dataset's writer thread uses, and applies each
// commit's Changes and DatasetProgress in one transaction, with statements
// prepared once.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "state/sqlite_connection.hpp"
#include "state/sqlite_statement.hpp"
#include "state/state_store.hpp"

namespace gleaner::state {

class SqliteChangeWriter {
 public:
  // `connection` is to a state file prepared already (prepare_state_file).
  static Result<SqliteChangeWriter> create(SqliteConnection connection);

  // All or nothing: on an error the file is as it was before.
  Result<void> commit(std::int64_t run, const Changes& changes, const DatasetProgress& dataset);

 private:
  struct Statements {
    SqliteStatement last_queue_order;
    SqliteStatement queue_url;
    SqliteStatement complete_url;
    SqliteStatement store_page;
    SqliteStatement confirm_page;
    SqliteStatement drop_page;
    SqliteStatement store_robots;
    SqliteStatement store_progress;
  };

  SqliteChangeWriter(SqliteConnection connection, Statements statements)
      : connection_(std::move(connection)), statements_(std::move(statements)) {}

  Result<void> queue(const std::vector<QueuedUrl>& urls);
  Result<void> complete(const CompletedUrl& url);
  // verified_at is set to `checked_at`: when the page was last known right.
  Result<void> store_page(Fingerprint key, const StoredPage& page, UnixSeconds checked_at);
  Result<void> confirm_page(Fingerprint key, UnixSeconds checked_at);
  Result<void> drop_page(Fingerprint key);
  Result<void> store(const RobotsFile& robots);
  Result<void> store(std::int64_t run, const DatasetProgress& dataset);

  // Declared first, so the statements are finalized before it closes.
  SqliteConnection connection_;
  Statements statements_;
};

}  // namespace gleaner::state
