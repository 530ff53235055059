// The job-level transfer options of HttpClient, each against a local server
// that records what it received: headers and where credentials may go,
// cookies, the stall (low-speed) timeout, and a proxy.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.hpp"
#include "http/request_headers.hpp"
#include "loop/event_loop.hpp"
#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;
using http::TransportError;

namespace {

// Remembers the headers of every request it served, by path.
struct RecordingSite {
  struct Seen {
    std::string path;
    httplib::Headers headers;
  };
  std::mutex mutex;
  std::vector<Seen> seen;
  std::atomic<bool> closing{false};
  std::string redirect_target;  // where /away redirects to
  testing::LocalServer server{[this](httplib::Server& routes) { add_routes(routes); }};

  ~RecordingSite() { closing = true; }

  void record(const httplib::Request& request) {
    std::lock_guard lock(mutex);
    seen.push_back({request.path, request.headers});
  }

  // The value of `name` in the last request for `path`; "<none>" if absent.
  std::string header(const std::string& path, const std::string& name) {
    std::lock_guard lock(mutex);
    for (auto it = seen.rbegin(); it != seen.rend(); ++it) {
      if (it->path != path) continue;
      auto found = it->headers.find(name);
      return found == it->headers.end() ? "<none>" : found->second;
    }
    return "<not requested>";
  }

  void add_routes(httplib::Server& routes) {
    routes.Get("/page", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_content("<p>page</p>", "text/html");
    });
    routes.Get("/login", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_header("Set-Cookie", "session=abc123; Path=/");
      response.set_content("<p>welcome</p>", "text/html");
    });
    routes.Get("/here", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_redirect("/page");
    });
    routes.Get("/away", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_redirect(redirect_target);
    });
    routes.Get("/drip", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      // One byte every 100 ms, for at most 20 s: far below any sane
      // low-speed limit, and never silent long enough for a plain timeout.
      response.set_chunked_content_provider("text/html", [this](std::size_t offset, httplib::DataSink& sink) {
        if (closing || offset >= 200) return false;
        std::this_thread::sleep_for(100ms);
        sink.write("x", 1);
        return true;
      });
    });
  }
};

http::ClientOptions quick_options() {
  http::ClientOptions options;
  options.user_agent = "gleaner-test";
  options.connect_timeout = 2s;
  options.total_timeout = 10s;
  return options;
}

http::Response fetch(http::HttpClient& client, loop::EventLoop& loop, const std::string& url) {
  http::Request request;
  request.url = url;
  return loop.run_until_complete(client.fetch(std::move(request)));
}

http::Response fetch_one(const std::string& url, http::ClientOptions options = quick_options()) {
  loop::EventLoop loop;
  http::HttpClient client(loop, std::move(options));
  return fetch(client, loop, url);
}

}  // namespace

TEST_CASE("credential headers are recognised in any letter case") {
  CHECK(http::is_credential_header("Authorization"));
  CHECK(http::is_credential_header("cookie"));
  CHECK(http::is_credential_header("PROXY-AUTHORIZATION"));
  CHECK_FALSE(http::is_credential_header("X-Api-Key"));
  CHECK_FALSE(http::is_credential_header("Authorization2"));
}

TEST_CASE("a job's headers are sent, and a browser-like Accept unless the job sets its own") {
  RecordingSite site;
  auto options = quick_options();
  options.headers = {{"X-Team", "data"}, {"Accept-Language", "de"}};
  REQUIRE(fetch_one(site.server.base_url() + "/page", options).status == 200);
  CHECK(site.header("/page", "X-Team") == "data");
  CHECK(site.header("/page", "Accept-Language") == "de");
  CHECK(site.header("/page", "Accept").find("text/html") == 0);

  options.headers = {{"Accept", "application/json"}};
  REQUIRE(fetch_one(site.server.base_url() + "/page", options).status == 200);
  CHECK(site.header("/page", "Accept") == "application/json");
}

TEST_CASE("Authorization, Cookie and Proxy-Authorization never follow a redirect to another origin") {
  RecordingSite origin;
  RecordingSite other;
  auto options = quick_options();
  options.headers = {{"Authorization", "Bearer secret"}, {"Cookie", "id=7"},
                     {"Proxy-Authorization", "Basic cHJveHk="}, {"X-Team", "data"}};

  SUBCASE("same origin: the credentials stay") {
    REQUIRE(fetch_one(origin.server.base_url() + "/here", options).status == 200);
    CHECK(origin.header("/page", "Authorization") == "Bearer secret");
    CHECK(origin.header("/page", "Cookie") == "id=7");
  }
  SUBCASE("another port") {
    origin.redirect_target = other.server.base_url() + "/page";
    REQUIRE(fetch_one(origin.server.base_url() + "/away", options).status == 200);
    CHECK(origin.header("/away", "Authorization") == "Bearer secret");  // the first hop had them
    CHECK(other.header("/page", "Authorization") == "<none>");
    CHECK(other.header("/page", "Cookie") == "<none>");
    CHECK(other.header("/page", "Proxy-Authorization") == "<none>");
    CHECK(other.header("/page", "X-Team") == "data");  // other headers still go
  }
  SUBCASE("another host name for the same address and port") {
    origin.redirect_target = "http://localhost:" + std::to_string(origin.server.port()) + "/page";
    REQUIRE(fetch_one(origin.server.base_url() + "/away", options).status == 200);
    CHECK(origin.header("/page", "Authorization") == "<none>");
    CHECK(origin.header("/page", "X-Team") == "data");
  }
}

