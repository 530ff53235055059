// `gleaner run` as cron and its monitoring see it: exit codes for the error
// budget and signals, --stats and --metrics files, log formats and levels,
// the progress line on a terminal (and only there), and stopping on signals.
#include <doctest/doctest.h>
#include <httplib.h>
#include <pty.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
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

std::string write_job(const TempDir& dir, const std::string& text) {
  const auto path = dir.path / "job.json";
  std::ofstream(path) << text;
  return path.string();
}

// "/" links to /page/0 .. /page/N-1; the pages in `missing` answer 404.
void serve_pages(httplib::Server& routes, int pages, std::set<int> missing) {
  routes.Get("/", [pages](const httplib::Request&, httplib::Response& response) {
    std::string links;
    for (int i = 0; i < pages; ++i) links += "<a href=/page/" + std::to_string(i) + ">x</a>";
    response.set_content(links, "text/html");
  });
  routes.Get(R"(/page/(\d+))", [missing](const httplib::Request& request, httplib::Response& response) {
    const int number = std::stoi(request.matches[1]);
    if (missing.count(number) > 0) {
      response.status = 404;
      return;
    }
    response.set_content("<h1>page " + std::to_string(number) + "</h1>", "text/html");
  });
}

std::string pages_job(const testing::LocalServer& server, const std::string& extra = "") {
  return R"({"name": "pages", "start_urls": [")" + server.base_url() + R"(/"], "follow": ["a"],
    "retry": {"max_retries": 0}, )" + extra + R"(
    "items": [{"name": "page", "url_pattern": "/page/", "fields": {"title": "h1"}}]})";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("a run over its max_error_rate writes its dataset, says why, and exits 1") {
  testing::LocalServer server([](httplib::Server& routes) { serve_pages(routes, 4, {1, 3}); });
  // 2 of the 5 URLs (the start page and 4 pages) fail: 40%.
  for (const double budget : {0.25, 0.5}) {
    CAPTURE(budget);
    TempDir dir;
    const std::string job = write_job(dir, pages_job(server, "\"max_error_rate\": " + std::to_string(budget) + ","));
    const auto dataset = dir.path / "pages.jsonl";
    Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", dataset.string()}, dir.path);
    const int exit_code = gleaner.wait();
    CHECK(testing::read_lines(dataset).size() == 2);
    if (budget < 0.4) {
      CHECK(exit_code == 1);
      CHECK(gleaner.err().find("gleaner: pages: 40.0% of the URLs failed, over max_error_rate 25.0%\n") !=
            std::string::npos);
    } else {
      CHECK(exit_code == 0);
      CHECK(gleaner.err().find("max_error_rate") == std::string::npos);
    }
  }
}

TEST_CASE("--stats and --metrics write the run's figures, atomically, next to a good run") {
  testing::LocalServer server([](httplib::Server& routes) { serve_pages(routes, 3, {2}); });
  TempDir dir;
  const std::string job = write_job(dir, pages_job(server));
  const auto stats_path = dir.path / "stats.json";
  const auto metrics_path = dir.path / "gleaner.prom";
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", (dir.path / "pages.jsonl").string(), "--stats",
                      stats_path.string(), "--metrics", metrics_path.string()},
                     dir.path);
  REQUIRE(gleaner.wait() == 0);

  const auto stats = nlohmann::json::parse(testing::read_file(stats_path));
  CHECK(stats["job"] == "pages");
  CHECK(stats["exit_code"] == 0);
  CHECK(stats["pages"]["fetched"] == 4);
  CHECK(stats["pages"]["by_status"] == nlohmann::json::parse(R"({"200": 3, "404": 1})"));
  CHECK(stats["items"]["by_type"] == nlohmann::json::parse(R"({"page": 2})"));
  CHECK(stats["errors"]["http"] == 1);

  const std::string metrics = testing::read_file(metrics_path);
  CHECK(metrics.find("\ngleaner_last_run_exit_code{job=\"pages\"} 0\n") != std::string::npos);
  CHECK(metrics.find("\ngleaner_last_run_responses{job=\"pages\",status=\"404\"} 1\n") != std::string::npos);
  CHECK(metrics.find("\ngleaner_last_run_items{job=\"pages\"} 2\n") != std::string::npos);
  CHECK(metrics.substr(metrics.size() - 6) == "# EOF\n");
}

TEST_CASE("a run that cannot write its dataset still writes its metrics, with exit code 1") {
  testing::LocalServer server([](httplib::Server& routes) { serve_pages(routes, 1, {}); });
  TempDir dir;
  const std::string job = write_job(dir, pages_job(server));
  const auto metrics_path = dir.path / "gleaner.prom";
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", "/proc/no/such/dir/x.jsonl", "--metrics",
                      metrics_path.string()},
                     dir.path);
  CHECK(gleaner.wait() == 1);
  CHECK(testing::read_file(metrics_path).find("\ngleaner_last_run_exit_code{job=\"pages\"} 1\n") !=
        std::string::npos);
}

