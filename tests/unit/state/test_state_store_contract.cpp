// The StateStore contract, run against both stores. Page copies are the one
// difference (MemoryStateStore keeps none): they are tested per store.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "state_samples.hpp"

using namespace gleaner::state;
using namespace std::string_literals;
using namespace gleaner::state::testing;

TYPE_TO_STRING(MemoryStoreFactory);
TYPE_TO_STRING(SqliteStoreFactory);

#define STORES MemoryStoreFactory, SqliteStoreFactory

TEST_CASE_TEMPLATE("a new store has no run to resume and an empty summary", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  CHECK_FALSE(value_of(store->unfinished_run()).has_value());
  const StateSummary summary = value_of(store->summary(10));
  CHECK(summary.seen == 0);
  CHECK(summary.pending == 0);
  CHECK(summary.stored_pages == 0);
  CHECK(summary.last_runs.empty());
  CHECK(value_of(store->robots_files()).empty());
}

TEST_CASE_TEMPLATE("runs are numbered 1, 2, 3 and each starts with an empty frontier", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  CHECK(value_of(store->begin_run(100, "out/a.jsonl")) == 1);
  require_ok(store->commit(queue_changes({queued(1, "/a"), queued(2, "/b")}), {}));
  require_ok(store->end_run(ended(RunOutcome::stopped)));
  CHECK(value_of(store->begin_run(200, "out/b.jsonl")) == 2);

  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->run.id == 2);
  CHECK(resume->run.started_at == 200);
  CHECK(resume->run.ended_at == 0);
  CHECK(resume->run.outcome == RunOutcome::running);
  CHECK(resume->run.dataset_path == "out/b.jsonl");
  CHECK(resume->pending == 0);
  CHECK(pending_of(*store).empty());
  CHECK(resume->seen.empty());
  CHECK(resume->queued_per_host.empty());
  require_ok(store->end_run(ended(RunOutcome::complete)));
  CHECK(value_of(store->begin_run(300, "-")) == 3);
}

TEST_CASE_TEMPLATE("an unfinished run gives its pending URLs in queue order and every URL it queued", Factory,
                   STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->commit(queue_changes({queued(30, "/c"), queued(10, "/a")}), {}));
  require_ok(store->commit(queue_changes({queued(20, "/b", "other.test"), queued(40, "/d")}), {}));
  require_ok(store->commit(completion_changes({completed(10, Completion::fetched)}), {}));

  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->pending == 3);
  const std::vector<QueuedUrl> pending = pending_of(*store);
  CHECK(urls_of(pending) ==
        std::vector<std::string>{"https://shop.test/c", "https://other.test/b", "https://shop.test/d"});
  CHECK(resume->seen == std::vector<Fingerprint>{30, 10, 20, 40});
  CHECK(resume->queued_per_host ==
        std::vector<std::pair<std::string, long>>{{"other.test", 1}, {"shop.test", 3}});

  REQUIRE(!pending.empty());
  const QueuedUrl& first = pending.front();
  const QueuedUrl expected = queued(30, "/c");
  CHECK(first.key == expected.key);
  CHECK(first.host == expected.host);
  CHECK(first.depth == expected.depth);
  CHECK(first.referer == expected.referer);
  CHECK(first.priority == expected.priority);
}

TEST_CASE_TEMPLATE("a URL queued twice in one run keeps its first place and its completion", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  Changes changes = queue_changes({queued(1, "/a"), queued(2, "/b")});
  changes.completed = {completed(1, Completion::fetched)};
  require_ok(store->commit(changes, {}));
  require_ok(store->commit(queue_changes({queued(3, "/c"), queued(1, "/a"), queued(2, "/b")}), {}));

  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->pending == 2);
  CHECK(urls_of(pending_of(*store)) == std::vector<std::string>{"https://shop.test/b", "https://shop.test/c"});
  CHECK(resume->seen == std::vector<Fingerprint>{1, 2, 3});
}

TEST_CASE_TEMPLATE("a URL done in an earlier run is queued afresh in the next", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  Changes first = queue_changes({queued(1, "/a"), queued(2, "/b")});
  first.completed = {completed(1, Completion::fetched), completed(2, Completion::fetched)};
  require_ok(store->commit(first, {}));
  require_ok(store->end_run(ended(RunOutcome::complete)));

  value_of(store->begin_run(200, "out.jsonl"));
  QueuedUrl again = queued(1, "/a");
  again.depth = 4;
  again.referer = "https://shop.test/elsewhere";
  require_ok(store->commit(queue_changes({queued(3, "/c"), again}), {}));

  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  const std::vector<QueuedUrl> pending = pending_of(*store);
  CHECK(urls_of(pending) == std::vector<std::string>{"https://shop.test/c", "https://shop.test/a"});
  REQUIRE(pending.size() == 2);
  CHECK(pending.back().depth == 4);
  CHECK(pending.back().referer == "https://shop.test/elsewhere");
  CHECK(resume->seen == std::vector<Fingerprint>{3, 1});
}

