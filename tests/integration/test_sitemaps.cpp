// Sitemaps as the source of a crawl, counted from the server's side: a
// sitemap index over a plain and a gzip-compressed urlset, sitemap_since and
// deny patterns choosing what is fetched, robots.txt Sitemap: lines, and a
// sitemap broken half-way that keeps what it listed before the break.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/gzip.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;

namespace {

constexpr const char* sitemap_namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

// Every request's path, and the Referer each page came with.
struct Hits {
  std::mutex mutex;
  std::map<std::string, int> counts;
  std::map<std::string, std::string> referers;

  void record(const httplib::Request& request) {
    std::lock_guard lock(mutex);
    ++counts[request.path];
    referers[request.path] = request.get_header_value("Referer");
  }
  std::map<std::string, int> snapshot() {
    std::lock_guard lock(mutex);
    return counts;
  }
};

// "http://127.0.0.1:PORT", from the request: routes are set up before the port is known.
std::string origin_of(const httplib::Request& request) { return "http://" + request.get_header_value("Host"); }

struct Entry {
  std::string loc;      // a path, made absolute with the request's origin
  std::string lastmod;  // "" for none
};

std::string sitemap_xml(const std::string& root, const std::string& element, const std::string& origin,
                        const std::vector<Entry>& entries) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + sitemap_namespace + "\">\n";
  for (const Entry& entry : entries) {
    xml += "  <" + element + "><loc>" + origin + entry.loc + "</loc>";
    if (!entry.lastmod.empty()) xml += "<lastmod>" + entry.lastmod + "</lastmod>";
    xml += "</" + element + ">\n";
  }
  return xml + "</" + root + ">\n";
}

std::string urlset(const std::string& origin, const std::vector<Entry>& entries) {
  return sitemap_xml("urlset", "url", origin, entries);
}

void add_site(httplib::Server& routes, Hits& hits) {
  routes.Get("/robots.txt", [](const httplib::Request& request, httplib::Response& response) {
    response.set_content("User-agent: *\nAllow: /\n\nSitemap: " + origin_of(request) + "/robots-sitemap.xml\n",
                         "text/plain");
  });
  routes.Get("/sitemap_index.xml", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(sitemap_xml("sitemapindex", "sitemap", origin_of(request),
                                     {{"/sitemap-pages.xml", "2026-03-01"},
                                      {"/sitemap-products.xml.gz", "2026-03-01T10:00:00+00:00"},
                                      {"/sitemap-old.xml", "2020-01-01"},
                                      {"/sitemap_index.xml", ""}}),  // itself: read once all the same
                         "application/xml");
  });
  routes.Get("/sitemap-pages.xml", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(urlset(origin_of(request), {{"/pages/a", "2026-02-01"},
                                                     {"/pages/b", "2019-05-01"},
                                                     {"/pages/c", ""},
                                                     {"/private/x", "2026-02-01"}}),
                         "application/xml");
  });
  // A compressed file served as what it is, not with Content-Encoding.
  routes.Get("/sitemap-products.xml.gz", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(
        testing::gzip(urlset(origin_of(request), {{"/products/1", "2026-02-10"}, {"/products/2", "2018-01-01"}})),
        "application/x-gzip");
  });
  routes.Get("/sitemap-old.xml", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(urlset(origin_of(request), {{"/old/1", "2019-12-01"}}), "application/xml");
  });
  routes.Get("/robots-sitemap.xml", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    response.set_content(urlset(origin_of(request), {{"/from-robots/1", ""}}), "application/xml");
  });
  routes.Get("/broken.xml", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    const std::string origin = origin_of(request);
    response.set_content(std::string("<urlset xmlns=\"") + sitemap_namespace + "\">\n" +
                             "<url><loc>" + origin + "/broken/1</loc></url>\n" +
                             "<url><loc>" + origin + "/broken/2</loc></url>\n" +
                             "<url><loc>" + origin + "/broken/3</lo></url>\n" +
                             "<url><loc>" + origin + "/broken/4</loc></url>\n</urlset>\n",
                         "application/xml");
  });
  // A urlset that never ends: one more <url> every 20 ms, until the client hangs up.
  // Not application/xml: httplib would gzip it, holding chunks back in the compressor.
  routes.Get("/endless.xml", [&hits](const httplib::Request& request, httplib::Response& response) {
    hits.record(request);
    const std::string origin = origin_of(request);
    response.set_chunked_content_provider("application/octet-stream", [origin, next = 0](std::size_t, httplib::DataSink& sink) mutable {
      if (next == 500) {  // 10 s: a bound, so that the server can always shut down
        sink.done();
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      const std::string xml = (next == 0 ? std::string("<urlset xmlns=\"") + sitemap_namespace + "\">\n" : "") +
                              "<url><loc>" + origin + "/pages/" + std::to_string(next) + "</loc></url>\n";
      ++next;
      return sink.write(xml.data(), xml.size());
    });
  });
  routes.Get(R"(/(|deeper|pages/.*|products/.*|old/.*|private/.*|from-robots/.*|broken/.*))",
             [&hits](const httplib::Request& request, httplib::Response& response) {
               hits.record(request);
               response.set_content("<html><body><h1>" + request.path + "</h1><a href=\"/deeper\">more</a></body></html>",
                                    "text/html");
             });
}