TEST_CASE("--quiet prints nothing for a run with failures; -v adds a line per page") {
  testing::LocalServer server([](httplib::Server& routes) { serve_pages(routes, 3, {0}); });
  TempDir dir;
  const std::string job = write_job(dir, pages_job(server));
  const std::string output = (dir.path / "pages.jsonl").string();
  {
    Subprocess quiet({GLEANER_BINARY, "run", job, "--output", output, "--quiet"}, dir.path);
    CHECK(quiet.wait() == 0);
    CHECK(quiet.err() == "");
  }
  Subprocess verbose({GLEANER_BINARY, "run", job, "--output", output, "-v"}, dir.path);
  CHECK(verbose.wait() == 0);
  const std::string err = verbose.err();
  CHECK(err.find("gleaner: GET " + server.base_url() + "/page/1: 200, 15 bytes, ") != std::string::npos);
  CHECK(err.find(", depth 1, 1 items, 0 links queued\n") != std::string::npos);
  CHECK(err.find("gleaner: GET " + server.base_url() + "/page/0: HTTP 404\n") != std::string::npos);
}

TEST_CASE("--log-format json makes every stderr line one JSON object") {
  testing::LocalServer server([](httplib::Server& routes) { serve_pages(routes, 2, {1}); });
  TempDir dir;
  const std::string job = write_job(dir, pages_job(server));
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", (dir.path / "p.jsonl").string(), "--log-format",
                      "json"},
                     dir.path);
  CHECK(gleaner.wait() == 0);
  const auto lines = lines_of(gleaner.err());
  REQUIRE(lines.size() >= 3);
  bool saw_warning = false;
  for (const std::string& line : lines) {
    CAPTURE(line);
    const auto object = nlohmann::json::parse(line);
    CHECK(object["job"] == "pages");
    saw_warning = saw_warning || (object["level"] == "warning" && object["message"].get<std::string>().find(
                                                                          "HTTP 404") != std::string::npos);
  }
  CHECK(saw_warning);
}

TEST_CASE("on a terminal a progress line is drawn, and erased before the summary") {
  testing::LocalServer server([](httplib::Server& routes) {
    routes.Get("/", [](const httplib::Request&, httplib::Response& response) {
      std::string links;
      for (int i = 0; i < 8; ++i) links += "<a href=/page/" + std::to_string(i) + ">x</a>";
      response.set_content(links, "text/html");
    });
    // Slow enough pages that the crawl outlives a few refreshes.
    routes.Get(R"(/page/(\d+))", [](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(200ms);
      response.set_content("<h1>page</h1>", "text/html");
    });
  });
  TempDir dir;
  const std::string job = write_job(dir, R"({"name": "pages", "start_urls": [")" + server.base_url() +
                                             R"(/"], "follow": ["a"], "concurrency": 1})");
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string output = (dir.path / "p.jsonl").string();
    execl(GLEANER_BINARY, GLEANER_BINARY, "run", job.c_str(), "--output", output.c_str(), nullptr);
    _exit(127);
  }
  std::string seen;
  for (int i = 0; i < 600; ++i) {  // at most 60 s
    pollfd ready{terminal, POLLIN, 0};
    if (poll(&ready, 1, 100) <= 0) continue;
    char buffer[4096];
    const ssize_t count = read(terminal, buffer, sizeof buffer);
    if (count <= 0) break;  // the child closed the terminal: it has exited
    seen.append(buffer, static_cast<std::size_t>(count));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(terminal);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(seen.find("\rpages: ") != std::string::npos);
  CHECK(seen.find(" queued, ") != std::string::npos);
  // Erased ("\r" + clear to end of line) right before the summary.
  CHECK(seen.find("\r\x1b[Kgleaner: pages: 9 pages fetched") != std::string::npos);
}

TEST_CASE("after SIGTERM, requests a slow server holds are abandoned when the grace period ends") {
  std::atomic<bool> closing{false};
  std::atomic<int> started{0};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<a href=/stuck/1>x</a><a href=/stuck/2>x</a><h1>home</h1>", "text/html");
    });
    routes.Get(R"(/stuck/(\d+))", [&](const httplib::Request&, httplib::Response& response) {
      ++started;
      for (int i = 0; i < 3000 && !closing; ++i) std::this_thread::sleep_for(10ms);
      response.set_content("<h1>late</h1>", "text/html");
    });
  });
  TempDir dir;
  const std::string job = write_job(dir, R"({"name": "stuck", "start_urls": [")" + server.base_url() +
                                             R"(/"], "follow": ["a"], "http": {"timeout": 120},
    "items": [{"name": "page", "fields": {"title": "h1"}}]})");
  const auto dataset = dir.path / "stuck.jsonl";
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", dataset.string(), "--grace", "0.3"}, dir.path);
  for (int i = 0; i < 2000 && started < 2; ++i) std::this_thread::sleep_for(5ms);
  gleaner.signal(SIGTERM);
  const int exit_code = gleaner.wait(20s);
  closing = true;
  CHECK(exit_code == 128 + SIGTERM);
  CHECK(gleaner.err().find("gleaner: stuck: 2 requests abandoned when the stop's grace period ended\n") !=
        std::string::npos);
  // The home page's record was extracted before the stop, and is kept.
  const auto records = testing::read_lines(dataset);
  REQUIRE(records.size() == 1);
  CHECK(nlohmann::json::parse(records[0])["title"] == "home");
}

