// SqliteFrontierSpill: the frontier's overflow (crawl::FrontierSpill) in a
// scratch SQLite file. The file is created in a directory (TMPDIR by default)
// and unlinked at once, so only this process can reach it and it is gone when
// the process ends, however it ends. Nothing here needs to survive a crash:
// with a state file, every queued URL is in the state already and a resumed
// run queues it again, so the file runs without journal or fsync.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "crawl/frontier_spill.hpp"
#include "state/sqlite_connection.hpp"
#include "state/sqlite_statement.hpp"

namespace gleaner::state {

class SqliteFrontierSpill final : public crawl::FrontierSpill {
 public:
  // `directory`: where the scratch file is made; empty: $TMPDIR, else /tmp.
  static Result<std::unique_ptr<SqliteFrontierSpill>> open(const std::string& directory);

  Result<void> put(const crawl::SpilledRequest& spilled) override;
  Result<std::vector<crawl::SpilledRequest>> take_best(const std::string& host, std::size_t count) override;
  std::optional<crawl::QueueRank> best_rank(const std::string& host) const override;
  std::size_t size() const override { return size_; }
  // The scratch file's size (for the benchmark's bytes-per-URL figure).
  std::size_t file_bytes();

  SqliteFrontierSpill(SqliteConnection connection, SqliteStatement insert, SqliteStatement select_best,
                      SqliteStatement delete_best, SqliteStatement best_rank)
      : connection_(std::move(connection)),
        insert_(std::move(insert)),
        select_best_(std::move(select_best)),
        delete_best_(std::move(delete_best)),
        best_rank_(std::move(best_rank)) {}

 private:
  // Puts go in transactions of many rows: one write of the file per batch.
  Result<void> begin_batch();
  Result<void> end_batch();

  SqliteConnection connection_;
  SqliteStatement insert_;
  SqliteStatement select_best_;
  SqliteStatement delete_best_;
  mutable SqliteStatement best_rank_;
  std::size_t size_ = 0;
  std::size_t puts_in_batch_ = 0;
  bool in_batch_ = false;
};

}  // namespace gleaner::state
