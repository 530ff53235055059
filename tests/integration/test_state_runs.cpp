// Runs with a state file, in process: a stopped run continues where it
// stopped, and later runs re-crawl incrementally (conditional requests,
// content hashes, emit "changed", recrawl_after, gone pages, robots.txt
// reused). The random-kill test of real processes is test_resume_kills.cpp.
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "engine/run_state.hpp"
#include "state/sqlite_state_store.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using nlohmann::json;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

// "/" lists the catalogue's items; /item/N shows one. Even items carry an
// ETag and answer 304 to a matching If-None-Match; odd items send no
// validators, so only the content hash tells they did not change. Items can
// be changed, removed (404, though still listed) and added between runs.
class Catalogue {
 public:
  explicit Catalogue(int items)
      : server_([this](httplib::Server& routes) {
          routes.Get("/", [this](const httplib::Request&, httplib::Response& response) {
            const std::lock_guard lock(mutex_);
            ++requests_["/"];
            std::string html;
            for (const auto& [item, version] : versions_) html += "<a href=/item/" + std::to_string(item) + ">i</a>";
            response.set_content(html, "text/html");
          });
          routes.Get("/robots.txt", [this](const httplib::Request&, httplib::Response& response) {
            const std::lock_guard lock(mutex_);
            ++requests_["/robots.txt"];
            response.set_content("User-agent: *\nDisallow: /private\n", "text/plain");
          });
          routes.Get(R"(/item/(\d+))", [this](const httplib::Request& request, httplib::Response& response) {
            const std::lock_guard lock(mutex_);
            const int item = std::stoi(request.matches[1]);
            ++requests_["/item/" + std::to_string(item)];
            if (request.has_header("If-None-Match")) ++conditional_;
            const auto found = versions_.find(item);
            if (found == versions_.end() || gone_.count(item) > 0) {
              response.status = 404;
              return;
            }
            const std::string etag = "\"" + std::to_string(item) + "-v" + std::to_string(found->second) + "\"";
            if (item % 2 == 0) {
              if (request.get_header_value("If-None-Match") == etag) {
                response.status = 304;
                response.set_header("ETag", etag);
                return;
              }
              response.set_header("ETag", etag);
            }
            response.set_content("<h1>item " + std::to_string(item) + " version " + std::to_string(found->second) +
                                     "</h1>",
                                 "text/html");
          });
        }) {
    for (int item = 0; item < items; ++item) versions_[item] = 1;
  }

  std::string url() const { return server_.base_url() + "/"; }
  void change(int item) {
    const std::lock_guard lock(mutex_);
    ++versions_[item];
  }
  // Still listed, as stale listings do, but 404.
  void remove(int item) {
    const std::lock_guard lock(mutex_);
    gone_.insert(item);
  }
  int requests(const std::string& path) {
    const std::lock_guard lock(mutex_);
    return requests_[path];
  }
  int item_requests() {
    const std::lock_guard lock(mutex_);
    int total = 0;
    for (const auto& [path, count] : requests_) total += path.rfind("/item/", 0) == 0 ? count : 0;
    return total;
  }
  int conditional_requests() {
    const std::lock_guard lock(mutex_);
    return conditional_;
  }
  void forget_requests() {
    const std::lock_guard lock(mutex_);
    requests_.clear();
    conditional_ = 0;
  }

 private:
  std::mutex mutex_;
  std::map<int, int> versions_;  // item -> version
  std::set<int> gone_;
  std::map<std::string, int> requests_;
  int conditional_ = 0;
  testing::LocalServer server_;  // last: its handlers use the members above
};

config::Job catalogue_job(const Catalogue& site, const std::string& extra = "") {
  auto job = config::parse_job(R"({"name": "catalogue", "start_urls": [")" + site.url() + R"("],
      "follow": ["a"], "retry": {"max_retries": 0}, )" + extra + R"(
      "items": [{"name": "item", "url_pattern": "/item/", "fields": {"title": "h1"}}]})",
                               "catalogue.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  return std::move(*job);
}

