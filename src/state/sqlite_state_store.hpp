// SqliteStateStore: a job's state in one SQLite file, so that a killed or
// stopped run can be resumed and a later run can re-crawl incrementally
// (conditional requests, page copies reused without a fetch).
//
// Threads: two connections to the file, which is in WAL mode so that reads
// never wait for a commit. One is commit()'s alone, called from the dataset's
// writer thread. The other serves everything else: validators, stored_page
// and robots_files on the loop thread during a crawl, begin_run,
// unfinished_run, end_run and summary before or after it, never while a
// commit may be running. Each connection is used by one thread at a time.
//
// The current run, which commit() and end_run() write to, is the one
// begin_run() started or unfinished_run() returned (a resumed run continues
// under its own id). Before that, and after end_run(), there is none and
// both fail.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "state/sqlite_change_writer.hpp"
#include "state/sqlite_connection.hpp"
#include "state/sqlite_statement.hpp"
#include "state/state_store.hpp"

namespace gleaner::state {

class SqliteStateStore final : public StateStore {
 public:
  // `create`: makes the file, and its parent directories, if missing.
  // Otherwise the file must exist (ErrorKind::not_found, naming `path`).
  // A file that is not a gleaner state file, or of a newer format, is an error.
  static Result<std::unique_ptr<SqliteStateStore>> open(const std::string& path, bool create);

  std::string describe() const override { return connection_.path(); }
  bool keeps_page_copies() const override { return true; }

  Result<std::optional<ResumePoint>> unfinished_run() override;
  Result<void> read_pending(const std::function<void(QueuedUrl)>& each) override;
  Result<std::int64_t> begin_run(UnixSeconds started_at, const std::string& dataset_path) override;
  // Writes `run`'s outcome, end time, counts and dataset progress to the
  // current run; its id, start time and dataset path stay as begun.
  Result<void> end_run(const RunRecord& run) override;

  Result<std::optional<Validators>> validators(Fingerprint key) override;
  Result<std::optional<StoredPage>> stored_page(Fingerprint key) override;
  Result<std::vector<RobotsFile>> robots_files() override;

  // Writer thread. `fetched` without a page drops the stored copy (it is of
  // the page as it was); a URL the run never queued gets no completion, only
  // the change to its copy. A URL queued again in the run keeps its place.
  Result<void> commit(const Changes& changes, const DatasetProgress& dataset) override;

  Result<StateSummary> summary(std::size_t last_runs) override;

 private:
  // The reading connection's statements, prepared once.
  struct Statements {
    SqliteStatement newest_runs;
    SqliteStatement pending_urls;
    SqliteStatement seen_urls;
    SqliteStatement queued_per_host;
    SqliteStatement frontier_counts;
    SqliteStatement count_pages;
    SqliteStatement load_validators;
    SqliteStatement load_page;
    SqliteStatement load_robots;
    SqliteStatement clear_frontier;
    SqliteStatement insert_run;
    SqliteStatement end_run;
  };

  SqliteStateStore(SqliteConnection connection, Statements statements, SqliteChangeWriter writer)
      : connection_(std::move(connection)), statements_(std::move(statements)), writer_(std::move(writer)) {}

  Result<std::vector<RunRecord>> newest_runs(std::size_t count);
  Result<std::uint64_t> pending_count();
  Result<std::vector<Fingerprint>> seen_urls();
  Result<std::vector<std::pair<std::string, long>>> queued_per_host();
  Error no_current_run(std::string_view doing) const;

  // Declared first, so the statements are finalized before it closes.
  SqliteConnection connection_;
  Statements statements_;
  SqliteChangeWriter writer_;
  // 0: none. Set on the calling thread, read on the writer thread.
  std::atomic<std::int64_t> current_run_ = 0;
};

}  // namespace gleaner::state
