// Builders for StateStore tests, the stores under test, and Result checks
// that fail the test with the store's own message.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "state/memory_state_store.hpp"
#include "state/sqlite_state_store.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

namespace gleaner::state::testing {

template <class T>
T value_of(Result<T> result) {
  if (!result) FAIL(result.error().message);
  return std::move(*result);
}

inline void require_ok(const Result<void>& result) {
  if (!result) FAIL(result.error().message);
}

inline QueuedUrl queued(Fingerprint key, const std::string& path, const std::string& host = "shop.test") {
  QueuedUrl url;
  url.key = key;
  url.url = "https://" + host + path;
  url.host = host;
  url.depth = static_cast<int>(key % 5);
  url.referer = "https://" + host + "/";
  url.priority = static_cast<int>(key % 3);
  return url;
}

inline CompletedUrl completed(Fingerprint key, Completion completion, long status = 200, UnixSeconds checked_at = 1000,
                              std::optional<StoredPage> page = std::nullopt) {
  CompletedUrl url;
  url.key = key;
  url.completion = completion;
  url.status = status;
  url.checked_at = checked_at;
  url.page = std::move(page);
  return url;
}

inline StoredPage page(std::string etag, std::uint64_t content_hash, std::vector<std::string> links = {},
                       std::vector<std::string> records = {}) {
  StoredPage page;
  page.validators.etag = std::move(etag);
  page.validators.last_modified = "Sun, 29 Nov 2026 10:00:00 GMT";
  page.validators.content_hash = content_hash;
  page.links = std::move(links);
  page.records = std::move(records);
  return page;
}

inline Changes queue_changes(std::vector<QueuedUrl> urls) {
  Changes changes;
  changes.queued = std::move(urls);
  return changes;
}

inline Changes completion_changes(std::vector<CompletedUrl> urls) {
  Changes changes;
  changes.completed = std::move(urls);
  return changes;
}

// The unfinished run's pending URLs, as read_pending hands them over.
inline std::vector<QueuedUrl> pending_of(StateStore& store) {
  std::vector<QueuedUrl> pending;
  require_ok(store.read_pending([&](QueuedUrl url) { pending.push_back(std::move(url)); }));
  return pending;
}

inline std::vector<std::string> urls_of(const std::vector<QueuedUrl>& queued) {
  std::vector<std::string> urls;
  for (const QueuedUrl& url : queued) urls.push_back(url.url);
  return urls;
}

inline RunRecord ended(RunOutcome outcome, UnixSeconds ended_at = 2000) {
  RunRecord run;
  run.outcome = outcome;
  run.ended_at = ended_at;
  return run;
}

// The two stores, for TEST_CASE_TEMPLATE: each makes a fresh, empty store.
struct MemoryStoreFactory {
  std::unique_ptr<StateStore> open() { return std::make_unique<MemoryStateStore>(); }
};

struct SqliteStoreFactory {
  gleaner::testing::TempDir dir;
  std::string path() const { return (dir.path / "job.state").string(); }
  std::unique_ptr<StateStore> open() { return value_of(SqliteStateStore::open(path(), true)); }
};

}  // namespace gleaner::state::testing
