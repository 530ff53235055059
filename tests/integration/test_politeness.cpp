// Politeness, retries and robots.txt, observed from the server's side: when
// each request arrived, how many were in flight, which paths were never asked for.
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Records every request's arrival time and the most requests seen at once.
struct RequestLog {
  std::mutex mutex;
  std::map<std::string, std::vector<Clock::time_point>> arrivals;
  int active = 0;
  int most_active = 0;

  void arrived(const std::string& path) {
    std::lock_guard lock(mutex);
    arrivals[path].push_back(Clock::now());
    most_active = std::max(most_active, ++active);
  }
  void left() {
    std::lock_guard lock(mutex);
    --active;
  }
  std::size_t count(const std::string& path) {
    std::lock_guard lock(mutex);
    return arrivals[path].size();
  }
  std::vector<Clock::time_point> all_arrivals(const std::string& prefix) {
    std::lock_guard lock(mutex);
    std::vector<Clock::time_point> times;
    for (const auto& [path, at] : arrivals) {
      if (path.rfind(prefix, 0) == 0) times.insert(times.end(), at.begin(), at.end());
    }
    std::sort(times.begin(), times.end());
    return times;
  }
};

// "/" links to /page/0 .. /page/N-1; each page takes `page_time` to answer.
void add_pages(httplib::Server& routes, RequestLog& log, int count, std::chrono::milliseconds page_time) {
  routes.Get("/", [count](const httplib::Request&, httplib::Response& response) {
    std::string links;
    for (int i = 0; i < count; ++i) links += "<a href=/page/" + std::to_string(i) + ">p</a>";
    response.set_content(links, "text/html");
  });
  routes.Get(R"(/page/(\d+))", [&log, page_time](const httplib::Request& request, httplib::Response& response) {
    log.arrived(request.path);
    std::this_thread::sleep_for(page_time);
    response.set_content("<h1>" + request.path + "</h1>", "text/html");
    log.left();
  });
}

struct Crawl {
  Result<engine::Stats> stats;
  std::vector<std::string> warnings;
  std::vector<std::string> records;
};

Crawl crawl_site(const std::string& base_url, const std::string& extra_keys) {
  const std::string text = R"({"name": "polite", "start_urls": [")" + base_url + R"(/"],
    "follow": ["a"], "items": [{"name": "page", "fields": {"title": "h1"}}])" +
                           (extra_keys.empty() ? "" : ", " + extra_keys) + "}";
  auto job = config::parse_job(text, "polite.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  testing::TempDir dir;
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "polite.jsonl").string();
  std::vector<std::string> warnings;
  engine::CrawlHooks hooks;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };
  auto stats = engine::run_crawl(*job, settings, hooks);
  return Crawl{std::move(stats), std::move(warnings), testing::read_lines(settings.dataset_path)};
}

}  // namespace

TEST_CASE("no host ever has more requests in flight than per_host_concurrency") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) { add_pages(routes, log, 12, 30ms); });
  const Crawl result = crawl_site(server.base_url(), R"("concurrency": 8, "politeness": {"per_host_concurrency": 2})");
  REQUIRE(result.stats);
  CHECK(result.stats->items == 13);
  CHECK(log.most_active == 2);
}

TEST_CASE("a per-host delay spaces the requests a host receives") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) { add_pages(routes, log, 4, 0ms); });
  const Crawl result = crawl_site(server.base_url(), R"("politeness": {"delay": 0.2})");
  REQUIRE(result.stats);
  const auto arrivals = log.all_arrivals("/page/");
  REQUIRE(arrivals.size() == 4);
  for (std::size_t i = 1; i < arrivals.size(); ++i) {
    // Request starts are spaced by the delay; arrivals can only be later.
    CHECK(arrivals[i] - arrivals[i - 1] >= 190ms);
  }
}

