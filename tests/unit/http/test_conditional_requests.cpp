// Conditional requests (RFC 9110 §13.1): a request's validators are sent on
// that request only, a 304 answer is a normal outcome with an empty body, and
// the final response's ETag and Last-Modified come back verbatim.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "support/local_server.hpp"

using namespace gleaner;
using namespace std::chrono_literals;

namespace {

constexpr const char* last_modified = "Tue, 01 Sep 2026 08:00:00 GMT";

// A page with validators that answers 304 when If-None-Match names its ETag
// (or any ETag: "*"), and records the validators every request carried.
struct ValidatingSite {
  struct Seen {
    std::string path;
    std::string if_none_match;      // "<none>" when absent
    std::string if_modified_since;  // "<none>" when absent
  };
  std::string etag = R"("v2")";
  std::mutex mutex;
  std::vector<Seen> seen;
  testing::LocalServer server{[this](httplib::Server& routes) { add_routes(routes); }};

  static std::string header_or_none(const httplib::Request& request, const char* name) {
    return request.has_header(name) ? request.get_header_value(name) : "<none>";
  }

  void record(const httplib::Request& request) {
    std::lock_guard lock(mutex);
    seen.push_back({request.path, header_or_none(request, "If-None-Match"),
                    header_or_none(request, "If-Modified-Since")});
  }

  std::vector<Seen> requests() {
    std::lock_guard lock(mutex);
    return seen;
  }

  void add_routes(httplib::Server& routes) {
    routes.Get("/page", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_header("ETag", etag);
      response.set_header("Last-Modified", last_modified);
      const std::string sent = request.get_header_value("If-None-Match");
      if (sent == etag || sent == "*") {
        response.status = 304;
        return;
      }
      response.set_content("<p>version 2</p>", "text/html");
    });
    routes.Get("/moved", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_redirect("/page");
    });
    routes.Get("/plain", [this](const httplib::Request& request, httplib::Response& response) {
      record(request);
      response.set_content("<p>no validators</p>", "text/html");
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

http::Request conditional(const std::string& url, std::string if_none_match, std::string if_modified_since = {}) {
  http::Request request;
  request.url = url;
  request.if_none_match = std::move(if_none_match);
  request.if_modified_since = std::move(if_modified_since);
  return request;
}

http::Response fetch(http::HttpClient& client, loop::EventLoop& loop, http::Request request) {
  return loop.run_until_complete(client.fetch(std::move(request)));
}

}  // namespace

TEST_CASE("validators are sent exactly as set, and not on the next plain request of the same client") {
  ValidatingSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  const std::string url = site.server.base_url() + "/page";

  REQUIRE(fetch(client, loop, conditional(url, R"("v1")", "Mon, 31 Aug 2026 08:00:00 GMT")).status == 200);
  REQUIRE(fetch(client, loop, conditional(url, "")).status == 200);
  REQUIRE(fetch(client, loop, conditional(url, "", "Mon, 31 Aug 2026 08:00:00 GMT")).status == 200);

  // One client, requests in turn: each reuses the pooled easy handle of the one before.
  const auto seen = site.requests();
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].if_none_match == R"("v1")");
  CHECK(seen[0].if_modified_since == "Mon, 31 Aug 2026 08:00:00 GMT");
  CHECK(seen[1].if_none_match == "<none>");
  CHECK(seen[1].if_modified_since == "<none>");
  CHECK(seen[2].if_none_match == "<none>");
  CHECK(seen[2].if_modified_since == "Mon, 31 Aug 2026 08:00:00 GMT");
}

TEST_CASE("a 304 answer is status 304 with an empty body, not a failure, and echoes the validators") {
  ValidatingSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  const std::string url = site.server.base_url() + "/page";

  const http::Response first = fetch(client, loop, conditional(url, ""));
  REQUIRE_MESSAGE(first.status == 200, first.error_message);
  CHECK(first.body == "<p>version 2</p>");
  CHECK(first.etag == R"("v2")");
  CHECK(first.last_modified == last_modified);
  CHECK_FALSE(first.not_modified());

  const http::Response again = fetch(client, loop, conditional(url, first.etag, first.last_modified));
  CHECK_FALSE(again.failed());
  CHECK(again.error_message.empty());
  CHECK(again.status == 304);
  CHECK(again.not_modified());
  CHECK(again.body.empty());
  CHECK(again.etag == R"("v2")");
  CHECK(again.last_modified == last_modified);

  SUBCASE("a stale validator gets the whole page") {
    const http::Response stale = fetch(client, loop, conditional(url, R"("v1")"));
    CHECK(stale.status == 200);
    CHECK(stale.body == "<p>version 2</p>");
  }
}

TEST_CASE("a weak ETag round-trips verbatim, W/ and quotes included") {
  ValidatingSite site;
  site.etag = R"(W/"x")";
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  const std::string url = site.server.base_url() + "/page";

  const http::Response first = fetch(client, loop, conditional(url, ""));
  REQUIRE(first.status == 200);
  CHECK(first.etag == R"(W/"x")");

  const http::Response again = fetch(client, loop, conditional(url, first.etag));
  CHECK(site.requests().back().if_none_match == R"(W/"x")");
  CHECK(again.status == 304);
  CHECK(again.etag == R"(W/"x")");
}

TEST_CASE("the validators are those of the final response, and go on every hop of a redirect") {
  ValidatingSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());

  const http::Response moved = fetch(client, loop, conditional(site.server.base_url() + "/moved", R"("v2")"));
  CHECK(moved.status == 304);
  CHECK(moved.final_url == site.server.base_url() + "/page");
  CHECK(moved.etag == R"("v2")");
  const auto seen = site.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].path == "/moved");
  CHECK(seen[0].if_none_match == R"("v2")");
  CHECK(seen[1].path == "/page");
  CHECK(seen[1].if_none_match == R"("v2")");
}

TEST_CASE("a response without validators leaves them empty") {
  ValidatingSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  const http::Response plain = fetch(client, loop, conditional(site.server.base_url() + "/plain", ""));
  REQUIRE(plain.status == 200);
  CHECK(plain.etag.empty());
  CHECK(plain.last_modified.empty());
}

TEST_CASE("a stored validator holding a line break is not sent, so it cannot add headers of its own") {
  ValidatingSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  const http::Response response =
      fetch(client, loop, conditional(site.server.base_url() + "/page", "\"v2\"\r\nX-Injected: 1"));
  CHECK(response.status == 200);
  CHECK(site.requests().back().if_none_match == "<none>");
}
