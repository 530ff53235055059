#include "state/sqlite_change_writer.hpp"

#include <optional>
#include <utility>

#include "state/string_list.hpp"

namespace gleaner::state {
namespace {

// As the urls.completion column holds it; SqliteStateStore::summary counts these names.
std::string_view completion_name(Completion completion) {
  switch (completion) {
    case Completion::fetched: return "fetched";
    case Completion::unchanged: return "unchanged";
    case Completion::failed: return "failed";
    case Completion::gone: return "gone";
    case Completion::skipped: return "skipped";
  }
  return "unknown";
}

}  // namespace

Result<SqliteChangeWriter> SqliteChangeWriter::create(SqliteConnection connection) {
  std::optional<Error> failed;
  auto prepare = [&](std::string_view sql, std::string_view doing) {
    auto statement = connection.prepare(sql, doing);
    if (statement) return std::move(*statement);
    if (!failed) failed = statement.error();
    return SqliteStatement();
  };
  Statements statements{
      .last_queue_order = prepare("SELECT coalesce(max(queue_order), 0) FROM urls", "numbering queued URLs"),
      // A URL queued again in the same run keeps its place and its completion.
      .queue_url = prepare(
          "INSERT OR IGNORE INTO urls (key, queue_order, url, host, depth, referer, priority) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          "storing a queued URL"),
      .complete_url = prepare("UPDATE urls SET completion = ?2, status = ?3 WHERE key = ?1",
                              "storing a completed URL"),
      .store_page = prepare(
          "INSERT OR REPLACE INTO pages (key, etag, last_modified, content_hash, verified_at, links, records) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          "storing a page copy"),
      .confirm_page = prepare("UPDATE pages SET verified_at = ?2 WHERE key = ?1", "confirming a page copy"),
      .drop_page = prepare("DELETE FROM pages WHERE key = ?1", "dropping a page copy"),
      .store_robots = prepare(
          "INSERT OR REPLACE INTO robots (origin, allow_all, body, fetched_at) VALUES (?1, ?2, ?3, ?4)",
          "storing a robots.txt"),
      .store_progress = prepare("UPDATE runs SET committed_bytes = ?2, records = ?3 WHERE id = ?1",
                                "storing the dataset's progress"),
  };
  if (failed) return *failed;
  return SqliteChangeWriter(std::move(connection), std::move(statements));
}

Result<void> SqliteChangeWriter::commit(std::int64_t run, const Changes& changes, const DatasetProgress& dataset) {
  auto transaction = SqliteTransaction::begin(connection_, "committing changes");
  if (!transaction) return transaction.error();
  if (auto queued = queue(changes.queued); !queued) return queued;
  for (const CompletedUrl& url : changes.completed) {
    if (auto completed = complete(url); !completed) return completed;
  }
  for (const RobotsFile& robots : changes.robots) {
    if (auto stored = store(robots); !stored) return stored;
  }
  if (auto stored = store(run, dataset); !stored) return stored;
  return transaction->commit();
}

Result<void> SqliteChangeWriter::queue(const std::vector<QueuedUrl>& urls) {
  if (urls.empty()) return {};
  std::int64_t order = 0;
  {
    auto last = statements_.last_queue_order.use();
    auto row = last.step();
    if (!row) return row.error();
    order = last.integer(0);
  }
  for (const QueuedUrl& url : urls) {
    auto insert = statements_.queue_url.use();
    insert.bind_unsigned(1, url.key)
        .bind(2, ++order)
        .bind(3, url.url)
        .bind(4, url.host)
        .bind(5, url.depth)
        .bind(6, url.referer)
        .bind(7, url.priority);
    if (auto inserted = insert.run(); !inserted) return inserted;
  }
  return {};
}

Result<void> SqliteChangeWriter::complete(const CompletedUrl& url) {
  {
    auto update = statements_.complete_url.use();
    update.bind_unsigned(1, url.key).bind(2, completion_name(url.completion)).bind(3, url.status);
    if (auto updated = update.run(); !updated) return updated;
  }
  switch (url.completion) {
    // Without a new copy, the stored one is of the page as it was: it must not be reused.
    case Completion::fetched: return url.page ? store_page(url.key, *url.page, url.checked_at) : drop_page(url.key);
    case Completion::unchanged: return confirm_page(url.key, url.checked_at);
    case Completion::gone: return drop_page(url.key);
    case Completion::failed:
    case Completion::skipped: return {};
  }
  return {};
}

Result<void> SqliteChangeWriter::store_page(Fingerprint key, const StoredPage& page, UnixSeconds checked_at) {
  auto store = statements_.store_page.use();
  store.bind_unsigned(1, key)
      .bind(2, page.validators.etag)
      .bind(3, page.validators.last_modified)
      .bind_unsigned(4, page.validators.content_hash)
      .bind(5, checked_at)
      .bind(6, encode_string_list(page.links))
      .bind(7, encode_string_list(page.records));
  return store.run();
}

Result<void> SqliteChangeWriter::confirm_page(Fingerprint key, UnixSeconds checked_at) {
  auto confirm = statements_.confirm_page.use();
  confirm.bind_unsigned(1, key).bind(2, checked_at);
  return confirm.run();
}

Result<void> SqliteChangeWriter::drop_page(Fingerprint key) {
  auto drop = statements_.drop_page.use();
  drop.bind_unsigned(1, key);
  return drop.run();
}

Result<void> SqliteChangeWriter::store(const RobotsFile& robots) {
  auto store = statements_.store_robots.use();
  store.bind(1, robots.origin).bind(2, robots.allow_all ? 1 : 0).bind(3, robots.body).bind(4, robots.fetched_at);
  return store.run();
}

Result<void> SqliteChangeWriter::store(std::int64_t run, const DatasetProgress& dataset) {
  auto store = statements_.store_progress.use();
  store.bind(1, run).bind_unsigned(2, dataset.committed_bytes).bind_unsigned(3, dataset.records);
  return store.run();
}

}  // namespace gleaner::state