struct StatefulRun {
  engine::Stats stats;
  std::vector<std::string> records;  // the dataset's lines, sorted
};

// One run as `gleaner run --state` does it: continue or begin, crawl, end.
StatefulRun run_with_state(const config::Job& job, state::StateStore& store, const fs::path& dataset,
                           engine::CrawlHooks hooks = {}) {
  auto start = engine::start_run(store, dataset.string(), std::chrono::system_clock::now());
  REQUIRE_MESSAGE(start, (start ? "" : start.error().message));
  engine::CrawlSettings settings;
  settings.dataset_path = start->run.dataset_path;
  settings.state = &store;
  settings.run = &*start;
  auto stats = engine::run_crawl(job, settings, std::move(hooks));
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));
  StatefulRun run{*stats, {}};
  if (fs::exists(dataset)) run.records = testing::read_lines(dataset);
  std::sort(run.records.begin(), run.records.end());
  return run;
}

// Hooks that stop the crawl gracefully (as SIGTERM does) once `pages` pages are done.
engine::CrawlHooks stop_after_pages(int pages) {
  auto done = std::make_shared<int>(0);
  engine::CrawlHooks hooks;
  hooks.on_start = [pages, done](loop::EventLoop&, engine::Engine& engine) {
    engine.set_page_observer([pages, done, &engine](const engine::PageReport&) {
      if (++*done == pages) engine.request_stop();
    });
  };
  return hooks;
}

std::unique_ptr<state::SqliteStateStore> open_store(const TempDir& dir) {
  auto store = state::SqliteStateStore::open((dir.path / "state.db").string(), /*create=*/true);
  REQUIRE_MESSAGE(store, (store ? "" : store.error().message));
  return std::move(*store);
}

std::string record_of(const Catalogue& site, int item, int version) {
  return R"({"url":")" + site.url() + "item/" + std::to_string(item) + R"(","title":"item )" + std::to_string(item) +
         " version " + std::to_string(version) + "\"}";
}

}  // namespace

TEST_CASE("a re-run asks conditionally, reuses unchanged pages and counts new, changed and gone ones") {
  Catalogue site(6);
  TempDir dir;
  auto store = open_store(dir);
  const config::Job job = catalogue_job(site);
  const fs::path dataset = dir.path / "items.jsonl";

  const StatefulRun first = run_with_state(job, *store, dataset);
  CHECK(first.stats.new_pages == 7);  // the list and six items
  CHECK(first.records.size() == 6);
  CHECK(site.conditional_requests() == 0);

  site.change(2);  // new ETag, new content
  site.change(3);  // no ETag: only its content hash changes
  site.remove(4);  // 404 now
  site.change(6);  // a new item: it was not listed before
  site.forget_requests();

  const StatefulRun second = run_with_state(job, *store, dataset);
  CHECK(second.stats.not_modified == 3);  // item 0 (304), items 1 and 5 (same content hash)
  CHECK(second.stats.changed == 3);       // the list, items 2 and 3
  CHECK(second.stats.new_pages == 1);     // item 6
  CHECK(second.stats.gone == 1);          // item 4
  CHECK(second.stats.http_errors == 0);   // a gone page is news, not an error
  CHECK(second.stats.items_reused == 3);
  CHECK(site.conditional_requests() == 3);  // the even items 0, 2 and 4 had ETags
  CHECK(site.requests("/item/0") == 1);
  const std::vector<std::string> expected = [&] {
    std::vector<std::string> lines{record_of(site, 0, 1), record_of(site, 1, 1), record_of(site, 2, 2),
                                   record_of(site, 3, 2), record_of(site, 5, 1), record_of(site, 6, 1)};
    std::sort(lines.begin(), lines.end());
    return lines;
  }();
  CHECK(second.records == expected);

  auto summary = store->summary(5);
  REQUIRE(summary);
  REQUIRE(summary->last_runs.size() == 2);
  CHECK(summary->last_runs[0].outcome == state::RunOutcome::complete);
  CHECK(summary->last_runs[0].counts.gone == 1);
  CHECK(summary->last_runs[0].counts.items == 6);
}

