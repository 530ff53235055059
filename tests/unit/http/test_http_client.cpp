// HttpClient against a local server that misbehaves on purpose: slow, reset,
// 5xx, redirect loops, huge and compressed-bomb bodies, refused connections.
#include <doctest/doctest.h>
#include <httplib.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/when_all.hpp"
#include "support/local_server.hpp"
#include "support/gzip.hpp"

using namespace gleaner;
using namespace std::chrono_literals;
using http::TransportError;

namespace {

using gleaner::testing::gzip;

struct HostileSite {
  std::mutex mutex;
  std::set<int> client_ports;  // one per connection the client opened
  std::atomic<bool> closing{false};
  testing::LocalServer server{[this](httplib::Server& routes) { add_routes(routes); }};

  ~HostileSite() { closing = true; }

  void add_routes(httplib::Server& routes) {
    routes.set_keep_alive_max_count(1000);  // httplib's default closes after 5 requests
    routes.Get("/ok", [this](const httplib::Request& request, httplib::Response& response) {
      {
        std::lock_guard lock(mutex);
        client_ports.insert(request.remote_port);
      }
      response.set_content("<p>hello</p>", "text/html; charset=utf-8");
    });
    routes.Get("/slow", [this](const httplib::Request&, httplib::Response& response) {
      // Bounded so that the server can always shut down.
      for (int i = 0; i < 200 && !closing; ++i) std::this_thread::sleep_for(5ms);
      response.set_content("late", "text/plain");
    });
    routes.Get("/status/503", [](const httplib::Request&, httplib::Response& response) {
      response.status = 503;
      response.set_content("busy", "text/plain");
    });
    routes.Get("/loop", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/loop");
    });
    routes.Get("/hop", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/ok");
    });
    routes.Get("/huge", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(2 * 1024 * 1024, 'x'), "text/html");
    });
    routes.Get("/huge-chunked", [](const httplib::Request&, httplib::Response& response) {
      response.set_chunked_content_provider("text/html", [](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= 4 * 1024 * 1024) {
          sink.done();
          return true;
        }
        const std::string chunk(64 * 1024, 'y');
        return sink.write(chunk.data(), chunk.size());
      });
    });
    routes.Get("/bomb", [](const httplib::Request&, httplib::Response& response) {
      static const std::string bomb = gzip(std::string(64 * 1024 * 1024, '\0'));
      response.set_header("Content-Encoding", "gzip");
      response.set_content(bomb, "text/html");
    });
    routes.Get("/gzip", [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Encoding", "gzip");
      response.set_content(gzip("<p>compressed</p>"), "text/html");
    });
    routes.Get("/reset", [](const httplib::Request&, httplib::Response& response) {
      // Promises 100000 bytes, sends 10 and hangs up.
      response.set_content_provider(100000, "text/html", [](std::size_t, std::size_t, httplib::DataSink& sink) {
        sink.write("0123456789", 10);
        return false;
      });
    });
  }

  std::string url(const std::string& path) const { return server.base_url() + path; }
};

http::ClientOptions quick_options() {
  http::ClientOptions options;
  options.user_agent = "gleaner-test";
  options.connect_timeout = 2s;
  options.total_timeout = 5s;
  options.max_redirects = 5;
  options.max_body_bytes = 1024 * 1024;
  return options;
}

http::Request get(const std::string& url) {
  http::Request request;
  request.url = url;
  return request;
}

http::Response fetch_one(const std::string& url, http::ClientOptions options = quick_options()) {
  loop::EventLoop loop;
  http::HttpClient client(loop, std::move(options));
  return loop.run_until_complete(client.fetch(get(url)));
}

}  // namespace

TEST_CASE("a page is fetched with its status, content type and body") {
  HostileSite site;
  const auto response = fetch_one(site.url("/ok"));
  CHECK_FALSE(response.failed());
  CHECK(response.status == 200);
  CHECK(response.content_type == "text/html; charset=utf-8");
  CHECK(response.body == "<p>hello</p>");
  CHECK(response.final_url == site.url("/ok"));
}

