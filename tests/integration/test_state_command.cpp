// `gleaner run --state` and `gleaner state` through the binary, as cron and
// the person reading its mail see them: a stopped run keeps NAME.part and the
// next one continues it, max_runtime exits 4, the lock sits beside the state
// file, and `gleaner state` reports the frontier and the runs.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;
using testing::Subprocess;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

// "/" links to /page/0 .. /page/N-1, each answering after `delay`.
void serve_slow_pages(httplib::Server& routes, int pages, std::chrono::milliseconds delay) {
  routes.Get("/", [pages](const httplib::Request&, httplib::Response& response) {
    std::string links;
    for (int i = 0; i < pages; ++i) links += "<a href=/page/" + std::to_string(i) + ">x</a>";
    response.set_content(links, "text/html");
  });
  routes.Get(R"(/page/(\d+))", [delay](const httplib::Request& request, httplib::Response& response) {
    std::this_thread::sleep_for(delay);
    response.set_content("<h1>page " + std::string(request.matches[1]) + "</h1>", "text/html");
  });
}

std::string write_job(const TempDir& dir, const testing::LocalServer& server, const std::string& extra = "") {
  const auto path = dir.path / "job.json";
  std::ofstream(path) << R"({"name": "pages", "start_urls": [")" + server.base_url() + R"(/"], "follow": ["a"],
    "concurrency": 2, )" + extra + R"(
    "items": [{"name": "page", "url_pattern": "/page/", "fields": {"title": "h1"}}]})";
  return path.string();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("after SIGTERM a run with state keeps NAME.part; gleaner state shows it; the next run completes it") {
  testing::LocalServer server([](httplib::Server& routes) { serve_slow_pages(routes, 60, 20ms); });
  TempDir dir;
  const std::string job = write_job(dir, server);
  const auto dataset = dir.path / "pages.jsonl";
  const auto state = dir.path / "state" / "pages.db";
  const std::vector<std::string> run{GLEANER_BINARY, "run", job, "-o", dataset.string(), "--state", state.string()};

  {
    Subprocess first(run, dir.path);
    std::this_thread::sleep_for(300ms);
    first.signal(SIGTERM);
    CHECK(first.wait() == 128 + SIGTERM);
    CHECK(contains(first.err(), "gleaner: pages: the dataset is not complete yet: " + dataset.string() +
                                    ".part is kept, and the next run with this state continues it\n"));
  }
  CHECK_FALSE(fs::exists(dataset));
  REQUIRE(fs::exists(dataset.string() + ".part"));
  const std::size_t records_before = testing::read_lines(dataset.string() + ".part").size();
  int pending = 0;

  {
    Subprocess show({GLEANER_BINARY, "state", job, "--state", state.string(), "--json"}, dir.path);
    REQUIRE(show.wait() == 0);
    const auto summary = nlohmann::json::parse(show.out());
    CHECK(summary["job"] == "pages");
    pending = summary["urls"]["pending"].get<int>();
    CHECK(pending > 0);
    CHECK(summary["urls"]["seen"] == 61);
    CHECK(summary["runs"].size() == 1);
    CHECK(summary["runs"][0]["outcome"] == "stopped");
    CHECK(summary["runs"][0]["committed_records"] == records_before);
  }
  {
    Subprocess show({GLEANER_BINARY, "state", job, "--state", state.string()}, dir.path);
    REQUIRE(show.wait() == 0);
    CHECK(contains(show.out(), "pages: state in " + state.string() + "\nlast run #1: stopped, started "));
    CHECK(contains(show.out(), "the next `gleaner run` with this state continues this run\n"));
  }

  Subprocess second(run, dir.path);
  REQUIRE(second.wait() == 0);
  CHECK(contains(second.err(), "gleaner: pages: continuing run 1 from " + state.string() + ": " +
                                   std::to_string(pending) + " URLs pending of 61 queued; "));
  const auto lines = testing::read_lines(dataset);
  CHECK(lines.size() == 60);
  CHECK(std::set<std::string>(lines.begin(), lines.end()).size() == 60);
  CHECK_FALSE(fs::exists(dataset.string() + ".part"));

  // A third run re-crawls: every page is unchanged, and says so.
  Subprocess third(run, dir.path);
  REQUIRE(third.wait() == 0);
  CHECK(contains(third.err(), "gleaner: pages: since the last run: 0 new, 0 changed, 61 not modified, 0 not due, "
                              "0 gone; 60 items re-emitted from stored copies\n"));
  CHECK(testing::read_lines(dataset).size() == 60);
}

