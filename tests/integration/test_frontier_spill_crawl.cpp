// A crawl whose frontier outgrows max_queued_in_memory: the overflow waits in
// a scratch file, every page is still fetched exactly once and in
// breadth-first order, and the scratch file is gone afterwards.
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;

namespace {

constexpr int listings = 20;
constexpr int items_per_listing = 60;

// "/" links to 20 listings, each listing to 60 item pages of its own.
void add_site(httplib::Server& routes, std::mutex& mutex, std::vector<std::string>& arrivals) {
  routes.Get("/", [](const httplib::Request&, httplib::Response& response) {
    std::string links;
    for (int i = 0; i < listings; ++i) links += "<a href=/list/" + std::to_string(i) + ">l</a>";
    response.set_content("<h1>home</h1>" + links, "text/html");
  });
  routes.Get(R"(/list/(\d+))", [&](const httplib::Request& request, httplib::Response& response) {
    {
      std::lock_guard lock(mutex);
      arrivals.push_back(request.path);
    }
    const int listing = std::stoi(request.matches[1]);
    std::string links;
    for (int i = 0; i < items_per_listing; ++i) {
      links += "<a href=/item/" + std::to_string(listing * items_per_listing + i) + ">i</a>";
    }
    response.set_content("<h1>" + request.path + "</h1>" + links, "text/html");
  });
  routes.Get(R"(/item/(\d+))", [&](const httplib::Request& request, httplib::Response& response) {
    {
      std::lock_guard lock(mutex);
      arrivals.push_back(request.path);
    }
    response.set_content("<h1>" + request.path + "</h1>", "text/html");
  });
}

// Restores TMPDIR when the test ends.
struct TmpdirOverride {
  std::string saved;
  bool had = false;
  explicit TmpdirOverride(const std::string& directory) {
    if (const char* old = std::getenv("TMPDIR")) {
      saved = old;
      had = true;
    }
    setenv("TMPDIR", directory.c_str(), 1);
  }
  ~TmpdirOverride() {
    if (had) {
      setenv("TMPDIR", saved.c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }
};

}  // namespace

TEST_CASE("a frontier beyond max_queued_in_memory spills to disk and the crawl still fetches every page once, in order") {
  std::mutex mutex;
  std::vector<std::string> arrivals;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, mutex, arrivals); });
  testing::TempDir dir;
  const auto scratch = dir.path / "tmp";
  std::filesystem::create_directories(scratch);
  TmpdirOverride tmpdir(scratch.string());

  auto job = config::parse_job(R"({"name": "spill", "start_urls": [")" + server.base_url() + R"(/"],
      "follow": ["a"], "items": [{"name": "page", "fields": {"title": "h1"}}],
      "concurrency": 4, "max_pages": 0, "max_queued_in_memory": 100})",
                               "spill.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "spill.jsonl").string();
  std::vector<std::string> warnings;
  engine::CrawlHooks hooks;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };
  auto stats = engine::run_crawl(*job, settings, hooks);
  REQUIRE(stats);
  CHECK(warnings.empty());

  constexpr int items = listings * items_per_listing;
  CHECK(stats->items == 1 + listings + items);
  CHECK(testing::read_lines(settings.dataset_path).size() == 1 + listings + items);
  CHECK(stats->most_spilled > 500);
  CHECK(stats->most_queued >= items - items_per_listing);

  std::lock_guard lock(mutex);
  REQUIRE(arrivals.size() == static_cast<std::size_t>(listings + items));
  // Breadth first: no item page is requested before every listing was
  // dispatched; with 4 in flight, at most 3 can arrive ahead of the last one.
  std::size_t last_listing = 0;
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    if (arrivals[i].rfind("/list/", 0) == 0) last_listing = i;
  }
  CHECK(last_listing < static_cast<std::size_t>(listings + 3));
  std::vector<std::string> sorted = arrivals;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // each page once
  CHECK(std::filesystem::is_empty(scratch));  // the scratch file was unlinked at once
}
