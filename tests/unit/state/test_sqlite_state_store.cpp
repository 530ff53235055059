// What only the SQLite store does: page copies, a file that outlives the
// process, the checks on opening a file, and commits from another thread.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "state_samples.hpp"

using namespace gleaner::state;
using namespace gleaner::state::testing;
using gleaner::ErrorKind;
using gleaner::testing::TempDir;

namespace {

std::unique_ptr<SqliteStateStore> open_store(const std::filesystem::path& path, bool create = true) {
  return value_of(SqliteStateStore::open(path.string(), create));
}

// Runs `sql` on the file directly, as another program (or a damaged disk) would.
void execute_directly(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.string().c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int status = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE_MESSAGE(status == SQLITE_OK, message);
}

std::string open_error(const std::filesystem::path& path, bool create) {
  auto store = SqliteStateStore::open(path.string(), create);
  REQUIRE_FALSE(store);
  return store.error().message;
}

const std::vector<std::string> tricky_strings = {
    "", "line one\nline two", "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80", "quote \" [brackets], {}"};

}  // namespace

TEST_CASE("a fetched page's copy is stored as given, verified at the time it was checked") {
  TempDir dir;
  auto store = open_store(dir.path / "job.state");
  CHECK(store->describe() == (dir.path / "job.state").string());
  CHECK(store->keeps_page_copies());
  value_of(store->begin_run(100, "out.jsonl"));
  StoredPage copy = page("W/\"v1\"", 0xFEDCBA9876543210, tricky_strings, {R"({"name":"Lamp\nDesk"})", "{}"});
  copy.validators.verified_at = 5;  // the store uses checked_at
  Changes changes = queue_changes({queued(1, "/a"), queued(2, "/b")});
  changes.completed = {completed(1, Completion::fetched, 200, 1234, copy),
                       completed(2, Completion::fetched, 200, 1234, page("", 0))};
  require_ok(store->commit(changes, {}));

  const auto stored = value_of(store->stored_page(1));
  REQUIRE(stored.has_value());
  CHECK(stored->validators.etag == "W/\"v1\"");
  CHECK(stored->validators.last_modified == "Sun, 29 Nov 2026 10:00:00 GMT");
  CHECK(stored->validators.content_hash == 0xFEDCBA9876543210);
  CHECK(stored->validators.verified_at == 1234);
  CHECK(stored->links == tricky_strings);
  CHECK(stored->records == std::vector<std::string>{R"({"name":"Lamp\nDesk"})", "{}"});

  const auto empty = value_of(store->stored_page(2));
  REQUIRE(empty.has_value());
  CHECK(empty->links.empty());
  CHECK(empty->records.empty());
  CHECK(value_of(store->validators(1))->etag == "W/\"v1\"");
  CHECK_FALSE(value_of(store->validators(3)).has_value());
  CHECK_FALSE(value_of(store->stored_page(3)).has_value());
  CHECK(value_of(store->summary(1)).stored_pages == 2);
}

TEST_CASE("each completion does to the stored copy what it says") {
  TempDir dir;
  auto store = open_store(dir.path / "job.state");
  value_of(store->begin_run(100, "out.jsonl"));
  std::vector<QueuedUrl> urls;
  std::vector<CompletedUrl> first;
  for (Fingerprint key = 1; key <= 6; ++key) {
    urls.push_back(queued(key, "/" + std::to_string(key)));
    first.push_back(completed(key, Completion::fetched, 200, 1000, page("\"v1\"", key, {"https://shop.test/x"})));
  }
  Changes changes = queue_changes(std::move(urls));
  changes.completed = std::move(first);
  require_ok(store->commit(changes, {}));
  require_ok(store->end_run(ended(RunOutcome::complete)));

  value_of(store->begin_run(2000, "out.jsonl"));
  changes = queue_changes({queued(1, "/1"), queued(2, "/2"), queued(3, "/3"), queued(4, "/4"), queued(5, "/5"),
                           queued(6, "/6")});
  changes.completed = {
      completed(1, Completion::fetched, 200, 2001, page("\"v2\"", 100)),
      completed(2, Completion::unchanged, 304, 2002),
      completed(3, Completion::failed, 503, 2003),
      completed(4, Completion::skipped, 0, 2004),
      completed(5, Completion::gone, 410, 2005),
      completed(6, Completion::fetched, 200, 2006),  // no copy: not an HTML page any more
  };
  require_ok(store->commit(changes, {}));

  const auto replaced = value_of(store->stored_page(1));
  REQUIRE(replaced.has_value());
  CHECK(replaced->validators.etag == "\"v2\"");
  CHECK(replaced->validators.content_hash == 100);
  CHECK(replaced->validators.verified_at == 2001);
  CHECK(replaced->links.empty());

  const auto confirmed = value_of(store->stored_page(2));
  REQUIRE(confirmed.has_value());
  CHECK(confirmed->validators.etag == "\"v1\"");
  CHECK(confirmed->validators.verified_at == 2002);
  CHECK(confirmed->links == std::vector<std::string>{"https://shop.test/x"});

  for (Fingerprint untouched : {Fingerprint{3}, Fingerprint{4}}) {
    const auto kept = value_of(store->validators(untouched));
    REQUIRE(kept.has_value());
    CHECK(kept->verified_at == 1000);
    CHECK(kept->content_hash == untouched);
  }
  CHECK_FALSE(value_of(store->stored_page(5)).has_value());
  CHECK_FALSE(value_of(store->stored_page(6)).has_value());
  CHECK(value_of(store->summary(1)).stored_pages == 4);
}

