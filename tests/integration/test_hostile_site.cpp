// A whole crawl of a site that misbehaves in every way we know: the good
// pages' records must all arrive, and every failure is counted, none fatal.
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/gzip.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;

namespace {

constexpr const char* index_page = R"html(<!doctype html><title>Hostile</title>
<ul>
  <li><a href="/item/1">one</a> <li><a href="item/2">two</a>
  <li><a href="/item/3#reviews">three again, with a fragment</a>
  <li><a href="/item/1">one, again</a>
  <li><a href="/item/malformed">malformed</a>
  <li><a href="/missing">404</a> <li><a href="/error">500</a>
  <li><a href="/slow">slow</a> <li><a href="/reset">reset</a>
  <li><a href="/loop">redirect loop</a> <li><a href="/huge">huge</a> <li><a href="/bomb">gzip bomb</a>
  <li><a href="/image.png">an image</a>
  <li><a href="http://example.com/">external</a> <li><a href="mailto:x@y.z">mail</a>
  <li><a href="javascript:void(0)">script</a> <li><a href="#top">fragment</a>
  <li><a href="http://[::1">not a URL</a>
  <li><a href="/item/latin">windows-1252</a>
</ul>)html";

struct HostileSite {
  std::atomic<bool> closing{false};
  // 16 MiB of zeros in 16 KiB, made before serving so that no request waits
  // for it: past the job's 1 MiB cap once inflated.
  const std::string bomb = testing::gzip(std::string(16 * 1024 * 1024, '\0'));
  testing::LocalServer server{[this](httplib::Server& routes) { add_routes(routes); }};
  ~HostileSite() { closing = true; }

  void add_routes(httplib::Server& routes) {
    routes.Get("/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(index_page, "text/html");
    });
    routes.Get(R"(/item/(\d+))", [](const httplib::Request& request, httplib::Response& response) {
      const std::string id = request.matches[1];
      response.set_content("<html><h1>Item " + id + "</h1><p class=price>" + id + "0.00</p>", "text/html");
    });
    routes.Get("/item/malformed", [](const httplib::Request&, httplib::Response& response) {
      // Unclosed tags, a stray </div>, an unquoted attribute, bad UTF-8.
      response.set_content("<h1>Broken <b>item</h1></div><p class=price>9.99<p>\xff\xfe tail", "text/html");
    });
    routes.Get("/item/latin", [](const httplib::Request&, httplib::Response& response) {
      // "Café – €5" in windows-1252, declared only in the header.
      response.set_content("<h1>Caf\xe9 \x96 \x80" "5</h1><p class=price>5.00</p>", "text/html; charset=windows-1252");
    });
    routes.Get("/missing", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
    routes.Get("/error", [](const httplib::Request&, httplib::Response& response) { response.status = 500; });
    routes.Get("/slow", [this](const httplib::Request&, httplib::Response& response) {
      for (int i = 0; i < 200 && !closing; ++i) std::this_thread::sleep_for(5ms);
      response.set_content("<h1>late</h1>", "text/html");
    });
    routes.Get("/reset", [](const httplib::Request&, httplib::Response& response) {
      response.set_content_provider(100000, "text/html", [](std::size_t, std::size_t, httplib::DataSink& sink) {
        sink.write("<h1>cut", 7);
        return false;
      });
    });
    routes.Get("/loop", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/loop"); });
    routes.Get("/huge", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(3 * 1024 * 1024, 'x'), "text/html");
    });
    routes.Get("/bomb", [this](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Encoding", "gzip");
      response.set_content(bomb, "text/html");
    });
    routes.Get("/image.png", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string("\x89PNG\r\n", 6), "image/png");
    });
  }
};

