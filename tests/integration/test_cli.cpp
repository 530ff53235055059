// The gleaner binary as a user and cron see it: exit codes, one-line
// messages, the summary, and a graceful stop on SIGTERM.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;
using testing::Subprocess;
using testing::TempDir;

namespace {

std::string write_job(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("gleaner --version prints the version and exits 0") {
  TempDir dir;
  Subprocess gleaner({GLEANER_BINARY, "--version"}, dir.path);
  CHECK(gleaner.wait() == 0);
  CHECK(gleaner.out() == "gleaner 0.1.0\n");
}

TEST_CASE("a usage error exits 2 with a message") {
  TempDir dir;
  Subprocess gleaner({GLEANER_BINARY, "run", "--no-such-flag", "job.json"}, dir.path);
  CHECK(gleaner.wait() == 2);
  CHECK(gleaner.err().find("gleaner: The following argument was not expected: --no-such-flag") == 0);
}

TEST_CASE("a missing job file exits 2 naming the file") {
  TempDir dir;
  const std::string missing = (dir.path / "nope.json").string();
  Subprocess gleaner({GLEANER_BINARY, "run", missing}, dir.path);
  CHECK(gleaner.wait() == 2);
  CHECK(gleaner.err() == "gleaner: " + missing + ": cannot read job file: No such file or directory\n");
}

TEST_CASE("invalid JSON exits 2 with the line and column") {
  TempDir dir;
  const std::string job = write_job(dir, "bad.json", "{\n  \"name\": \"x\"\n  \"start_urls\": []\n}\n");
  Subprocess gleaner({GLEANER_BINARY, "run", job}, dir.path);
  CHECK(gleaner.wait() == 2);
  CHECK(gleaner.err().find("gleaner: " + job + ":3:3: invalid JSON") == 0);
}

TEST_CASE("a --start-url that is not an http(s) URL exits 2") {
  TempDir dir;
  const std::string job = write_job(dir, "ok.json", R"({"name": "x", "start_urls": ["http://127.0.0.1:9/"]})");
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--start-url", "localhost"}, dir.path);
  CHECK(gleaner.wait() == 2);
  CHECK(gleaner.err() ==
        "gleaner: --start-url: expected an absolute http(s) URL, found \"localhost\"\n");
}

TEST_CASE("an unwritable dataset path exits 1 naming the path") {
  TempDir dir;
  const std::string job = write_job(dir, "ok.json", R"({"name": "x", "start_urls": ["http://127.0.0.1:9/"]})");
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", "/proc/no/such/dir/x.jsonl"}, dir.path);
  CHECK(gleaner.wait() == 1);
  // The run's lock file, beside the dataset, is the first thing it writes.
  CHECK(gleaner.err().find("gleaner: /proc/no/such/dir/.x.lock: cannot create directory /proc/no/such/dir: ") == 0);
}

TEST_CASE("SIGTERM stops the crawl gracefully and keeps every record extracted so far") {
  std::atomic<int> requests{0};
  std::atomic<bool> closing{false};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request&, httplib::Response& response) {
      std::string links;
      for (int i = 0; i < 50; ++i) links += "<a href=/slow/" + std::to_string(i) + ">x</a>";
      response.set_content(links, "text/html");
    });
    routes.Get(R"(/slow/(\d+))", [&](const httplib::Request& request, httplib::Response& response) {
      ++requests;
      for (int i = 0; i < 20 && !closing; ++i) std::this_thread::sleep_for(5ms);
      response.set_content("<h1>page " + std::string(request.matches[1]) + "</h1>", "text/html");
    });
  });
  TempDir dir;
  const std::string job = write_job(dir, "slow.json", R"({"name": "slow", "concurrency": 2,
    "start_urls": [")" + server.base_url() + R"(/"], "follow": ["a"],
    "items": [{"name": "page", "url_pattern": "/slow/", "fields": {"title": "h1"}}]})");
  const auto dataset = dir.path / "slow.jsonl";
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", dataset.string()}, dir.path);
  for (int i = 0; i < 2000 && requests < 6; ++i) std::this_thread::sleep_for(5ms);
  gleaner.signal(SIGTERM);
  const int exit_code = gleaner.wait();
  closing = true;

  CHECK(exit_code == 128 + SIGTERM);
  CHECK(gleaner.err().find("gleaner: SIGTERM: finishing ") != std::string::npos);
  CHECK(gleaner.err().find(" requests in flight, then stopping\n") != std::string::npos);
  CHECK(gleaner.err().find("(interrupted)") != std::string::npos);
  REQUIRE(std::filesystem::exists(dataset));
  const auto records = testing::read_lines(dataset);
  CHECK(records.size() >= 4);
  CHECK(records.size() < 50);
  // Every page the server was asked for was finished and extracted: none lost.
  CHECK(static_cast<int>(records.size()) == requests.load());
}

TEST_CASE("gleaner robots shows each URL's verdict and the rule behind it") {
  TempDir dir;
  const std::string robots = write_job(dir, "robots.txt",
                                       "User-agent: *\nDisallow: /private/\nAllow: /private/ok\n");
  Subprocess allowed({GLEANER_BINARY, "robots", robots, "/a", "http://shop.test/private/ok"}, dir.path);
  CHECK(allowed.wait() == 0);
  CHECK(allowed.out() ==
        "allowed /a  (no rule matches)\n"
        "allowed http://shop.test/private/ok  Allow: /private/ok (line 3)\n");

  Subprocess disallowed({GLEANER_BINARY, "robots", robots, "/private/x"}, dir.path);
  CHECK(disallowed.wait() == 1);
  CHECK(disallowed.out() == "disallowed /private/x  Disallow: /private/ (line 2)\n");
}

TEST_CASE("gleaner robots fetches a robots.txt URL and reads its status as the crawler does") {
  testing::LocalServer server([](httplib::Server& routes) {
    routes.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("User-agent: gleaner\nDisallow: /x\n", "text/plain");
    });
    routes.Get("/gone/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
    routes.Get("/down/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 503; });
  });
  TempDir dir;
  Subprocess fetched({GLEANER_BINARY, "robots", server.base_url() + "/robots.txt", "/x/1"}, dir.path);
  CHECK(fetched.wait() == 1);
  CHECK(fetched.out() == "disallowed /x/1  Disallow: /x (line 2)\n");

  Subprocess missing({GLEANER_BINARY, "robots", server.base_url() + "/gone/robots.txt", "/x"}, dir.path);
  CHECK(missing.wait() == 0);
  CHECK(missing.out() == "allowed /x  (robots.txt answered 404: all allowed)\n");

  Subprocess failing({GLEANER_BINARY, "robots", server.base_url() + "/down/robots.txt", "/x"}, dir.path);
  CHECK(failing.wait() == 1);
  CHECK(failing.out() == "disallowed /x  (robots.txt answered 503: all disallowed)\n");
}
