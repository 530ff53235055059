// Link rules over a whole crawl, counted from the server's side: an endless
// calendar and a self-nesting path end by themselves (trap guard), deny and
// allow patterns keep their links unrequested, tracking parameters are
// stripped before the seen set so a page is fetched once.
#include <doctest/doctest.h>
#include <httplib.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;

namespace {

// Every request's path and query, as the server saw them.
struct Hits {
  std::mutex mutex;
  std::map<std::string, int> counts;

  void record(const httplib::Request& request) {
    std::string target = request.path;
    char separator = '?';
    for (const auto& [name, value] : request.params) {
      target += separator + name + "=" + value;
      separator = '&';
    }
    std::lock_guard lock(mutex);
    ++counts[target];
  }
};

std::string page(const std::string& title, const std::vector<std::string>& hrefs) {
  std::string html = "<html><body><h1>" + title + "</h1>";
  for (const std::string& href : hrefs) html += "<a href=\"" + href + "\">link</a>\n";
  return html + "</body></html>";
}

// "/cal/2024/5" and its neighbours: an endless calendar, as many sites have.
std::string month(int year, int month) {
  if (month == 0) return "/cal/" + std::to_string(year - 1) + "/12";
  if (month == 13) return "/cal/" + std::to_string(year + 1) + "/1";
  return "/cal/" + std::to_string(year) + "/" + std::to_string(month);
}

void add_site(httplib::Server& routes, Hits& hits) {
  routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  routes.Get("/", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(page("home", {"/cal/2024/5", "/catalogue/1", "/catalogue/2", "/catalogue/1?utm_source=feed",
                                       "/private/secret", "/about", "/loop/"}),
                         "text/html");
  });
  routes.Get(R"(/cal/(\d+)/(\d+))", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    const int year = std::stoi(request.matches[1]);
    const int number = std::stoi(request.matches[2]);
    response.set_content(page("month", {month(year, number - 1), month(year, number + 1)}), "text/html");
  });
  routes.Get(R"(/catalogue/(\d+))", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    const int number = std::stoi(request.matches[1]);
    response.set_content(page("item " + std::to_string(number),
                              {"/catalogue/" + std::to_string(number + 1 > 3 ? 1 : number + 1),
                               "?sort=price", "/catalogue/1?UTM_Medium=mail&utm_campaign=x", "/about"}),
                         "text/html");
  });
  // Each page links "loop/" relative to itself: /loop/loop/, /loop/loop/loop/, ...
  routes.Get(R"(/loop/.*)", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(page("loop", {"loop/"}), "text/html");
  });
  routes.Get(R"(/(private/.*|about))", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(page("never", {}), "text/html");
  });
}

}  // namespace

TEST_CASE("a crawl with an endless calendar, deny and allow patterns ends by itself with exactly the expected pages") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string text = R"({"name": "links", "start_urls": [")" + server.base_url() + R"(/"],
    "follow": ["a"],
    "items": [{"name": "item", "url_pattern": "/catalogue/", "fields": {"title": "h1"}}],
    "max_depth": 100000, "max_pages": 0, "concurrency": 4,
    "links": {"allow": ["/cal/", "/catalogue/", "/loop/"], "deny": ["^[^?]*/private/", "[?&]sort="]}})";
  auto job = config::parse_job(text, "links.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  testing::TempDir dir;
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "links.jsonl").string();
  std::vector<std::string> warnings;
  engine::CrawlHooks hooks;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };
  auto stats = engine::run_crawl(*job, settings, hooks);
  REQUIRE(stats);
  CHECK(warnings.empty());
  CHECK_FALSE(stats->interrupted);

  std::map<std::string, int> expected{{"/", 1}, {"/catalogue/1", 1}, {"/catalogue/2", 1}, {"/catalogue/3", 1},
                                      {"/loop/", 1}, {"/loop/loop/", 1}, {"/loop/loop/loop/", 1}};
  // May 2024 (linked from "/", so not a calendar step) and 24 steps each way.
  expected[month(2024, 5)] = 1;
  for (int step = 1; step <= 24; ++step) {
    const int later = 2024 * 12 + 4 + step;
    const int earlier = 2024 * 12 + 4 - step;
    expected[month(later / 12, later % 12 + 1)] = 1;
    expected[month(earlier / 12, earlier % 12 + 1)] = 1;
  }
  std::lock_guard lock(hits.mutex);
  CHECK(hits.counts == expected);
  CHECK(hits.counts.size() == 56);
  CHECK(stats->items == 3);
  CHECK(stats->pages_fetched == 56);
}

TEST_CASE("max_pages_per_host and a trap guard switched off change what is fetched") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string text = R"({"name": "links", "start_urls": [")" + server.base_url() + R"(/loop/"],
    "follow": ["a"], "max_depth": 100000, "max_pages": 0,
    "links": {"trap_guard": false, "max_pages_per_host": 10}})";
  auto job = config::parse_job(text, "links.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  testing::TempDir dir;
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "links.jsonl").string();
  auto stats = engine::run_crawl(*job, settings, {});
  REQUIRE(stats);
  std::lock_guard lock(hits.mutex);
  CHECK(hits.counts.size() == 10);  // /loop/ nested ten deep: only the host limit ended it
  CHECK(hits.counts.count("/loop/loop/loop/loop/loop/loop/loop/loop/loop/loop/") == 1);
}