config::Job hostile_job(const std::string& base_url) {
  const std::string text = R"({
    "name": "hostile",
    "start_urls": [")" + base_url + R"(/"],
    "follow": ["a"],
    "items": [{"name": "item", "url_pattern": "/item/",
               "fields": {"title": "h1", "price": "p.price"}}],
    // Short limits so that the slow, huge and looping routes fail fast, and
    // no retries: this test counts first failures.
    "http": {"timeout": 0.3, "max_redirects": 5, "max_body_bytes": 1048576},
    "retry": {"max_retries": 0}
  })";
  auto job = config::parse_job(text, "hostile.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  return std::move(*job);
}

engine::CrawlSettings settings_for(const testing::TempDir& dir, const std::string& file) {
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / file).string();
  return settings;
}

}  // namespace

TEST_CASE("a crawl of a hostile site keeps every good record and counts every failure") {
  HostileSite site;
  testing::TempDir dir;
  const config::Job job = hostile_job(site.server.base_url());

  const engine::CrawlSettings settings = settings_for(dir, "hostile.jsonl");
  std::vector<std::string> warnings;
  engine::CrawlHooks hooks;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };

  auto stats = engine::run_crawl(job, settings, hooks);
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));

  std::vector<nlohmann::json> records;
  for (const std::string& line : testing::read_lines(settings.dataset_path)) records.push_back(nlohmann::json::parse(line));
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a["url"].template get<std::string>() < b["url"].template get<std::string>(); });

  const std::string base = site.server.base_url();
  REQUIRE(records.size() == 5);
  CHECK(records[0] == nlohmann::json{{"url", base + "/item/1"}, {"title", "Item 1"}, {"price", "10.00"}});
  CHECK(records[1] == nlohmann::json{{"url", base + "/item/2"}, {"title", "Item 2"}, {"price", "20.00"}});
  CHECK(records[2] == nlohmann::json{{"url", base + "/item/3"}, {"title", "Item 3"}, {"price", "30.00"}});
  CHECK(records[3]["url"] == base + "/item/latin");
  CHECK(records[3]["title"] == "Caf\u00e9 \u2013 \u20ac5");
  CHECK(records[4]["url"] == base + "/item/malformed");
  CHECK(records[4]["title"] == "Broken item");
  CHECK(records[4]["price"] == "9.99");

  CHECK(stats->items == 5);
  CHECK(stats->http_errors == 2);       // 404, 500
  CHECK(stats->transport_errors == 5);  // slow, reset, loop, huge, bomb
  CHECK(stats->skipped_not_html == 1);  // the image
  CHECK(stats->pages_fetched == 9);     // index, 5 items, 404, 500, image
  CHECK(warnings.size() == 7);
  CHECK(std::count(warnings.begin(), warnings.end(), "GET " + base + "/missing: HTTP 404") == 1);
  CHECK(std::count(warnings.begin(), warnings.end(),
                   "GET " + base + "/bomb: body larger than the limit of 1048576 bytes") == 1);
}

TEST_CASE("a crawl that reaches max_pages stops there") {
  HostileSite site;
  testing::TempDir dir;
  config::Job job = hostile_job(site.server.base_url());
  job.max_pages = 3;
  const engine::CrawlSettings settings = settings_for(dir, "limited.jsonl");
  auto stats = engine::run_crawl(job, settings, {});
  REQUIRE(stats);
  CHECK(stats->pages_fetched + stats->transport_errors == 3);
  CHECK(stats->items == 2);  // index, /item/1, /item/2 in link order
}

TEST_CASE("max_depth 0 fetches only the start URLs") {
  HostileSite site;
  testing::TempDir dir;
  config::Job job = hostile_job(site.server.base_url());
  job.max_depth = 0;
  const engine::CrawlSettings settings = settings_for(dir, "shallow.jsonl");
  auto stats = engine::run_crawl(job, settings, {});
  REQUIRE(stats);
  CHECK(stats->pages_fetched == 1);
  CHECK(stats->items == 0);
  CHECK(std::filesystem::exists(settings.dataset_path));  // an empty dataset, still renamed into place
}