TEST_CASE("fingerprints and hashes of 2^63 and above come back exactly") {
  TempDir dir;
  auto store = open_store(dir.path / "job.state");
  value_of(store->begin_run(100, "out.jsonl"));
  const std::vector<Fingerprint> keys = {0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 1, 0};
  Changes changes;
  for (Fingerprint key : keys) {
    changes.queued.push_back(queued(key, "/" + std::to_string(key)));
    changes.completed.push_back(completed(key, Completion::fetched, 200, 1000, page("", ~key)));
  }
  changes.completed.pop_back();  // 0 stays pending
  require_ok(store->commit(changes, {}));

  for (Fingerprint key : keys) {
    const auto validators = value_of(store->validators(key));
    if (key == 0) {
      CHECK_FALSE(validators.has_value());
      continue;
    }
    REQUIRE(validators.has_value());
    CHECK(validators->content_hash == ~key);
  }
  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->seen == keys);
  CHECK(resume->pending == 1);
  const std::vector<QueuedUrl> pending = pending_of(*store);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].key == 0);
}

TEST_CASE("runs, page copies and the pending frontier outlive the store object") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  {
    auto store = open_store(path);
    value_of(store->begin_run(100, "out.jsonl"));
    Changes changes = queue_changes({queued(1, "/a"), queued(2, "/b")});
    changes.completed = {completed(1, Completion::fetched, 200, 1000, page("\"e\"", 42, {"https://shop.test/b"}))};
    changes.robots = {{"https://shop.test:443", false, "User-agent: *\n", 1000}};
    require_ok(store->commit(changes, {10, 1}));
    require_ok(store->end_run(ended(RunOutcome::stopped, 1500)));
  }
  auto store = open_store(path, false);
  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->run.id == 1);
  CHECK(resume->run.outcome == RunOutcome::stopped);
  CHECK(resume->run.ended_at == 1500);
  CHECK(urls_of(pending_of(*store)) == std::vector<std::string>{"https://shop.test/b"});
  const auto copy = value_of(store->stored_page(1));
  REQUIRE(copy.has_value());
  CHECK(copy->validators.content_hash == 42);
  CHECK(copy->links == std::vector<std::string>{"https://shop.test/b"});
  CHECK(value_of(store->robots_files()).size() == 1);
}

TEST_CASE("a killed run is resumed from the file, under its own id, until it completes") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  {
    auto store = open_store(path);
    CHECK(value_of(store->begin_run(100, "out.jsonl")) == 1);
    require_ok(store->commit(queue_changes({queued(1, "/a"), queued(2, "/b"), queued(3, "/c")}), {}));
    require_ok(store->commit(completion_changes({completed(1, Completion::fetched)}), {2048, 5}));
    // Destroyed without end_run: the process was killed.
  }
  auto store = open_store(path);
  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->run.id == 1);
  CHECK(resume->run.outcome == RunOutcome::running);
  CHECK(resume->run.ended_at == 0);
  CHECK(resume->run.dataset.committed_bytes == 2048);
  CHECK(resume->run.dataset.records == 5);
  CHECK(urls_of(pending_of(*store)) == std::vector<std::string>{"https://shop.test/b", "https://shop.test/c"});
  CHECK(resume->seen == std::vector<Fingerprint>{1, 2, 3});

  Changes more = queue_changes({queued(4, "/d")});
  more.completed = {completed(2, Completion::fetched), completed(3, Completion::gone, 404),
                    completed(4, Completion::fetched)};
  require_ok(store->commit(more, {4096, 9}));
  RunRecord done = ended(RunOutcome::complete, 900);
  done.dataset = {4096, 9};
  require_ok(store->end_run(done));
  CHECK_FALSE(value_of(store->unfinished_run()).has_value());

  const StateSummary summary = value_of(store->summary(10));
  REQUIRE(summary.last_runs.size() == 1);
  CHECK(summary.last_runs[0].id == 1);
  CHECK(summary.last_runs[0].dataset.committed_bytes == 4096);
  CHECK(summary.seen == 4);
  CHECK(summary.done == 3);
  CHECK(summary.gone == 1);
}

TEST_CASE("the run after a complete one queues a URL again and finds its validators") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  {
    auto store = open_store(path);
    value_of(store->begin_run(100, "out.jsonl"));
    Changes changes = queue_changes({queued(1, "/a")});
    changes.completed = {completed(1, Completion::fetched, 200, 150, page("\"abc\"", 77))};
    require_ok(store->commit(changes, {}));
    require_ok(store->end_run(ended(RunOutcome::complete)));
  }
  auto store = open_store(path);
  CHECK_FALSE(value_of(store->unfinished_run()).has_value());
  CHECK(value_of(store->begin_run(86500, "out.jsonl")) == 2);
  require_ok(store->commit(queue_changes({queued(1, "/a")}), {}));
  const auto validators = value_of(store->validators(1));
  REQUIRE(validators.has_value());
  CHECK(validators->etag == "\"abc\"");
  CHECK(validators->verified_at == 150);
  const StateSummary summary = value_of(store->summary(10));
  CHECK(summary.pending == 1);
  CHECK(summary.last_runs.size() == 2);
}