TEST_CASE("a second signal exits at once, with the records written so far as a valid dataset") {
  std::atomic<bool> closing{false};
  std::atomic<int> started{0};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [](const httplib::Request&, httplib::Response& response) {
      std::string links;
      for (int i = 0; i < 40; ++i) links += "<a href=/page/" + std::to_string(i) + ">x</a>";
      response.set_content(links + "<h1>home</h1>", "text/html");
    });
    // The first 6 pages answer at once; the rest hang until the test ends.
    routes.Get(R"(/page/(\d+))", [&](const httplib::Request& request, httplib::Response& response) {
      if (std::stoi(request.matches[1]) >= 6) {
        ++started;
        for (int i = 0; i < 3000 && !closing; ++i) std::this_thread::sleep_for(10ms);
      }
      response.set_content("<h1>page " + std::string(request.matches[1]) + "</h1>", "text/html");
    });
  });
  TempDir dir;
  const std::string job = write_job(dir, R"({"name": "twice", "start_urls": [")" + server.base_url() +
                                             R"(/"], "follow": ["a"], "concurrency": 4, "http": {"timeout": 120},
    "items": [{"name": "page", "fields": {"title": "h1"}}]})");
  const auto dataset = dir.path / "twice.json";  // a JSON array: its closing "]" must be written too
  Subprocess gleaner({GLEANER_BINARY, "run", job, "--output", dataset.string()}, dir.path);
  for (int i = 0; i < 2000 && started < 4; ++i) std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(200ms);  // the quick pages' records reach the writer
  gleaner.signal(SIGINT);
  for (int i = 0; i < 2000 && gleaner.err().find("then stopping") == std::string::npos; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  gleaner.signal(SIGINT);
  const int exit_code = gleaner.wait(20s);  // the hanging pages would hold a graceful stop for 10 s
  closing = true;
  CHECK(exit_code == 128 + SIGINT);
  CHECK(gleaner.err().find("gleaner: SIGINT again: exiting at once with ") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dataset.string() + ".part"));
  const auto records = nlohmann::json::parse(testing::read_file(dataset));
  REQUIRE(records.is_array());
  // Home and the six quick pages were extracted long before; the writer had them.
  CHECK(records.size() == 7);
}

TEST_CASE("a second run of a job exits 3 while the first runs, and a killed run does not block the next") {
  std::atomic<bool> closing{false};
  std::atomic<int> started{0};
  testing::LocalServer server([&](httplib::Server& routes) {
    routes.Get("/", [&](const httplib::Request&, httplib::Response& response) {
      ++started;
      for (int i = 0; i < 3000 && !closing; ++i) std::this_thread::sleep_for(10ms);
      response.set_content("<h1>home</h1>", "text/html");
    });
  });
  TempDir dir;
  const std::string job = write_job(dir, R"({"name": "locked", "start_urls": [")" + server.base_url() +
                                             R"(/"], "items": [{"name": "page", "fields": {"title": "h1"}}]})");
  // {timestamp}: each run has a file of its own, and still the job is locked.
  const std::string output = (dir.path / "out" / "locked-{timestamp}.jsonl").string();
  Subprocess first({GLEANER_BINARY, "run", job, "--output", output}, dir.path);
  for (int i = 0; i < 2000 && started < 1; ++i) std::this_thread::sleep_for(5ms);
  REQUIRE(started == 1);

  TempDir second_dir;
  Subprocess second({GLEANER_BINARY, "run", job, "--output", output}, second_dir.path);
  CHECK(second.wait() == 3);
  CHECK(second.err() == "gleaner: locked: another run of this job is in progress (PID " +
                            std::to_string(first.pid()) + ", lock " + (dir.path / "out" / ".locked.lock").string() +
                            "); not starting\n");
  CHECK(started == 1);  // the second run fetched nothing

  first.signal(SIGKILL);
  CHECK(first.wait() == 128 + SIGKILL);
  closing = true;
  TempDir third_dir;
  Subprocess third({GLEANER_BINARY, "run", job, "--output", output}, third_dir.path);
  CHECK(third.wait() == 0);
  CHECK(started == 2);
}