TEST_CASE_TEMPLATE("a completion of a URL the run never queued is not counted", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->commit(queue_changes({queued(1, "/a")}), {}));
  require_ok(store->commit(completion_changes({completed(99, Completion::fetched)}), {}));
  const StateSummary summary = value_of(store->summary(1));
  CHECK(summary.seen == 1);
  CHECK(summary.pending == 1);
  CHECK(summary.done == 0);
}

TEST_CASE_TEMPLATE("the summary counts the newest run's URLs by how they ended", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->commit(queue_changes({queued(9, "/old")}), {}));
  require_ok(store->end_run(ended(RunOutcome::stopped)));

  value_of(store->begin_run(200, "out.jsonl"));
  std::vector<QueuedUrl> urls;
  for (Fingerprint key = 1; key <= 8; ++key) urls.push_back(queued(key, "/" + std::to_string(key)));
  Changes changes = queue_changes(std::move(urls));
  changes.completed = {
      completed(1, Completion::fetched),   completed(2, Completion::unchanged, 304),
      completed(3, Completion::skipped, 0), completed(4, Completion::failed, 503),
      completed(5, Completion::failed, 0),  completed(6, Completion::gone, 404),
  };
  require_ok(store->commit(changes, {}));

  const StateSummary summary = value_of(store->summary(10));
  CHECK(summary.seen == 8);
  CHECK(summary.pending == 2);
  CHECK(summary.done == 3);
  CHECK(summary.failed == 2);
  CHECK(summary.gone == 1);
}

TEST_CASE_TEMPLATE("the summary lists at most the asked number of runs, newest first", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  for (int run = 1; run <= 4; ++run) {
    value_of(store->begin_run(100 * run, "out-" + std::to_string(run) + ".jsonl"));
    require_ok(store->end_run(ended(RunOutcome::complete, 100 * run + 50)));
  }
  const StateSummary summary = value_of(store->summary(3));
  REQUIRE(summary.last_runs.size() == 3);
  CHECK(summary.last_runs[0].id == 4);
  CHECK(summary.last_runs[0].started_at == 400);
  CHECK(summary.last_runs[0].ended_at == 450);
  CHECK(summary.last_runs[0].dataset_path == "out-4.jsonl");
  CHECK(summary.last_runs[1].id == 3);
  CHECK(summary.last_runs[2].id == 2);
  CHECK(value_of(store->summary(0)).last_runs.empty());
  CHECK(value_of(store->summary(100)).last_runs.size() == 4);
}

TEST_CASE_TEMPLATE("end_run records the outcome, end time, counts and dataset progress", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  RunRecord run = ended(RunOutcome::max_runtime, 180);
  run.id = 1;
  run.started_at = 999;        // not the store's to change
  run.dataset_path = "other";  // not the store's to change
  run.dataset = {4096, 12};
  run.counts = {20, 3, 4, 5, 6, 7, 8, 12};
  require_ok(store->end_run(run));

  const auto runs = value_of(store->summary(1)).last_runs;
  REQUIRE(runs.size() == 1);
  const RunRecord& stored = runs.front();
  CHECK(stored.id == 1);
  CHECK(stored.started_at == 100);
  CHECK(stored.ended_at == 180);
  CHECK(stored.dataset_path == "out.jsonl");
  CHECK(stored.outcome == RunOutcome::max_runtime);
  CHECK(stored.dataset.committed_bytes == 4096);
  CHECK(stored.dataset.records == 12);
  CHECK(stored.counts.fetched == 20);
  CHECK(stored.counts.not_modified == 3);
  CHECK(stored.counts.not_due == 4);
  CHECK(stored.counts.changed == 5);
  CHECK(stored.counts.new_pages == 6);
  CHECK(stored.counts.gone == 7);
  CHECK(stored.counts.failed == 8);
  CHECK(stored.counts.items == 12);
}

TEST_CASE_TEMPLATE("only a complete run leaves nothing to resume", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->commit(queue_changes({queued(1, "/a")}), {}));

  SUBCASE("killed: never ended") {
    CHECK(value_of(store->unfinished_run()).has_value());
  }
  for (RunOutcome outcome : {RunOutcome::stopped, RunOutcome::max_runtime, RunOutcome::failed}) {
    SUBCASE(std::string(to_string(outcome)).c_str()) {
      require_ok(store->end_run(ended(outcome)));
      const auto resume = value_of(store->unfinished_run());
      REQUIRE(resume.has_value());
      CHECK(resume->run.outcome == outcome);
      CHECK(resume->pending == 1);
      CHECK(pending_of(*store).size() == 1);
    }
  }
  SUBCASE("complete") {
    require_ok(store->end_run(ended(RunOutcome::complete)));
    CHECK_FALSE(value_of(store->unfinished_run()).has_value());
  }
}