struct Crawl {
  Result<engine::Stats> stats;
  std::vector<std::string> warnings;
  std::set<std::string> record_urls;
};

Crawl run_job(const std::string& keys, engine::CrawlHooks hooks = {}) {
  const std::string text = R"({"name": "sitemaps", "follow": ["a"], "max_depth": 1,
    "items": [{"name": "page", "fields": {"title": "h1"}}], )" + keys + "}";
  auto job = config::parse_job(text, "sitemaps.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  testing::TempDir dir;
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "sitemaps.jsonl").string();
  std::vector<std::string> warnings;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };
  auto stats = engine::run_crawl(*job, settings, hooks);
  std::set<std::string> urls;
  for (const std::string& line : testing::read_lines(settings.dataset_path)) {
    urls.insert(nlohmann::json::parse(line).at("url").get<std::string>());
  }
  return Crawl{std::move(stats), std::move(warnings), std::move(urls)};
}

std::set<std::string> absolute(const std::string& origin, const std::set<std::string>& paths) {
  std::set<std::string> urls;
  for (const std::string& path : paths) urls.insert(origin + path);
  return urls;
}

}  // namespace

TEST_CASE("a job with only a sitemap index crawls exactly the pages its sitemaps list, gzip or not") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string base = server.base_url();
  const Crawl result = run_job(R"("sitemaps": [")" + base + R"(/sitemap_index.xml"])");
  REQUIRE(result.stats);
  CHECK(result.warnings.empty());

  const std::map<std::string, int> expected{
      {"/sitemap_index.xml", 1}, {"/sitemap-pages.xml", 1}, {"/sitemap-products.xml.gz", 1}, {"/sitemap-old.xml", 1},
      {"/pages/a", 1},           {"/pages/b", 1},           {"/pages/c", 1},                 {"/private/x", 1},
      {"/products/1", 1},        {"/products/2", 1},        {"/old/1", 1}};
  // Listed pages are depth 1: with max_depth 1 their own links (/deeper) are not followed.
  CHECK(hits.snapshot() == expected);
  CHECK(result.record_urls == absolute(base, {"/pages/a", "/pages/b", "/pages/c", "/private/x", "/products/1",
                                              "/products/2", "/old/1"}));
  {
    std::lock_guard lock(hits.mutex);
    CHECK(hits.referers["/pages/a"] == base + "/sitemap-pages.xml");
    CHECK(hits.referers["/products/1"] == base + "/sitemap-products.xml.gz");
  }
  CHECK(result.stats->sitemaps_fetched == 4);
  CHECK(result.stats->sitemap_urls_queued == 7);
  CHECK(result.stats->sitemap_entries_too_old == 0);
  CHECK(result.stats->sitemap_errors == 0);
  CHECK(result.stats->items == 7);
}