TEST_CASE("a 503 with Retry-After is retried no sooner than the server asked") {
  RequestLog log;
  std::atomic<int> calls{0};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request& request, httplib::Response& response) {
      log.arrived(request.path);
      log.left();
      if (calls++ == 0) {
        response.status = 503;
        response.set_header("Retry-After", "1");
        return;
      }
      response.set_content("<h1>back</h1>", "text/html");
    });
  });
  const Crawl result = crawl_site(server.base_url(), R"("retry": {"backoff": 0.01})");
  REQUIRE(result.stats);
  CHECK(result.stats->retries == 1);
  CHECK(result.stats->items == 1);
  CHECK(result.warnings.empty());
  const auto arrivals = log.all_arrivals("/");
  REQUIRE(arrivals.size() == 2);
  CHECK(arrivals[1] - arrivals[0] >= 990ms);
}

TEST_CASE("a status that keeps failing is retried up to the limit, then reported with its attempts") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request& request, httplib::Response& response) {
      log.arrived(request.path);
      log.left();
      response.status = 500;
    });
  });
  const Crawl result = crawl_site(server.base_url(), R"("retry": {"max_retries": 2, "backoff": 0.01})");
  REQUIRE(result.stats);
  CHECK(log.count("/") == 3);
  CHECK(result.stats->retries == 2);
  CHECK(result.stats->http_errors == 1);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] == "GET " + server.base_url() + "/: HTTP 500 (after 3 attempts)");
}

TEST_CASE("a connection reset is retried and the page still yields its record") {
  std::atomic<int> calls{0};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request&, httplib::Response& response) {
      if (calls++ == 0) {
        response.set_content_provider(1000, "text/html", [](std::size_t, std::size_t, httplib::DataSink& sink) {
          sink.write("<h1>cut", 7);
          return false;  // hang up mid-body
        });
        return;
      }
      response.set_content("<h1>whole</h1>", "text/html");
    });
  });
  const Crawl result = crawl_site(server.base_url(), R"("retry": {"backoff": 0.01})");
  REQUIRE(result.stats);
  CHECK(result.stats->retries == 1);
  CHECK(result.stats->transport_errors == 0);
  REQUIRE(result.records.size() == 1);
  CHECK(result.records[0].find("\"title\":\"whole\"") != std::string::npos);
}

TEST_CASE("robots.txt rules are obeyed: disallowed pages are never requested") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) {
    add_pages(routes, log, 4, 0ms);
    routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("User-agent: *\nDisallow: /page/1\nDisallow: /page/3$\n", "text/plain");
    });
  });
  const Crawl result = crawl_site(server.base_url(), "\"concurrency\": 2");
  REQUIRE(result.stats);
  CHECK(log.count("/page/0") == 1);
  CHECK(log.count("/page/1") == 0);
  CHECK(log.count("/page/2") == 1);
  CHECK(log.count("/page/3") == 0);
  CHECK(result.stats->robots_disallowed == 2);
  CHECK(result.stats->items == 3);  // /, /page/0, /page/2
}

TEST_CASE("a robots.txt answering 500 keeps the crawler off the whole host") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) {
    add_pages(routes, log, 2, 0ms);
    routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 500; });
  });
  const Crawl result = crawl_site(server.base_url(), "");
  REQUIRE(result.stats);
  CHECK(result.stats->pages_fetched == 0);
  CHECK(result.stats->robots_disallowed == 1);  // the start URL; nothing else was found
  CHECK(result.records.empty());
}

TEST_CASE("obey_robots false ignores robots.txt") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) {
    add_pages(routes, log, 2, 0ms);
    routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("User-agent: *\nDisallow: /\n", "text/plain");
    });
  });
  const Crawl result = crawl_site(server.base_url(), R"("politeness": {"obey_robots": false})");
  REQUIRE(result.stats);
  CHECK(result.stats->items == 3);
  CHECK(result.stats->robots_disallowed == 0);
}

TEST_CASE("a robots.txt Crawl-delay spaces requests like a configured delay") {
  RequestLog log;
  testing::LocalServer server([&](httplib::Server& routes) {
    add_pages(routes, log, 3, 0ms);
    routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("User-agent: gleaner\nCrawl-delay: 0.25\n", "text/plain");
    });
  });
  const Crawl result = crawl_site(server.base_url(), "");
  REQUIRE(result.stats);
  const auto arrivals = log.all_arrivals("/page/");
  REQUIRE(arrivals.size() == 3);
  for (std::size_t i = 1; i < arrivals.size(); ++i) CHECK(arrivals[i] - arrivals[i - 1] >= 240ms);
}