TEST_CASE("opening creates missing parent directories, but only when asked to create") {
  TempDir dir;
  const auto path = dir.path / "state" / "nested" / "job.state";
  const auto missing = SqliteStateStore::open(path.string(), false);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == ErrorKind::not_found);
  CHECK(missing.error().message == path.string() + ": no such state file");
  CHECK_FALSE(std::filesystem::exists(path.parent_path()));

  open_store(path);
  CHECK(std::filesystem::exists(path));
  CHECK(open_store(path, false) != nullptr);
}

TEST_CASE("a file that is not a gleaner state file is refused, and left as it was") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  SUBCASE("text") {
    std::ofstream(path) << "this is a text file, long enough to have a header of its own, it is not SQLite at all.\n";
  }
  SUBCASE("another program's SQLite database") {
    execute_directly(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
  }
  const std::string before = gleaner::testing::read_file(path);
  CHECK(open_error(path, true) == path.string() + ": not a gleaner state file");
  CHECK(open_error(path, false) == path.string() + ": not a gleaner state file");
  CHECK(gleaner::testing::read_file(path) == before);
}

TEST_CASE("an empty file becomes a state file only when asked to create") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  std::ofstream{path};
  CHECK(open_error(path, false) == path.string() + ": not a gleaner state file");
  open_store(path);
  open_store(path, false);
}

TEST_CASE("a state file of a newer format is refused") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  open_store(path);
  execute_directly(path, "PRAGMA user_version = 7;");
  CHECK(open_error(path, false) == path.string() + ": state format 7 is newer than this gleaner understands");
}

TEST_CASE("a damaged page copy is reported, naming the file and the URL") {
  TempDir dir;
  const auto path = dir.path / "job.state";
  auto store = open_store(path);
  value_of(store->begin_run(100, "out.jsonl"));
  Changes changes = queue_changes({queued(5, "/a")});
  changes.completed = {completed(5, Completion::fetched, 200, 150, page("", 1))};
  require_ok(store->commit(changes, {}));
  execute_directly(path, "UPDATE pages SET links = 'not json' WHERE key = 5;");
  const auto page = store->stored_page(5);
  REQUIRE_FALSE(page);
  CHECK(page.error().message ==
        path.string() + ": the page copy of URL 5 is damaged: its links or records are not a JSON array of strings");
}

TEST_CASE("commits on another thread run while this thread reads") {
  TempDir dir;
  auto store = open_store(dir.path / "job.state");
  value_of(store->begin_run(100, "out.jsonl"));
  constexpr Fingerprint commits = 200;
  std::atomic<bool> writing = true;
  std::string writer_error;
  std::thread writer([&] {
    for (Fingerprint key = 1; key <= commits; ++key) {
      Changes changes = queue_changes({queued(key, "/" + std::to_string(key))});
      changes.completed = {completed(key, Completion::fetched, 200, 1000, page("\"e\"", key, {"https://shop.test/"}))};
      if (auto committed = store->commit(changes, {key * 10, key}); !committed) {
        writer_error = committed.error().message;
        break;
      }
    }
    writing = false;
  });
  std::string reader_error;
  long lookups = 0;
  while (writing || lookups == 0) {
    const Fingerprint key = 1 + static_cast<Fingerprint>(lookups) % commits;
    auto validators = store->validators(key);
    if (!validators) {
      reader_error = validators.error().message;
      break;
    }
    if (validators->has_value() && (*validators)->content_hash != key) {
      reader_error = "wrong copy for " + std::to_string(key);
      break;
    }
    ++lookups;
  }
  writer.join();
  CHECK(writer_error.empty());
  CHECK(reader_error.empty());
  CHECK(value_of(store->summary(1)).stored_pages == commits);
  CHECK(value_of(store->unfinished_run())->run.dataset.committed_bytes == commits * 10);
}

TEST_CASE("one commit can queue 20,000 URLs") {
  TempDir dir;
  auto store = open_store(dir.path / "job.state");
  value_of(store->begin_run(100, "out.jsonl"));
  Changes changes;
  for (Fingerprint key = 1; key <= 20'000; ++key) {
    changes.queued.push_back(queued(key * 0x9E3779B97F4A7C15, "/p/" + std::to_string(key), "h" + std::to_string(key % 7) + ".test"));
  }
  require_ok(store->commit(changes, {}));
  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->pending == 20'000);
  const std::vector<QueuedUrl> pending = pending_of(*store);
  REQUIRE(pending.size() == 20'000);
  CHECK(pending.front().url == "https://h1.test/p/1");
  CHECK(pending.back().url == "https://h1.test/p/20000");
  CHECK(resume->queued_per_host.size() == 7);
}