TEST_CASE("redirects are followed and the final URL is reported") {
  HostileSite site;
  const auto response = fetch_one(site.url("/hop"));
  CHECK(response.status == 200);
  CHECK(response.final_url == site.url("/ok"));
}

TEST_CASE("a server error status is a response, not a transport failure") {
  HostileSite site;
  const auto response = fetch_one(site.url("/status/503"));
  CHECK_FALSE(response.failed());
  CHECK(response.status == 503);
}

TEST_CASE("a response slower than the total timeout fails with a timeout naming the URL") {
  HostileSite site;
  auto options = quick_options();
  options.total_timeout = 200ms;
  const auto response = fetch_one(site.url("/slow"), options);
  CHECK(response.error == TransportError::timeout);
  CHECK(response.error_message.find("GET " + site.url("/slow") + ": timed out after") == 0);
  CHECK(response.body.empty());
}

TEST_CASE("bodies over the size cap are refused, with or without Content-Length") {
  HostileSite site;
  CHECK(fetch_one(site.url("/huge")).error == TransportError::too_large);
  const auto chunked = fetch_one(site.url("/huge-chunked"));
  CHECK(chunked.error == TransportError::too_large);
  CHECK(chunked.error_message ==
        "GET " + site.url("/huge-chunked") + ": body larger than the limit of 1048576 bytes");
}

TEST_CASE("compressed bodies are decoded, and a decompression bomb hits the cap") {
  HostileSite site;
  const auto small = fetch_one(site.url("/gzip"));
  CHECK(small.body == "<p>compressed</p>");
  const auto bomb = fetch_one(site.url("/bomb"));
  CHECK(bomb.error == TransportError::too_large);
}

TEST_CASE("a connection cut mid-body is a network error") {
  HostileSite site;
  const auto response = fetch_one(site.url("/reset"));
  CHECK(response.error == TransportError::network);
  CHECK(response.body.empty());
}

TEST_CASE("a refused connection is a connect error") {
  int closed_port = 0;
  { closed_port = testing::LocalServer().port(); }
  const auto response = fetch_one("http://127.0.0.1:" + std::to_string(closed_port) + "/");
  CHECK(response.error == TransportError::connect);
}

TEST_CASE("many concurrent fetches all complete and reuse connections") {
  HostileSite site;
  loop::EventLoop loop;
  auto options = quick_options();
  options.max_connections_per_host = 4;
  http::HttpClient client(loop, options);
  std::vector<loop::Task<http::Response>> fetches;
  for (int i = 0; i < 60; ++i) fetches.push_back(client.fetch(get(site.url("/ok"))));
  const auto responses = loop.run_until_complete(loop::when_all(std::move(fetches)));
  int ok = 0;
  for (const auto& response : responses) ok += response.status == 200 && response.body == "<p>hello</p>";
  CHECK(ok == 60);
  std::lock_guard lock(site.mutex);
  CHECK(site.client_ports.size() <= 4);  // kept-alive connections, not one per request
}

TEST_CASE("a redirect the caller refuses is not followed: nothing is sent to its target") {
  HostileSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  http::Request request = get(site.url("/hop"));
  std::vector<std::string> asked;
  request.check_redirect = [&asked](const std::string& target) -> std::optional<std::string> {
    asked.push_back(target);
    return "outside the job's scope";
  };
  const auto response = loop.run_until_complete(client.fetch(std::move(request)));
  CHECK(response.error == TransportError::redirect_refused);
  CHECK(response.error_message == "GET " + site.url("/hop") + ": redirect to " + site.url("/ok") +
                                      " refused: outside the job's scope");
  CHECK(asked == std::vector<std::string>{site.url("/ok")});
  std::lock_guard lock(site.mutex);
  CHECK(site.client_ports.empty());  // /ok never saw a request
}

TEST_CASE("a redirect chain is followed hop by hop up to the limit") {
  HostileSite site;
  const auto response = fetch_one(site.url("/loop"));
  CHECK(response.error == TransportError::too_many_redirects);
  CHECK(response.error_message ==
        "GET " + site.url("/loop") + ": more than 5 redirects (last to " + site.url("/loop") + ")");
}

