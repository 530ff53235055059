// A job's transfer settings over a whole crawl, seen from the servers' side:
// headers and cookies reach the site, credentials never reach another origin,
// non-HTML files are kept only when the job asks, a stalled page does not
// hold the crawl, and every link not followed is counted by its reason.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "config/job_loader.hpp"
#include "crawl/frontier.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;

namespace {

const std::string pdf_bytes = std::string("%PDF-1.4\n\x00\x01\x02 binary\n%%EOF\n", 27);
const std::string png_bytes = std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16);

// Each request's path with its Authorization and Cookie headers.
struct Seen {
  std::string path;
  std::string authorization;
  std::string cookie;
};

struct Site {
  std::mutex mutex;
  std::vector<Seen> seen;
  std::atomic<bool> closing{false};
  std::string other_origin;  // the base URL of another local server
  testing::LocalServer server{[this](httplib::Server& routes) { add_routes(routes); }};

  ~Site() { closing = true; }

  void record(const httplib::Request& request) {
    std::lock_guard lock(mutex);
    seen.push_back({request.path, request.get_header_value("Authorization"), request.get_header_value("Cookie")});
  }

  std::vector<Seen> requests() {
    std::lock_guard lock(mutex);
    return seen;
  }

  void add_routes(httplib::Server& routes) {
    routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
    routes.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_header("Set-Cookie", "visit=1; Path=/");
      response.set_content(R"(<h1>home</h1>
        <a href="/members">members</a> <a href="/members">again</a>
        <a href="/report.pdf">report</a> <a href="/logo.png">logo</a> <a href="/data.json">data</a>
        <a href="/drip">slow</a> <a href="/to-other">moved</a>
        <a href="mailto:a@b.c">mail</a> <a href="http://elsewhere.invalid/">elsewhere</a>)",
                           "text/html");
    });
    routes.Get("/members", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      // Only a client that kept the cookie from "/" gets the member page.
      const bool known = request.get_header_value("Cookie").find("visit=1") != std::string::npos;
      response.set_content(std::string("<h1>") + (known ? "welcome back" : "who are you?") + "</h1>", "text/html");
    });
    routes.Get("/report.pdf", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_content(pdf_bytes, "application/pdf");
    });
    routes.Get("/logo.png", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_content(png_bytes, "image/png");
    });
    routes.Get("/data.json", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_content("{}", "application/json");
    });
    routes.Get("/to-other", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_redirect(other_origin + "/landing");
    });
    routes.Get("/drip", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_chunked_content_provider("text/html", [this](std::size_t offset, httplib::DataSink& sink) {
        if (closing || offset >= 100) return false;
        std::this_thread::sleep_for(100ms);
        sink.write("x", 1);
        return true;
      });
    });
  }
};

struct OtherSite {
  std::mutex mutex;
  std::vector<Seen> seen;
  testing::LocalServer server{[this](httplib::Server& routes) {
    routes.Get("/landing", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex);
      seen.push_back({request.path, request.get_header_value("Authorization"), request.get_header_value("Cookie")});
      response.set_content("<h1>landed</h1>", "text/html");
    });
  }};
};

struct Crawl {
  Result<engine::Stats> stats = make_error(ErrorKind::invalid_argument, "not run");
  std::vector<std::string> warnings;
  std::vector<nlohmann::json> records;
};

Crawl run_job(const std::string& job_text, const testing::TempDir& dir) {
  auto job = config::parse_job(job_text, "transfer.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "transfer.jsonl").string();
  Crawl result;
  engine::CrawlHooks hooks;
  hooks.warn = [&result](const std::string& line) { result.warnings.push_back(line); };
  result.stats = engine::run_crawl(*job, settings, hooks);
  std::ifstream dataset(settings.dataset_path);
  for (std::string line; std::getline(dataset, line);) result.records.push_back(nlohmann::json::parse(line));
  return result;
}

std::string job_text(const Site& site, const testing::TempDir& dir, const std::string& extra) {
  return R"({"name": "transfer", "start_urls": [")" + site.server.base_url() + R"(/"], "follow": ["a"],
    "items": [{"name": "page", "fields": {"title": "h1"}}],
    "retry": {"max_retries": 0},
    "http": {"headers": {"Authorization": "Bearer s3cret", "X-Team": "data"},
             "low_speed_limit": 100, "low_speed_time": 1, "allow_private_addresses": true},
    "download": {"content_types": ["application/pdf", "image/*"], "dir": ")" +
         (dir.path / "files-{job}").string() + R"("})" + extra + "}";
}