TEST_CASE("emit \"changed\" writes only the records of new and changed pages") {
  Catalogue site(4);
  TempDir dir;
  auto store = open_store(dir);
  const config::Job job = catalogue_job(site, R"("emit": "changed",)");
  const fs::path dataset = dir.path / "items.jsonl";

  CHECK(run_with_state(job, *store, dataset).records.size() == 4);  // all new
  const StatefulRun unchanged = run_with_state(job, *store, dataset);
  CHECK(unchanged.records.empty());
  CHECK(unchanged.stats.not_modified == 5);
  CHECK(fs::exists(dataset));  // an empty dataset, written all the same

  site.change(1);
  const StatefulRun one_changed = run_with_state(job, *store, dataset);
  CHECK(one_changed.records == std::vector<std::string>{record_of(site, 1, 2)});
}

TEST_CASE("recrawl_after leaves pages verified recently alone, but always asks for the start URLs") {
  Catalogue site(5);
  TempDir dir;
  auto store = open_store(dir);
  const fs::path dataset = dir.path / "items.jsonl";
  run_with_state(catalogue_job(site), *store, dataset);
  site.change(0);  // not seen: item 0 is not due
  site.forget_requests();

  const StatefulRun later = run_with_state(catalogue_job(site, R"("recrawl_after": "1h",)"), *store, dataset);
  CHECK(site.requests("/") == 1);
  CHECK(site.item_requests() == 0);
  CHECK(later.stats.not_due == 5);
  CHECK(later.records.size() == 5);  // emit "all": from the stored copies
  CHECK(std::count(later.records.begin(), later.records.end(), record_of(site, 0, 1)) == 1);

  // recrawl_after 0: every page is asked again, and the change shows.
  site.forget_requests();
  const StatefulRun revalidated = run_with_state(catalogue_job(site), *store, dataset);
  CHECK(site.item_requests() == 5);
  CHECK(revalidated.stats.changed == 1);
  CHECK(std::count(revalidated.records.begin(), revalidated.records.end(), record_of(site, 0, 2)) == 1);
}

TEST_CASE("robots.txt stored by one run is reused by the next within a day") {
  Catalogue site(2);
  TempDir dir;
  auto store = open_store(dir);
  const fs::path dataset = dir.path / "items.jsonl";
  run_with_state(catalogue_job(site), *store, dataset);
  CHECK(site.requests("/robots.txt") == 1);
  run_with_state(catalogue_job(site), *store, dataset);
  CHECK(site.requests("/robots.txt") == 1);
}

TEST_CASE("a stopped run leaves NAME.part, and the next run continues it to exactly one copy of each record") {
  for (const std::string format : {"jsonl", "json", "csv"}) {
    CAPTURE(format);
    Catalogue site(60);
    TempDir dir;
    auto store = open_store(dir);
    const config::Job job = catalogue_job(site, R"("concurrency": 2,)");
    const fs::path dataset = dir.path / ("items." + format);

    const StatefulRun stopped = run_with_state(job, *store, dataset, stop_after_pages(20));
    CHECK(stopped.stats.interrupted);
    CHECK_FALSE(stopped.stats.dataset_sealed);
    CHECK_FALSE(fs::exists(dataset));
    CHECK(fs::exists(dataset.string() + ".part"));
    auto unfinished = store->unfinished_run();
    REQUIRE(unfinished);
    REQUIRE(unfinished->has_value());
    CHECK((*unfinished)->run.outcome == state::RunOutcome::stopped);
    CHECK((*unfinished)->pending > 0);

    // Bytes past the committed size (a write the state never vouched for)
    // are cut off when the run continues.
    std::ofstream(dataset.string() + ".part", std::ios::app) << "half a record";

    const StatefulRun resumed = run_with_state(job, *store, dataset);
    CHECK(resumed.stats.resumed);
    CHECK(stopped.stats.pages_fetched + resumed.stats.pages_fetched == 61);  // nothing fetched twice
    CHECK(stopped.stats.items + resumed.stats.items == 60);
    const std::string text = testing::read_file(dataset);
    if (format == "json") {
      const json array = json::parse(text);
      REQUIRE(array.is_array());
      CHECK(array.size() == 60);
      std::set<std::string> urls;
      for (const json& record : array) urls.insert(record["url"].get<std::string>());
      CHECK(urls.size() == 60);
    } else {
      std::vector<std::string> lines = testing::read_lines(dataset);
      if (format == "csv") {
        REQUIRE(!lines.empty());
        CHECK(lines.front() == "url,title\r");
        lines.erase(lines.begin());
      }
      const std::set<std::string> distinct(lines.begin(), lines.end());
      CHECK(lines.size() == 60);
      CHECK(distinct.size() == 60);
    }
    auto after = store->unfinished_run();
    REQUIRE(after);
    CHECK_FALSE(after->has_value());
  }
}