TEST_CASE("a streamed body reaches its reader in chunks, past max_body_bytes, and only from a 2xx answer") {
  const std::string piece(64 * 1024, 'z');
  testing::LocalServer server([&piece](httplib::Server& routes) {
    routes.Get("/big", [&piece](const httplib::Request&, httplib::Response& response) {
      response.set_chunked_content_provider("application/xml", [&piece](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= 2 * 1024 * 1024) {
          sink.done();
          return true;
        }
        return sink.write(piece.data(), piece.size());
      });
    });
    routes.Get("/moved", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<p>moved to /big</p>", "text/html");
      response.set_header("Location", "/big");
      response.status = 301;
    });
    routes.Get("/gone", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content("<p>no such sitemap</p>", "text/html");
    });
  });
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());  // max_body_bytes: 1 MB
  std::vector<std::size_t> chunks;
  std::size_t bytes = 0;
  auto streamed = [&](const std::string& path) {
    chunks.clear();
    bytes = 0;
    http::Request request = get(server.base_url() + path);
    request.on_body = [&](std::string_view chunk) {
      chunks.push_back(chunk.size());
      bytes += chunk.size();
      return true;
    };
    return loop.run_until_complete(client.fetch(std::move(request)));
  };

  SUBCASE("a 2 MB body arrives in pieces and is never buffered") {
    const auto response = streamed("/big");
    CHECK_FALSE(response.failed());
    CHECK(response.status == 200);
    CHECK(bytes == 2 * 1024 * 1024);
    CHECK(chunks.size() > 1);
    CHECK(response.body.empty());
  }
  SUBCASE("a redirect hop's body is not page data; the target's is") {
    const auto response = streamed("/moved");
    CHECK(response.status == 200);
    CHECK(response.final_url == server.base_url() + "/big");
    CHECK(bytes == 2 * 1024 * 1024);
  }
  SUBCASE("a 404 body is not streamed: it stays in the response, as without a reader") {
    const auto response = streamed("/gone");
    CHECK_FALSE(response.failed());
    CHECK(response.status == 404);
    CHECK(chunks.empty());
    CHECK(response.body == "<p>no such sitemap</p>");
  }
  SUBCASE("a reader that returns false stops the transfer, which fails saying so") {
    http::Request request = get(server.base_url() + "/big");
    std::size_t calls = 0;
    request.on_body = [&calls](std::string_view) { return ++calls < 2; };
    const auto response = loop.run_until_complete(client.fetch(std::move(request)));
    CHECK(calls == 2);
    CHECK(response.error == TransportError::other);
    CHECK_MESSAGE(response.error_message.find("GET " + server.base_url() + "/big: stopped by the body reader after ") == 0, response.error_message);
    CHECK(response.body.empty());
  }
}

TEST_CASE("abandon_all ends every transfer in flight at once, and every later one") {
  HostileSite site;
  loop::EventLoop loop;
  http::HttpClient client(loop, quick_options());
  std::vector<loop::Task<http::Response>> fetches;
  for (int i = 0; i < 3; ++i) fetches.push_back(client.fetch(get(site.url("/slow"))));
  // Long before /slow answers (1 s), and after the transfers have started.
  loop.add_timer(loop::Clock::now() + 100ms, [&client] {
    CHECK(client.transfers_in_flight() == 3);
    client.abandon_all();
  });
  const auto responses = loop.run_until_complete(loop::when_all(std::move(fetches)));
  for (const auto& response : responses) {
    CHECK(response.error == TransportError::abandoned);
    CHECK(response.error_message.find("GET " + site.url("/slow") + ": abandoned when the crawl stopped (") == 0);
  }
  CHECK(client.transfers_in_flight() == 0);
  // A redirect's next hop or a robots.txt asked for after the stop is not sent.
  const auto after = loop.run_until_complete(client.fetch(get(site.url("/ok"))));
  CHECK(after.error == TransportError::abandoned);
}