TEST_CASE("cookies a server sets are sent back on later requests of the same client, and only then") {
  RecordingSite site;
  SUBCASE("one jar per client, shared by every transfer") {
    loop::EventLoop loop;
    http::HttpClient client(loop, quick_options());
    REQUIRE(fetch(client, loop, site.server.base_url() + "/login").status == 200);
    REQUIRE(fetch(client, loop, site.server.base_url() + "/page").status == 200);
    CHECK(site.header("/page", "Cookie") == "session=abc123");
  }
  SUBCASE("a new client starts with an empty jar") {
    REQUIRE(fetch_one(site.server.base_url() + "/login").status == 200);
    REQUIRE(fetch_one(site.server.base_url() + "/page").status == 200);
    CHECK(site.header("/page", "Cookie") == "<none>");
  }
  SUBCASE("cookies off: nothing is kept") {
    auto options = quick_options();
    options.cookies = false;
    loop::EventLoop loop;
    http::HttpClient client(loop, options);
    REQUIRE(fetch(client, loop, site.server.base_url() + "/login").status == 200);
    REQUIRE(fetch(client, loop, site.server.base_url() + "/page").status == 200);
    CHECK(site.header("/page", "Cookie") == "<none>");
  }
}

TEST_CASE("a cookies.txt file is loaded into the jar once, and server cookies join it") {
  RecordingSite site;
  testing::TempDir dir;
  const auto path = dir.path / "cookies.txt";
  // Netscape format: domain, subdomains, path, secure, expiry (0: session), name, value.
  std::ofstream(path) << "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tconsent\tyes\n";
  auto options = quick_options();
  options.cookie_file = path.string();
  loop::EventLoop loop;
  http::HttpClient client(loop, options);
  REQUIRE(fetch(client, loop, site.server.base_url() + "/page").status == 200);
  CHECK(site.header("/page", "Cookie") == "consent=yes");
  REQUIRE(fetch(client, loop, site.server.base_url() + "/login").status == 200);
  REQUIRE(fetch(client, loop, site.server.base_url() + "/page").status == 200);
  const std::string cookies = site.header("/page", "Cookie");
  CHECK(cookies.find("consent=yes") != std::string::npos);
  CHECK(cookies.find("session=abc123") != std::string::npos);
}

TEST_CASE("a slow-drip response is abandoned as stalled long before the total timeout") {
  RecordingSite site;
  auto options = quick_options();
  options.total_timeout = 20s;
  options.low_speed_limit = 100;  // bytes per second
  options.low_speed_time = 1s;
  const auto started = std::chrono::steady_clock::now();
  const auto response = fetch_one(site.server.base_url() + "/drip", options);
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(response.error == TransportError::timeout);
  CHECK(response.error_message.find(": stalled: ") != std::string::npos);
  CHECK(took < 10s);  // a bound on a failure, not a measurement: the drip lasts 20 s

  SUBCASE("with the check off, only the total timeout ends it") {
    options.low_speed_time = 0s;
    options.total_timeout = 1500ms;
    const auto plain = fetch_one(site.server.base_url() + "/drip", options);
    CHECK(plain.error == TransportError::timeout);
    CHECK(plain.error_message.find("timed out after") != std::string::npos);
  }
}

TEST_CASE("with a proxy, every request goes through it and the environment's proxy is ignored") {
  // A plain HTTP proxy receives the absolute URL as the request target.
  std::mutex mutex;
  std::vector<std::string> targets;
  testing::LocalServer proxy([&](httplib::Server& routes) {
    routes.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
      {
        std::lock_guard lock(mutex);
        targets.push_back(request.target);
      }
      response.set_content("<p>via proxy</p>", "text/html");
    });
  });
  auto options = quick_options();
  options.proxy = proxy.base_url();
  const auto response = fetch_one("http://site.invalid/page?x=1", options);
  REQUIRE_MESSAGE(response.status == 200, response.error_message);
  CHECK(response.body == "<p>via proxy</p>");
  std::lock_guard lock(mutex);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0] == "http://site.invalid/page?x=1");
}

TEST_CASE("without a proxy setting, http_proxy in the environment is not used") {
  RecordingSite site;
  // A proxy address nothing listens on: if curl used it, the fetch would fail.
  ::setenv("http_proxy", "http://127.0.0.1:9", 1);
  const auto response = fetch_one(site.server.base_url() + "/page");
  ::unsetenv("http_proxy");
  CHECK(response.status == 200);
}

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT  // Debian's cpp-httplib has it; the header-only fallback may not
TEST_CASE("TLS certificates are verified unless the job opts out") {
  // A self-signed certificate for 127.0.0.1, made for this test only.
  testing::TempDir dir;
  const std::string key = (dir.path / "key.pem").string();
  const std::string certificate = (dir.path / "certificate.pem").string();
  {
    testing::Subprocess openssl({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                 "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", certificate},
                                dir.path);
    REQUIRE(openssl.wait() == 0);
  }
  httplib::SSLServer server(certificate.c_str(), key.c_str());
  REQUIRE(server.is_valid());
  server.Get("/page", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<p>secret</p>", "text/html");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread serving([&server] { server.listen_after_bind(); });
  const std::string url = "https://127.0.0.1:" + std::to_string(port) + "/page";

  const auto verified = fetch_one(url);
  CHECK(verified.error == TransportError::tls);
  CHECK(verified.body.empty());

  auto options = quick_options();
  options.verify_tls = false;
  const auto unverified = fetch_one(url, options);
  CHECK(unverified.status == 200);
  CHECK(unverified.body == "<p>secret</p>");

  server.stop();
  serving.join();
}
#endif
