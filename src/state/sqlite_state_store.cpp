#include "state/sqlite_state_store.hpp"

#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "core/parent_directories.hpp"
#include "state/sqlite_schema.hpp"
#include "state/string_list.hpp"

namespace gleaner::state {
namespace {

// The columns of the newest_runs statement, in its order.
Result<RunRecord> read_run(const SqliteStatement::Use& row, const std::string& path) {
  RunRecord run;
  run.id = row.integer(0);
  run.started_at = row.integer(1);
  run.ended_at = row.integer(2);
  const std::string outcome = row.text(3);
  const auto parsed = parse_run_outcome(outcome);
  if (!parsed) {
    return make_error(ErrorKind::io, path + ": run " + std::to_string(run.id) + " has an unknown outcome \"" +
                                         outcome + "\"");
  }
  run.outcome = *parsed;
  run.dataset_path = row.text(4);
  run.dataset.committed_bytes = row.unsigned_integer(5);
  run.dataset.records = row.unsigned_integer(6);
  run.counts.fetched = row.unsigned_integer(7);
  run.counts.not_modified = row.unsigned_integer(8);
  run.counts.not_due = row.unsigned_integer(9);
  run.counts.changed = row.unsigned_integer(10);
  run.counts.new_pages = row.unsigned_integer(11);
  run.counts.gone = row.unsigned_integer(12);
  run.counts.failed = row.unsigned_integer(13);
  run.counts.items = row.unsigned_integer(14);
  return run;
}

Validators read_validators(const SqliteStatement::Use& row) {
  Validators validators;
  validators.etag = row.text(0);
  validators.last_modified = row.text(1);
  validators.content_hash = row.unsigned_integer(2);
  validators.verified_at = row.integer(3);
  return validators;
}

}  // namespace

Result<std::unique_ptr<SqliteStateStore>> SqliteStateStore::open(const std::string& path, bool create) {
  if (create) {
    if (auto created = create_parent_directories(path); !created) return created.error();
  } else if (std::error_code error; !std::filesystem::exists(path, error)) {
    return make_error(ErrorKind::not_found, path + ": no such state file");
  }
  auto reader = SqliteConnection::open(path, create);
  if (!reader) return reader.error();
  if (auto prepared = prepare_state_file(*reader, create); !prepared) return prepared.error();
  auto writer_connection = SqliteConnection::open(path, false);
  if (!writer_connection) return writer_connection.error();
  for (SqliteConnection* connection : {&*reader, &*writer_connection}) {
    if (auto configured = configure_connection(*connection); !configured) return configured.error();
  }
  auto writer = SqliteChangeWriter::create(std::move(*writer_connection));
  if (!writer) return writer.error();

  std::optional<Error> failed;
  auto prepare = [&](std::string_view sql, std::string_view doing) {
    auto statement = reader->prepare(sql, doing);
    if (statement) return std::move(*statement);
    if (!failed) failed = statement.error();
    return SqliteStatement();
  };
  Statements statements{
      .newest_runs = prepare(
          "SELECT id, started_at, ended_at, outcome, dataset_path, committed_bytes, records, fetched, not_modified, "
          "not_due, changed, new_pages, gone, failed, items FROM runs ORDER BY id DESC LIMIT ?1",
          "reading runs"),
      .pending_urls = prepare(
          "SELECT key, url, host, depth, referer, priority FROM urls WHERE completion IS NULL ORDER BY queue_order",
          "reading the pending URLs"),
      .seen_urls = prepare("SELECT key FROM urls ORDER BY queue_order", "reading the queued URLs"),
      .queued_per_host = prepare("SELECT host, count(*) FROM urls GROUP BY host ORDER BY host",
                                 "counting queued URLs per host"),
      // The completion names SqliteChangeWriter stores.
      .frontier_counts = prepare(
          "SELECT count(*), coalesce(sum(completion IS NULL), 0), "
          "coalesce(sum(completion IN ('fetched', 'unchanged', 'skipped')), 0), "
          "coalesce(sum(completion = 'failed'), 0), coalesce(sum(completion = 'gone'), 0) FROM urls",
          "counting the frontier"),
      .count_pages = prepare("SELECT count(*) FROM pages", "counting page copies"),
      .load_validators = prepare(
          "SELECT etag, last_modified, content_hash, verified_at FROM pages WHERE key = ?1",
          "looking up validators"),
      .load_page = prepare(
          "SELECT etag, last_modified, content_hash, verified_at, links, records FROM pages WHERE key = ?1",
          "reading a page copy"),
      .load_robots = prepare("SELECT origin, allow_all, body, fetched_at FROM robots ORDER BY origin",
                             "reading robots.txt files"),
      .clear_frontier = prepare("DELETE FROM urls", "starting a run"),
      .insert_run = prepare("INSERT INTO runs (started_at, outcome, dataset_path) VALUES (?1, 'running', ?2)",
                            "starting a run"),
      .end_run = prepare(
          "UPDATE runs SET ended_at = ?2, outcome = ?3, committed_bytes = ?4, records = ?5, fetched = ?6, "
          "not_modified = ?7, not_due = ?8, changed = ?9, new_pages = ?10, gone = ?11, failed = ?12, items = ?13 "
          "WHERE id = ?1",
          "ending the run"),
  };
  if (failed) return *failed;
  return std::unique_ptr<SqliteStateStore>(
      new SqliteStateStore(std::move(*reader), std::move(statements), std::move(*writer)));
}

Error SqliteStateStore::no_current_run(std::string_view doing) const {
  return make_error(ErrorKind::invalid_argument,
                    describe() + ": " + std::string(doing) + ": no run begun or resumed");
}

Result<std::vector<RunRecord>> SqliteStateStore::newest_runs(std::size_t count) {
  std::vector<RunRecord> runs;
  auto query = statements_.newest_runs.use();
  query.bind(1, static_cast<std::int64_t>(count));
  for (;;) {
    auto row = query.step();
    if (!row) return row.error();
    if (!*row) return runs;
    auto run = read_run(query, describe());
    if (!run) return run.error();
    runs.push_back(std::move(*run));
  }
}

Result<void> SqliteStateStore::read_pending(const std::function<void(QueuedUrl)>& each) {
  auto query = statements_.pending_urls.use();
  for (;;) {
    auto row = query.step();
    if (!row) return row.error();
    if (!*row) return {};
    QueuedUrl url;
    url.key = query.unsigned_integer(0);
    url.url = query.text(1);
    url.host = query.text(2);
    url.depth = static_cast<int>(query.integer(3));
    url.referer = query.text(4);
    url.priority = static_cast<int>(query.integer(5));
    each(std::move(url));
  }
}

Result<std::uint64_t> SqliteStateStore::pending_count() {
  auto counts = statements_.frontier_counts.use();
  auto row = counts.step();
  if (!row) return row.error();
  return counts.unsigned_integer(1);
}

Result<std::vector<Fingerprint>> SqliteStateStore::seen_urls() {
  std::vector<Fingerprint> keys;
  auto query = statements_.seen_urls.use();
  for (;;) {
    auto row = query.step();
    if (!row) return row.error();
    if (!*row) return keys;
    keys.push_back(query.unsigned_integer(0));
  }
}

Result<std::vector<std::pair<std::string, long>>> SqliteStateStore::queued_per_host() {
  std::vector<std::pair<std::string, long>> hosts;
  auto query = statements_.queued_per_host.use();
  for (;;) {
    auto row = query.step();
    if (!row) return row.error();
    if (!*row) return hosts;
    hosts.emplace_back(query.text(0), query.integer(1));
  }
}

Result<std::optional<ResumePoint>> SqliteStateStore::unfinished_run() {
  auto newest = newest_runs(1);
  if (!newest) return newest.error();
  if (newest->empty() || newest->front().outcome == RunOutcome::complete) return std::optional<ResumePoint>();

  ResumePoint resume;
  resume.run = std::move(newest->front());
  auto pending = pending_count();
  if (!pending) return pending.error();
  resume.pending = *pending;
  auto seen = seen_urls();
  if (!seen) return seen.error();
  resume.seen = std::move(*seen);
  auto hosts = queued_per_host();
  if (!hosts) return hosts.error();
  resume.queued_per_host = std::move(*hosts);
  current_run_ = resume.run.id;
  return std::optional<ResumePoint>(std::move(resume));
}

Result<std::int64_t> SqliteStateStore::begin_run(UnixSeconds started_at, const std::string& dataset_path) {
  auto transaction = SqliteTransaction::begin(connection_, "starting a run");
  if (!transaction) return transaction.error();
  if (auto cleared = statements_.clear_frontier.use().run(); !cleared) return cleared.error();
  {
    auto insert = statements_.insert_run.use();
    insert.bind(1, started_at).bind(2, dataset_path);
    if (auto inserted = insert.run(); !inserted) return inserted.error();
  }
  const std::int64_t id = connection_.last_insert_id();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  current_run_ = id;
  return id;
}

Result<void> SqliteStateStore::end_run(const RunRecord& run) {
  const std::int64_t id = current_run_;
  if (id == 0) return no_current_run("ending the run");
  auto update = statements_.end_run.use();
  update.bind(1, id)
      .bind(2, run.ended_at)
      .bind(3, to_string(run.outcome))
      .bind_unsigned(4, run.dataset.committed_bytes)
      .bind_unsigned(5, run.dataset.records)
      .bind_unsigned(6, run.counts.fetched)
      .bind_unsigned(7, run.counts.not_modified)
      .bind_unsigned(8, run.counts.not_due)
      .bind_unsigned(9, run.counts.changed)
      .bind_unsigned(10, run.counts.new_pages)
      .bind_unsigned(11, run.counts.gone)
      .bind_unsigned(12, run.counts.failed)
      .bind_unsigned(13, run.counts.items);
  if (auto updated = update.run(); !updated) return updated;
  current_run_ = 0;
  return {};
}

Result<std::optional<Validators>> SqliteStateStore::validators(Fingerprint key) {
  auto query = statements_.load_validators.use();
  query.bind_unsigned(1, key);
  auto row = query.step();
  if (!row) return row.error();
  if (!*row) return std::optional<Validators>();
  return std::optional<Validators>(read_validators(query));
}

Result<std::optional<StoredPage>> SqliteStateStore::stored_page(Fingerprint key) {
  auto query = statements_.load_page.use();
  query.bind_unsigned(1, key);
  auto row = query.step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredPage>();
  StoredPage page;
  page.validators = read_validators(query);
  auto links = decode_string_list(query.text(4));
  auto records = decode_string_list(query.text(5));
  if (!links || !records) {
    return make_error(ErrorKind::io, describe() + ": the page copy of URL " + std::to_string(key) +
                                         " is damaged: its links or records are not a JSON array of strings");
  }
  page.links = std::move(*links);
  page.records = std::move(*records);
  return std::optional<StoredPage>(std::move(page));
}

Result<std::vector<RobotsFile>> SqliteStateStore::robots_files() {
  std::vector<RobotsFile> files;
  auto query = statements_.load_robots.use();
  for (;;) {
    auto row = query.step();
    if (!row) return row.error();
    if (!*row) return files;
    RobotsFile& file = files.emplace_back();
    file.origin = query.text(0);
    file.allow_all = query.integer(1) != 0;
    file.body = query.text(2);
    file.fetched_at = query.integer(3);
  }
}

Result<void> SqliteStateStore::commit(const Changes& changes, const DatasetProgress& dataset) {
  const std::int64_t run = current_run_;
  if (run == 0) return no_current_run("committing changes");
  return writer_.commit(run, changes, dataset);
}

Result<StateSummary> SqliteStateStore::summary(std::size_t last_runs) {
  StateSummary summary;
  {
    auto counts = statements_.frontier_counts.use();
    auto row = counts.step();
    if (!row) return row.error();
    summary.seen = counts.unsigned_integer(0);
    summary.pending = counts.unsigned_integer(1);
    summary.done = counts.unsigned_integer(2);
    summary.failed = counts.unsigned_integer(3);
    summary.gone = counts.unsigned_integer(4);
  }
  {
    auto pages = statements_.count_pages.use();
    auto row = pages.step();
    if (!row) return row.error();
    summary.stored_pages = pages.unsigned_integer(0);
  }
  auto runs = newest_runs(last_runs);
  if (!runs) return runs.error();
  summary.last_runs = std::move(*runs);
  return summary;
}

}  // namespace gleaner::state