TEST_CASE_TEMPLATE("a resumed run carries on under its own id", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->commit(queue_changes({queued(1, "/a"), queued(2, "/b")}), {100, 1}));
  RunRecord stopped = ended(RunOutcome::stopped);
  stopped.dataset = {100, 1};
  require_ok(store->end_run(stopped));

  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->run.id == 1);
  CHECK(resume->run.dataset.committed_bytes == 100);
  Changes more = queue_changes({queued(3, "/c")});
  more.completed = {completed(1, Completion::fetched), completed(2, Completion::fetched)};
  require_ok(store->commit(more, {300, 3}));
  CHECK(value_of(store->unfinished_run())->pending == 1);
  CHECK(urls_of(pending_of(*store)) == std::vector<std::string>{"https://shop.test/c"});

  RunRecord done = ended(RunOutcome::complete);
  done.dataset = {400, 4};
  require_ok(store->end_run(done));
  CHECK_FALSE(value_of(store->unfinished_run()).has_value());
  const StateSummary summary = value_of(store->summary(5));
  REQUIRE(summary.last_runs.size() == 1);
  CHECK(summary.last_runs[0].outcome == RunOutcome::complete);
  CHECK(summary.last_runs[0].dataset.committed_bytes == 400);
}

TEST_CASE_TEMPLATE("each commit stores the dataset's progress on the current run", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->commit(queue_changes({queued(1, "/a")}), {512, 3}));
  require_ok(store->commit({}, {1024, 7}));
  const auto resume = value_of(store->unfinished_run());
  REQUIRE(resume.has_value());
  CHECK(resume->run.dataset.committed_bytes == 1024);
  CHECK(resume->run.dataset.records == 7);
}

TEST_CASE_TEMPLATE("commit and end_run need a run begun or resumed", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  const auto commit = store->commit(queue_changes({queued(1, "/a")}), {});
  REQUIRE_FALSE(commit);
  CHECK(commit.error().message == store->describe() + ": committing changes: no run begun or resumed");

  value_of(store->begin_run(100, "out.jsonl"));
  require_ok(store->end_run(ended(RunOutcome::stopped)));
  const auto again = store->end_run(ended(RunOutcome::complete));
  REQUIRE_FALSE(again);
  CHECK(again.error().message == store->describe() + ": ending the run: no run begun or resumed");
  CHECK_FALSE(store->commit({}, {}));
}

TEST_CASE_TEMPLATE("robots.txt files are replaced by origin and kept from run to run", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  Changes changes;
  changes.robots = {{"https://shop.test:443", false, "User-agent: *\nDisallow: /old\n", 100},
                    {"http://b.test:80", true, "", 110}};
  require_ok(store->commit(changes, {}));
  changes.robots = {{"https://shop.test:443", false, "User-agent: *\nDisallow: /new\n\0tail"s, 150}};
  require_ok(store->commit(changes, {}));
  require_ok(store->end_run(ended(RunOutcome::complete)));
  value_of(store->begin_run(200, "out.jsonl"));

  const auto files = value_of(store->robots_files());
  REQUIRE(files.size() == 2);
  const RobotsFile& b = files[0].origin == "http://b.test:80" ? files[0] : files[1];
  const RobotsFile& shop = files[0].origin == "http://b.test:80" ? files[1] : files[0];
  CHECK(b.allow_all);
  CHECK(b.body.empty());
  CHECK(b.fetched_at == 110);
  CHECK(shop.origin == "https://shop.test:443");
  CHECK_FALSE(shop.allow_all);
  CHECK(shop.body == "User-agent: *\nDisallow: /new\n\0tail"s);
  CHECK(shop.fetched_at == 150);
}

TEST_CASE_TEMPLATE("lookups on one thread run while commits come from another", Factory, STORES) {
  Factory factory;
  auto store = factory.open();
  value_of(store->begin_run(100, "out.jsonl"));
  constexpr int commits = 100;
  std::atomic<bool> writing = true;
  std::string writer_error;
  std::thread writer([&] {
    for (int commit = 1; commit <= commits; ++commit) {
      Changes changes = queue_changes({queued(static_cast<Fingerprint>(commit), "/" + std::to_string(commit))});
      changes.robots = {{"https://h" + std::to_string(commit) + ".test:443", true, "", commit}};
      if (auto committed = store->commit(changes, {}); !committed) {
        writer_error = committed.error().message;
        break;
      }
    }
    writing = false;
  });
  std::string reader_error;
  std::size_t robots_seen = 0;
  while (writing && reader_error.empty()) {
    auto files = store->robots_files();
    auto validators = store->validators(1);
    if (!files) reader_error = files.error().message;
    else if (!validators) reader_error = validators.error().message;
    else if (files->size() < robots_seen) reader_error = "robots.txt files went missing";
    else robots_seen = files->size();
  }
  writer.join();
  CHECK(writer_error.empty());
  CHECK(reader_error.empty());
  CHECK(value_of(store->robots_files()).size() == commits);
  CHECK(value_of(store->summary(1)).seen == commits);
}
