// Resume after a crash, the hard way: a real gleaner process is killed at
// random moments of a crawl (mostly kill -9, some SIGTERM and SIGINT), again
// and again, each time continuing from its state file. The dataset it ends
// with must hold exactly the records of a clean run: none lost, none twice.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/local_server.hpp"
#include "support/random.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using testing::Subprocess;
using testing::TempDir;

namespace {

constexpr int site_pages = 2000;
constexpr int concurrency = 4;
constexpr int kills = 20;

// A binary tree of pages: /p/N links to /p/2N+1 and /p/2N+2, so the frontier
// keeps growing as the crawl goes. Each page holds two items. Every answer
// takes a few milliseconds, so that a crawl lasts long enough to be killed
// at many different points.
class TreeSite {
 public:
  TreeSite()
      : server_([this](httplib::Server& routes) {
          routes.Get(R"(/p/(\d+))", [this](const httplib::Request& request, httplib::Response& response) {
            const int number = std::stoi(request.matches[1]);
            {
              const std::lock_guard lock(mutex_);
              ++served_[number];
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(8));
            std::string html = "<h1>page " + std::to_string(number) + "</h1><ul>";
            html += "<li class=item><span>first of " + std::to_string(number) + "</span></li>";
            html += "<li class=item><span>second of " + std::to_string(number) + "</span></li></ul>";
            for (const int child : {2 * number + 1, 2 * number + 2}) {
              if (child < site_pages) html += "<a href=/p/" + std::to_string(child) + ">next</a>";
            }
            response.set_content(html, "text/html");
          });
        }) {}

  std::string start_url() const { return server_.base_url() + "/p/0"; }
  std::size_t requests() {
    const std::lock_guard lock(mutex_);
    std::size_t total = 0;
    for (const auto& [page, count] : served_) total += count;
    return total;
  }
  std::size_t pages_served() {
    const std::lock_guard lock(mutex_);
    return served_.size();
  }
  void forget_requests() {
    const std::lock_guard lock(mutex_);
    served_.clear();
  }

 private:
  std::mutex mutex_;
  std::map<int, int> served_;
  testing::LocalServer server_;  // last: its handlers use the members above
};

std::string write_job(const TempDir& dir, const TreeSite& site) {
  const auto path = dir.path / "tree.json";
  std::ofstream(path) << R"({"name": "tree", "start_urls": [")" + site.start_url() + R"("],
    "follow": ["a"], "max_depth": 20, "max_pages": 0, "concurrency": )" +
                             std::to_string(concurrency) + R"(,
    "items": [{"name": "item", "scope": "li.item", "fields": {"text": "span"}}]})";
  return path.string();
}

std::vector<std::string> sorted_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines = testing::read_lines(path);
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_CASE("killed 20 times at random moments, resumed runs end with exactly a clean run's records") {
  TreeSite site;
  TempDir dir;
  const std::string job = write_job(dir, site);

  const auto clean_dataset = dir.path / "clean.jsonl";
  {
    Subprocess clean({GLEANER_BINARY, "run", job, "--quiet", "--output", clean_dataset.string()}, dir.path);
    REQUIRE(clean.wait(std::chrono::minutes(5)) == 0);
  }
  const std::vector<std::string> expected = sorted_lines(clean_dataset);
  REQUIRE(expected.size() == 2 * site_pages);
  REQUIRE(std::set<std::string>(expected.begin(), expected.end()).size() == expected.size());
  site.forget_requests();

  const auto dataset = dir.path / "tree.jsonl";
  const auto state = dir.path / "tree.db";
  const std::vector<std::string> command{GLEANER_BINARY, "run", job,           "--quiet",
                                         "--output",     dataset.string(), "--state", state.string()};
  testing::Random random(20261130);
  int killed = 0;
  int attempts = 0;
  // Bounded: a run that finishes before its kill simply ends the loop early.
  while (killed < kills && attempts < 3 * kills) {
    ++attempts;
    Subprocess run(command, dir.path);
    const auto delay = std::chrono::milliseconds(30 + random.below(250));
    std::this_thread::sleep_for(delay);
    const std::size_t pick = random.below(10);
    const int signal_number = pick < 7 ? SIGKILL : pick < 9 ? SIGTERM : SIGINT;
    run.signal(signal_number);
    const int exit_code = run.wait(std::chrono::minutes(2));
    CAPTURE(exit_code);
    INFO(run.err());
    if (exit_code == 0) break;  // it finished first
    CHECK((exit_code == 128 + signal_number || exit_code == 128 + SIGKILL));
    // Killed or stopped, the dataset is never in place before the crawl is done.
    CHECK_FALSE(std::filesystem::exists(dataset));
    ++killed;
  }
  MESSAGE("killed " << killed << " times in " << attempts << " runs; " << site.pages_served()
                    << " pages served so far");
  CHECK(killed >= kills / 2);

  Subprocess last(command, dir.path);
  REQUIRE(last.wait(std::chrono::minutes(5)) == 0);
  INFO(last.err());
  REQUIRE(std::filesystem::exists(dataset));
  CHECK_FALSE(std::filesystem::exists(dataset.string() + ".part"));

  const std::vector<std::string> actual = sorted_lines(dataset);
  const std::set<std::string> distinct(actual.begin(), actual.end());
  CHECK(distinct.size() == actual.size());  // no record twice
  CHECK(actual.size() == expected.size());
  CHECK(actual == expected);

  // Only pages in flight or not yet committed at a kill are fetched again:
  // at most the pages between dispatch and commit (2 x concurrency) plus one
  // batch being written, per kill. Re-fetching everything would be ~20 x 2000.
  const std::size_t refetched = site.requests() - site.pages_served();
  MESSAGE(refetched << " pages fetched again after kills");
  CHECK(site.pages_served() == site_pages);
  CHECK(refetched <= static_cast<std::size_t>(killed) * (4 * concurrency + 16));
}
