// HTTP/2 multiplexing over a whole crawl: against a real HTTP/2 server
// (nghttpd, TLS with a throwaway certificate) every page shares one
// connection, while an HTTP/1.1 server needs one connection per request in
// flight. What --stats reports under "http" is checked on both.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t linked_pages = 40;

// The program's full path (Subprocess runs it with execv), or "" when
// neither PATH nor the sbin directories hold it: nghttpd lives in
// /usr/sbin, which a non-root PATH often leaves out.
std::string find_program(const std::string& name) {
  std::string directories = std::getenv("PATH") ? std::getenv("PATH") : "";
  directories += ":/usr/local/sbin:/usr/sbin:/sbin";
  std::istringstream list(directories);
  for (std::string directory; std::getline(list, directory, ':');) {
    if (directory.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(directory) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// Fails the test (not skips it): CI installs both through scripts/install-deps.sh.
std::string require_program(const std::string& name, const std::string& package) {
  std::string path = find_program(name);
  if (path.empty()) {
    FAIL(name << " not found: this test needs Debian's " << package
              << " package (scripts/install-deps.sh installs it)");
  }
  return path;
}

// index.html linking page-1.html ... page-40.html, each with its own <h1>.
void write_site(const std::filesystem::path& dir) {
  std::ofstream index(dir / "index.html");
  index << "<html><body><h1>index</h1>\n";
  for (std::size_t page = 1; page <= linked_pages; ++page) {
    index << "<a href=\"/page-" << page << ".html\">page " << page << "</a>\n";
    std::ofstream(dir / ("page-" + std::to_string(page) + ".html"))
        << "<html><body><h1>page " << page << "</h1></body></html>\n";
  }
  index << "</body></html>\n";
}

// A self-signed key and certificate for 127.0.0.1, valid for a day.
void write_certificate(const std::filesystem::path& dir, const std::filesystem::path& key,
                       const std::filesystem::path& cert) {
  const std::string openssl = require_program("openssl", "openssl");
  testing::Subprocess make_cert({openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                 "-keyout", key.string(), "-out", cert.string()},
                                dir);
  const int exit_code = make_cert.wait(30s);
  REQUIRE_MESSAGE(exit_code == 0, "openssl req exited with " << exit_code << ": " << make_cert.err());
}

// A port nothing listened on a moment ago. Another process may take it
// before nghttpd binds it; the caller retries.
int unused_port() {
  const int probe = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(probe >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  const bool bound = bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(probe);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  if (client < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(client);
  return connected;
}

// nghttpd serving a static site over TLS (h2 via ALPN) on 127.0.0.1. The
// Subprocess kills it when this goes out of scope, whatever the test did.
class Http2Server {
 public:
  Http2Server(const std::filesystem::path& htdocs, const std::filesystem::path& work_dir) {
    const std::string nghttpd = require_program("nghttpd", "nghttp2-server");
    const std::filesystem::path key = work_dir / "key.pem";
    const std::filesystem::path cert = work_dir / "cert.pem";
    write_certificate(work_dir, key, cert);
    for (int attempt = 0; attempt < 5 && !server_; ++attempt) {
      port_ = unused_port();
      auto server = std::make_unique<testing::Subprocess>(
          std::vector<std::string>{nghttpd, "--address=127.0.0.1", "--htdocs=" + htdocs.string(),
                                   std::to_string(port_), key.string(), cert.string()},
          work_dir);
      // Up to 5 s: ready once it accepts; an exit means the port was taken.
      for (int poll = 0; poll < 100; ++poll) {
        if (accepts_connections(port_)) {
          server_ = std::move(server);
          break;
        }
        if (server->wait(50ms) != -1) break;
      }
    }
    REQUIRE_MESSAGE(server_, "nghttpd did not start listening on 127.0.0.1 (5 attempts)");
  }

  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  std::unique_ptr<testing::Subprocess> server_;
};

// A JSON array of the site's pages: index.html alone, or with every page.
std::string start_urls(const std::string& base_url, bool every_page) {
  std::string urls = "[\"" + base_url + "/index.html\"";
  for (std::size_t page = 1; every_page && page <= linked_pages; ++page) {
    urls += ", \"" + base_url + "/page-" + std::to_string(page) + ".html\"";
  }
  return urls + "]";
}

// Every page of the site, 8 requests in flight.
std::string job_text(const std::string& base_url, bool every_page_at_once = false) {
  return R"({"name": "multiplexing", "start_urls": )" + start_urls(base_url, every_page_at_once) + R"(,
    "follow": ["a"],
    "items": [{"name": "page", "fields": {"title": "h1"}}],
    "concurrency": 8,
    "politeness": {"per_host_concurrency": 8, "obey_robots": )" + (every_page_at_once ? "false" : "true") + R"(},
    "retry": {"max_retries": 0},
    "http": {"verify_tls": false, "allow_private_addresses": true, "timeout": 20}})";
}

engine::Stats crawl_site(const std::string& job_text, const testing::TempDir& dir) {
  auto job = config::parse_job(job_text, "multiplexing.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "multiplexing.jsonl").string();
  engine::CrawlHooks hooks;
  hooks.warn = [](const std::string&) {};  // verify_tls: false says so; the counts tell the rest
  auto stats = engine::run_crawl(*job, settings, hooks);
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));
  return *stats;
}

// The same crawl through `gleaner run --stats`: the "http" object users read.
nlohmann::json crawl_with_cli(const std::string& base_url, const testing::TempDir& dir) {
  const std::filesystem::path job = dir.path / "multiplexing.json";
  const std::filesystem::path stats = dir.path / "stats.json";
  std::ofstream(job) << job_text(base_url);
  const std::filesystem::path dataset = dir.path / "from-cli.jsonl";
  testing::Subprocess gleaner(
      {GLEANER_BINARY, "run", "-q", job.string(), "-o", dataset.string(), "--stats", stats.string()}, dir.path);
  const int exit_code = gleaner.wait(60s);
  REQUIRE_MESSAGE(exit_code == 0, "gleaner run exited with " << exit_code << ": " << gleaner.err());
  return nlohmann::json::parse(testing::read_file(stats));
}

// The test site in a temporary directory, served by nghttpd.
struct Http2Site {
  testing::TempDir dir;
  std::filesystem::path htdocs = make_site(dir.path / "site");
  Http2Server server{htdocs, dir.path};

  static std::filesystem::path make_site(const std::filesystem::path& htdocs) {
    std::filesystem::create_directory(htdocs);
    write_site(htdocs);
    return htdocs;
  }
};

}  // namespace

TEST_CASE("over HTTP/2 every request of a crawl shares one multiplexed connection") {
  Http2Site site;
  testing::TempDir& dir = site.dir;
  Http2Server& server = site.server;

  const engine::Stats stats = crawl_site(job_text(server.base_url()), dir);
  CHECK(stats.pages_fetched == linked_pages + 1);
  CHECK(stats.pages_ok == linked_pages + 1);
  CHECK(stats.items == linked_pages + 1);
  // robots.txt (404 here) travels on the same connection, before the pages.
  CHECK(stats.http.responses_by_version == std::map<std::string, std::size_t>{{"2", linked_pages + 2}});
  CHECK(stats.http.connections_opened == 1);

  const nlohmann::json cli_stats = crawl_with_cli(server.base_url(), dir);
  CHECK(cli_stats["http"] == nlohmann::json::parse(R"({"connections_opened": 1, "responses_by_version": {"2": 42}})"));
}

// Without CURLOPT_PIPEWAIT, requests that start together on a host with no
// connection yet each open one: curl cannot know the server speaks HTTP/2
// before the first TLS handshake ends (ALPN).
TEST_CASE("over HTTP/2 a crawl that starts many requests at once still opens one connection") {
  Http2Site site;
  testing::TempDir& dir = site.dir;
  Http2Server& server = site.server;

  // Every page a start URL, and no robots.txt first: 8 requests leave at once.
  const engine::Stats stats = crawl_site(job_text(server.base_url(), true), dir);
  CHECK(stats.pages_ok == linked_pages + 1);
  CHECK(stats.http.responses_by_version == std::map<std::string, std::size_t>{{"2", linked_pages + 1}});
  CHECK(stats.http.connections_opened == 1);
}

TEST_CASE("over HTTP/1.1 a crawl keeps connections alive, one per request in flight") {
  testing::TempDir dir;
  testing::LocalServer server;
  server.serve_directory(dir.path.string());
  write_site(dir.path);

  const engine::Stats stats = crawl_site(job_text(server.base_url()), dir);
  CHECK(stats.pages_fetched == linked_pages + 1);
  CHECK(stats.pages_ok == linked_pages + 1);
  CHECK(stats.http.responses_by_version == std::map<std::string, std::size_t>{{"1.1", linked_pages + 2}});
  // More than one (no multiplexing), yet reused (keep-alive): usually
  // `concurrency` (8), now and then 9 to 12. curl's connection cache keeps
  // at most 4 connections per transfer in flight (CURLMOPT_MAXCONNECTS'
  // default), so a moment with one in flight closes some for later to reopen.
  CHECK(stats.http.connections_opened > 1);
  CHECK(stats.http.connections_opened < (linked_pages + 2) / 2);
}