TEST_CASE("sitemap_since leaves out pages and child sitemaps whose lastmod is older") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string base = server.base_url();
  const Crawl result = run_job(R"("sitemaps": [")" + base + R"(/sitemap_index.xml"], "sitemap_since": "2021-01-01")");
  REQUIRE(result.stats);
  CHECK(result.warnings.empty());
  // /pages/c has no lastmod: it cannot be told old, so it is kept.
  CHECK(result.record_urls == absolute(base, {"/pages/a", "/pages/c", "/private/x", "/products/1"}));
  const auto counts = hits.snapshot();
  CHECK(counts.count("/sitemap-old.xml") == 0);  // the index says it has not changed since 2020
  CHECK(counts.count("/pages/b") == 0);
  CHECK(counts.count("/products/2") == 0);
  CHECK(result.stats->sitemaps_fetched == 3);
  CHECK(result.stats->sitemap_urls_queued == 4);
  CHECK(result.stats->sitemap_entries_too_old == 3);  // /sitemap-old.xml, /pages/b, /products/2
}

TEST_CASE("the job's deny patterns apply to the pages sitemaps list") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string base = server.base_url();
  const Crawl result = run_job(R"("sitemaps": [")" + base + R"(/sitemap_index.xml"],
    "links": {"deny": ["/private/", "/products/2$"]})");
  REQUIRE(result.stats);
  CHECK(result.warnings.empty());
  CHECK(result.record_urls ==
        absolute(base, {"/pages/a", "/pages/b", "/pages/c", "/products/1", "/old/1"}));
  CHECK(hits.snapshot().count("/private/x") == 0);
  CHECK(result.stats->sitemap_urls_queued == 5);
}

TEST_CASE("sitemaps_from_robots reads the Sitemap: lines of the start URLs' robots.txt") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string base = server.base_url();
  const Crawl result = run_job(R"("start_urls": [")" + base + R"(/"], "sitemaps_from_robots": true)");
  REQUIRE(result.stats);
  CHECK(result.warnings.empty());
  const auto counts = hits.snapshot();
  CHECK(counts.at("/deeper") == 1);  // a link of the start page, depth 1
  CHECK(counts.at("/robots-sitemap.xml") == 1);
  CHECK(counts.at("/from-robots/1") == 1);
  CHECK(counts.count("/sitemap_index.xml") == 0);
  CHECK(result.record_urls.count(base + "/from-robots/1") == 1);
  CHECK(result.stats->sitemaps_fetched == 1);
  CHECK(result.stats->sitemap_urls_queued == 1);
}

TEST_CASE("a sitemap broken half-way keeps the pages listed before the break; each failed sitemap is one warning") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string base = server.base_url();
  const Crawl result = run_job(R"("sitemaps": [")" + base + R"(/broken.xml", ")" + base + R"(/missing.xml"])");
  REQUIRE(result.stats);
  CHECK(result.record_urls == absolute(base, {"/broken/1", "/broken/2"}));
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0] == "sitemap " + base + "/broken.xml: line 4, column " + std::to_string(base.size() + 22) +
                                  ": mismatched tag");
  CHECK(result.warnings[1] == "sitemap " + base + "/missing.xml: HTTP 404");
  CHECK(result.stats->sitemap_errors == 2);
  CHECK(result.stats->sitemaps_fetched == 1);
  CHECK(result.stats->sitemap_urls_queued == 2);
}

TEST_CASE("a stop request ends a crawl while a sitemap is still arriving, without a warning") {
  Hits hits;
  testing::LocalServer server([&](httplib::Server& routes) { add_site(routes, hits); });
  const std::string base = server.base_url();
  engine::CrawlHooks hooks;
  hooks.on_start = [](loop::EventLoop& loop, engine::Engine& engine) {
    loop.add_timer(loop::Clock::now() + std::chrono::milliseconds(300), [&engine] { engine.request_stop(); });
  };
  const auto started = std::chrono::steady_clock::now();
  const Crawl result = run_job(R"("sitemaps": [")" + base + R"(/endless.xml"])", std::move(hooks));
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(result.stats);
  CHECK(result.stats->interrupted);
  CHECK(took < std::chrono::seconds(3));  // the whole sitemap takes 10 s
  CHECK(result.warnings.empty());
  CHECK(result.stats->sitemap_errors == 0);
  CHECK(result.stats->sitemap_urls_queued > 0);
  CHECK(result.stats->sitemap_urls_queued < 100);
}
