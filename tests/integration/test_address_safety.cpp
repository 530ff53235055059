// A public page cannot steer the crawler into the local network: links and
// redirects to other loopback services are refused before connect(), whatever
// the spelling of the address. Only the start URL's own address:port is open.
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;

namespace {

// Another service on this machine that the crawl must never reach.
struct InternalService {
  std::atomic<int> requests{0};
  testing::LocalServer server{[this](httplib::Server& routes) {
    routes.Get(".*", [this](const httplib::Request&, httplib::Response& response) {
      ++requests;
      response.set_content("<h1>secret</h1>", "text/html");
    });
  }};
};

struct Outcome {
  engine::Stats stats;
  std::vector<std::string> warnings;
  std::size_t records = 0;
};

Outcome crawl_site(const std::string& start, const std::string& extra_keys) {
  const std::string text = R"({"name": "safe", "start_urls": [")" + start + R"("],
    "allowed_domains": ["127.0.0.1", "localhost"], "follow": ["a"],
    "items": [{"name": "page", "fields": {"title": "h1"}}],
    "retry": {"max_retries": 0})" + extra_keys + "}";
  auto job = config::parse_job(text, "safe.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  testing::TempDir dir;
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "safe.jsonl").string();
  std::vector<std::string> warnings;
  engine::CrawlHooks hooks;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };
  auto stats = engine::run_crawl(*job, settings, hooks);
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));
  return Outcome{*stats, std::move(warnings), testing::read_lines(settings.dataset_path).size()};
}

}  // namespace

TEST_CASE("links and redirects to another local service are refused, in every spelling") {
  InternalService internal;
  const std::string port = std::to_string(internal.server.port());
  testing::LocalServer site([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request&, httplib::Response& response) {
      response.set_content("<h1>public</h1>"
                           "<a href='http://127.0.0.1:" + port + "/a'>a</a>"
                           "<a href='http://localhost:" + port + "/b'>b</a>"
                           "<a href='http://2130706433:" + port + "/c'>c</a>"
                           "<a href='http://0x7f.1:" + port + "/d'>d</a>"
                           "<a href='/go'>redirect</a>",
                           "text/html");
    });
    routes.Get("/go", [&](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("http://127.0.0.1:" + port + "/e");
    });
  });

  const Outcome result = crawl_site(site.base_url() + "/", "");
  CHECK(internal.requests == 0);  // not one request, not one connection reached it
  CHECK(result.records == 1);     // the start page itself, on its own origin
  CHECK(result.stats.transport_errors == 5);
  for (const std::string& warning : result.warnings) {
    CAPTURE(warning);
    // localhost may be tried as [::1] first; either way the port is the internal one.
    const bool named = warning.find(": refused to connect to 127.0.0.1:" + port + ": ") != std::string::npos ||
                       warning.find(": refused to connect to [::1]:" + port + ": ") != std::string::npos;
    CHECK(named);
    CHECK(warning.find("not a public address (a job allows it with http.allow_private_addresses)") !=
          std::string::npos);
  }
}

TEST_CASE("http.allow_private_addresses opens exactly what it names") {
  InternalService internal;
  const std::string port = std::to_string(internal.server.port());
  testing::LocalServer site([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request&, httplib::Response& response) {
      response.set_content("<h1>public</h1><a href='http://127.0.0.1:" + port + "/a'>a</a>", "text/html");
    });
  });
  const Outcome opened =
      crawl_site(site.base_url() + "/", R"(, "http": {"allow_private_addresses": ["127.0.0.1:)" + port + R"("]})");
  CHECK(opened.records == 2);
  CHECK(internal.requests >= 1);
}

TEST_CASE("a redirect outside the job's domains or onto a denied URL is not followed") {
  InternalService internal;
  const std::string port = std::to_string(internal.server.port());
  testing::LocalServer site([&](httplib::Server& routes) {
    routes.Get("/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<h1>home</h1><a href='/away'>a</a><a href='/denied'>d</a>", "text/html");
    });
    // example.com is outside allowed_domains: refused before any DNS lookup.
    routes.Get("/away", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("http://example.com/");
    });
    routes.Get("/denied", [&](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("http://127.0.0.1:" + port + "/private/x");
    });
  });
  Outcome result = crawl_site(site.base_url() + "/", R"(, "links": {"deny": ["/private/"]},
      "http": {"allow_private_addresses": true})");
  CHECK(internal.requests == 0);
  CHECK(result.records == 1);
  CHECK(result.stats.transport_errors == 2);
  std::sort(result.warnings.begin(), result.warnings.end());
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0] == "GET " + site.base_url() + "/away: redirect to http://example.com/ refused: the job does not follow it (domain)");
  CHECK(result.warnings[1] == "GET " + site.base_url() + "/denied: redirect to http://127.0.0.1:" + port +
                                  "/private/x refused: the job does not follow it (pattern //private//)");
}