TEST_CASE("a resumed run takes more pending URLs than max_queued_in_memory through the spill, each once") {
  Catalogue site(400);
  TempDir dir;
  auto store = open_store(dir);
  const config::Job job = catalogue_job(site, R"("concurrency": 2, "max_queued_in_memory": 100,)");
  const fs::path dataset = dir.path / "items.jsonl";

  const StatefulRun stopped = run_with_state(job, *store, dataset, stop_after_pages(5));
  REQUIRE(stopped.stats.interrupted);
  auto unfinished = store->unfinished_run();
  REQUIRE(unfinished);
  REQUIRE(unfinished->has_value());
  const std::uint64_t pending = (*unfinished)->pending;
  REQUIRE(pending > 300);

  const StatefulRun resumed = run_with_state(job, *store, dataset);
  CHECK(resumed.stats.resumed);
  // Read from the state one at a time into the frontier: all but the 100 it
  // may hold in RAM waited in the spill.
  CHECK(resumed.stats.most_spilled >= pending - 100);
  CHECK(stopped.stats.pages_fetched + resumed.stats.pages_fetched == 401);
  CHECK(stopped.stats.items + resumed.stats.items == 400);
  const std::vector<std::string> lines = testing::read_lines(dataset);
  const std::set<std::string> distinct(lines.begin(), lines.end());
  CHECK(lines.size() == 400);
  CHECK(distinct.size() == 400);
}

TEST_CASE("max_runtime stops the run gracefully and the next run continues it") {
  // A slow catalogue: 40 pages at 50 ms each, one at a time, take 2 s; the run may only take 1 s.
  Catalogue site(40);
  TempDir dir;
  auto store = open_store(dir);
  // politeness.delay spaces the requests out, so the deadline comes mid-crawl.
  const config::Job job = catalogue_job(
      site, R"("max_runtime": "1s", "concurrency": 1, "politeness": {"delay": 0.05},)");
  const fs::path dataset = dir.path / "items.jsonl";
  const StatefulRun first = run_with_state(job, *store, dataset);
  CHECK(first.stats.out_of_time);
  CHECK_FALSE(fs::exists(dataset));
  CHECK(first.stats.items < 40);
  auto unfinished = store->unfinished_run();
  REQUIRE(unfinished);
  REQUIRE(unfinished->has_value());
  CHECK((*unfinished)->run.outcome == state::RunOutcome::max_runtime);

  StatefulRun last = first;
  for (int run = 0; run < 10 && !fs::exists(dataset); ++run) last = run_with_state(job, *store, dataset);
  REQUIRE(fs::exists(dataset));
  const std::vector<std::string> lines = testing::read_lines(dataset);
  const std::set<std::string> distinct(lines.begin(), lines.end());
  CHECK(lines.size() == 40);
  CHECK(distinct.size() == 40);
}