TEST_CASE("max_runtime ends a run with exit code 4; the next runs continue until the dataset is complete") {
  testing::LocalServer server([](httplib::Server& routes) { serve_slow_pages(routes, 30, 50ms); });
  TempDir dir;
  // 30 pages at 50 ms, two at a time, take 0.75 s; each run gets 1 s, of which startup takes part.
  const std::string job = write_job(dir, server, R"("max_runtime": 1, "politeness": {"delay": 0.1},)");
  const auto dataset = dir.path / "pages.jsonl";
  const auto state = dir.path / "pages.db";
  const std::vector<std::string> run{GLEANER_BINARY, "run", job, "-o", dataset.string(), "--state", state.string()};
  Subprocess first(run, dir.path);
  CHECK(first.wait() == 4);
  INFO(first.err());
  CHECK(contains(first.err(), "gleaner: max_runtime of 1 s reached: finishing "));
  CHECK(contains(first.err(), "(stopped at max_runtime)\n"));
  CHECK_FALSE(fs::exists(dataset));

  int exit_code = 4;
  for (int i = 0; i < 10 && exit_code == 4; ++i) {
    Subprocess next(run, dir.path);
    exit_code = next.wait();
  }
  CHECK(exit_code == 0);
  const auto lines = testing::read_lines(dataset);
  CHECK(lines.size() == 30);
  CHECK(std::set<std::string>(lines.begin(), lines.end()).size() == 30);
}

TEST_CASE("with a state file the lock sits beside it: another run of the job exits 3 whatever its dataset") {
  std::atomic<bool> closing{false};
  std::atomic<int> started{0};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request&, httplib::Response& response) {
      ++started;
      for (int i = 0; i < 3000 && !closing; ++i) std::this_thread::sleep_for(10ms);
      response.set_content("<h1>home</h1>", "text/html");
    });
  });
  TempDir dir;
  const std::string job = write_job(dir, server);
  const auto state = dir.path / "pages.db";
  Subprocess first({GLEANER_BINARY, "run", job, "-o", (dir.path / "a.jsonl").string(), "--state", state.string()},
                   dir.path);
  for (int i = 0; i < 2000 && started < 1; ++i) std::this_thread::sleep_for(5ms);
  REQUIRE(started == 1);
  TempDir second_dir;
  Subprocess second({GLEANER_BINARY, "run", job, "-o", (dir.path / "b.jsonl").string(), "--state", state.string()},
                    second_dir.path);
  CHECK(second.wait() == 3);
  CHECK(second.err() == "gleaner: pages: another run of this job is in progress (PID " +
                            std::to_string(first.pid()) + ", lock " + (dir.path / ".pages.lock").string() +
                            "); not starting\n");
  closing = true;
  first.signal(SIGKILL);
  first.wait();
}

TEST_CASE("gleaner state and --state refuse what cannot work, in one line each") {
  testing::LocalServer server([](httplib::Server& routes) { serve_slow_pages(routes, 1, 0ms); });
  TempDir dir;
  const std::string job = write_job(dir, server);
  {
    Subprocess show({GLEANER_BINARY, "state", job}, dir.path);
    CHECK(show.wait() == 2);
    CHECK(show.err() == job + ": the job names no state file (\"state\"); pass --state PATH\n");
  }
  {
    const std::string missing = (dir.path / "none.db").string();
    Subprocess show({GLEANER_BINARY, "state", job, "--state", missing}, dir.path);
    CHECK(show.wait() == 1);
    CHECK(contains(show.err(), missing));
    CHECK_FALSE(fs::exists(missing));  // looking does not create it
  }
  {
    Subprocess run({GLEANER_BINARY, "run", job, "--state", (dir.path / "{date}.db").string()}, dir.path);
    CHECK(run.wait() == 2);
    CHECK(contains(run.err(), "--state: {date} changes from run to run, but a job's state must be the same file every "
                              "run; only {job} expands here\n"));
  }
}