std::size_t skipped(const engine::Stats& stats, crawl::Admission reason) {
  return stats.links_skipped[static_cast<std::size_t>(reason)];
}

}  // namespace

TEST_CASE("a crawl sends the job's headers and cookies, keeps credentials on their origin, and saves wanted files") {
  Site site;
  OtherSite other;
  site.other_origin = other.server.base_url();
  testing::TempDir dir;
  // The other origin is a domain of the job too: only the credentials stop at the origin.
  const Crawl result = run_job(job_text(site, dir, R"(, "allowed_domains": ["127.0.0.1"])"), dir);
  REQUIRE(result.stats);
  const engine::Stats& stats = *result.stats;

  SUBCASE("headers and the cookie jar") {
    for (const Seen& request : site.requests()) {
      CAPTURE(request.path);
      CHECK(request.authorization == "Bearer s3cret");
    }
    bool member_page = false;
    for (const auto& record : result.records) {
      if (record["url"] == site.server.base_url() + "/members") {
        CHECK(record["title"] == "welcome back");
        member_page = true;
      }
    }
    CHECK(member_page);
  }
  SUBCASE("a redirect to another origin arrives without the credentials") {
    std::lock_guard lock(other.mutex);
    REQUIRE(other.seen.size() == 1);
    CHECK(other.seen[0].authorization.empty());
    // Cookies the server set are the jar's, scoped as browsers scope them
    // (RFC 6265: by host, not port), so this one goes along.
    CHECK(other.seen[0].cookie == "visit=1");
  }
  SUBCASE("wanted files are saved under their fingerprint with a manifest; others are counted only") {
    const auto files = dir.path / "files-transfer";
    CHECK(stats.skipped_not_html == 3);
    CHECK(stats.downloads == 2);
    CHECK(stats.download_errors == 0);
    std::ifstream manifest(files / "manifest.jsonl");
    std::vector<nlohmann::json> entries;
    for (std::string line; std::getline(manifest, line);) entries.push_back(nlohmann::json::parse(line));
    REQUIRE(entries.size() == 2);
    for (const auto& entry : entries) {
      CAPTURE(entry.dump());
      const std::string file = entry["file"];
      std::ifstream saved(files / file, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(saved), {}};
      if (entry["content_type"] == "application/pdf") {
        CHECK(entry["url"] == site.server.base_url() + "/report.pdf");
        CHECK(file.size() == 16 + 4);
        CHECK(file.substr(16) == ".pdf");
        CHECK(bytes == pdf_bytes);
      } else {
        CHECK(entry["content_type"] == "image/png");
        CHECK(file.substr(16) == ".png");
        CHECK(bytes == png_bytes);
      }
      CHECK(entry["bytes"] == bytes.size());
      CHECK(std::string(entry["fetched_at"]).size() == 20);
    }
    CHECK_FALSE(std::filesystem::exists(files / "manifest.jsonl.part"));
  }
  SUBCASE("the slow-drip page is abandoned as stalled and reported; the rest of the crawl is whole") {
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].find("GET " + site.server.base_url() + "/drip: stalled:") == 0);
    CHECK(stats.transport_errors == 1);
    CHECK(result.records.size() == 3);  // "/", "/members" and the other origin's "/landing"
  }
  SUBCASE("links not followed are counted by reason") {
    CHECK(skipped(stats, crawl::Admission::seen) == 1);  // the second /members
    CHECK(stats.links_unresolvable == 1);  // mailto:
    CHECK(skipped(stats, crawl::Admission::out_of_scope_domain) == 1);  // elsewhere.invalid
    CHECK(stats.links_queued == 6);
  }
}

TEST_CASE("verify_tls false is announced before the crawl starts") {
  Site site;
  testing::TempDir dir;
  const Crawl result = run_job(R"({"name": "tls", "start_urls": [")" + site.server.base_url() +
                                 R"(/members"], "http": {"verify_tls": false}})",
                             dir);
  REQUIRE(result.stats);
  REQUIRE_FALSE(result.warnings.empty());
  CHECK(result.warnings[0].find("warning: transfer.json: http.verify_tls is false") == 0);
}
