// Datasets end to end: a slow disk slows the crawl instead of growing memory,
// and whole crawls write CSV, JSON arrays, appended files and standard output.
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using namespace std::chrono_literals;
using nlohmann::json;
using testing::read_file;
using testing::Subprocess;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

// "/" links to /p/0 .. /p/<pages - 1>; each of those yields one record.
class BookSite {
 public:
  explicit BookSite(int pages)
      : server_([this, pages](httplib::Server& routes) {
          routes.Get("/", [pages](const httplib::Request&, httplib::Response& response) {
            std::string links;
            for (int i = 0; i < pages; ++i) links += "<a href=\"/p/" + std::to_string(i) + "\">book</a>\n";
            response.set_content(links, "text/html");
          });
          routes.Get(R"(/p/(\d+))", [this](const httplib::Request& request, httplib::Response& response) {
            ++pages_served_;
            const std::string n = request.matches[1];
            response.set_content("<h1>Book " + n + ", \"vol\" " + n + "</h1><p class=price>" + n +
                                     "</p><ul><li>t" + n + "</li><li>x</li></ul>",
                                 "text/html");
          });
        }) {}

  std::string url() const { return server_.base_url() + "/"; }
  std::size_t pages_served() const { return pages_served_.load(); }

 private:
  std::atomic<std::size_t> pages_served_{0};
  testing::LocalServer server_;
};

std::string job_text(const std::string& start_url, const std::string& output, int concurrency = 4) {
  return R"({"name": "books", "concurrency": )" + std::to_string(concurrency) +
         R"(, "politeness": {"per_host_concurrency": )" + std::to_string(concurrency) + R"(},
    "start_urls": [")" + start_url + R"("], "follow": ["a"],
    "items": [{"name": "book", "url_pattern": "/p/\\d+$",
               "fields": {"title": "h1", "price": "p.price", "tags": {"selector": "li", "all": true}}}],
    "output": )" + output + "}";
}

config::Job load(const std::string& text) {
  auto job = config::parse_job(text, "books.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  return std::move(*job);
}

engine::Stats crawl_site(const config::Job& job, engine::CrawlSettings settings) {
  auto stats = engine::run_crawl(job, settings, {});
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));
  CHECK(stats->errors() == 0);
  return *stats;
}

std::string csv_row(int n, const std::string& base) {
  return base + "p/" + std::to_string(n) + ",\"Book " + std::to_string(n) + ", \"\"vol\"\" " + std::to_string(n) +
         "\"," + std::to_string(n) + ",\"[\"\"t" + std::to_string(n) + "\"\",\"\"x\"\"]\"\r\n";
}

// The dataset's rows after its header, sorted: the crawl's order is not fixed.
std::vector<std::string> csv_rows(const std::string& text, const std::string& header) {
  REQUIRE(text.compare(0, header.size(), header) == 0);
  std::vector<std::string> rows;
  for (std::size_t at = header.size(); at < text.size();) {
    const std::size_t end = text.find("\r\n", at);
    REQUIRE(end != std::string::npos);
    rows.push_back(text.substr(at, end + 2 - at));
    at = end + 2;
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::string> expected_csv_rows(int pages, const std::string& base) {
  std::vector<std::string> rows;
  for (int i = 0; i < pages; ++i) rows.push_back(csv_row(i, base));
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

TEST_CASE("a slow dataset writer holds the crawl back: pages in memory stay bounded and every record arrives") {
  constexpr int pages = 300;
  constexpr std::size_t capacity = 4;
  constexpr int concurrency = 4;
  constexpr std::size_t workers = 2;
  BookSite site(pages);
  TempDir dir;
  const config::Job job = load(job_text(site.url(), R"({"path": "slow.jsonl"})", concurrency));

  // A page the server has answered is, until its record is written, either
  // in its request's coroutine (fetched, being extracted, or waiting to be
  // queued: the engine holds the host's slot until the record is queued, so
  // at most per_host_concurrency = concurrency of them on this one host),
  // queued (at most capacity), or in the batch being written (at most
  // capacity). Without backpressure the gap would grow towards `pages`.
  constexpr std::size_t bound = concurrency + capacity + capacity;
  std::size_t most_unwritten = 0;
  std::size_t high_water = 0;
  std::size_t batches = 0;
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "slow.jsonl").string();
  settings.dataset_queue_capacity = capacity;
  settings.worker_threads = workers;
  settings.before_dataset_write = [&](const output::WriteProgress& progress) {
    ++batches;
    most_unwritten = std::max(most_unwritten, site.pages_served() - progress.written);
    high_water = std::max(high_water, progress.queue_high_water);
    std::this_thread::sleep_for(progress.batch * 2ms);  // a slow disk
  };
  const engine::Stats stats = crawl_site(job, settings);

  CHECK(stats.items == pages);
  CHECK(site.pages_served() == pages);
  CHECK(high_water <= capacity);
  CHECK(most_unwritten <= bound);
  CHECK(batches < pages);  // the writer drained several records per write
  std::set<std::string> urls;
  for (const std::string& line : testing::read_lines(settings.dataset_path)) urls.insert(json::parse(line)["url"]);
  CHECK(urls.size() == pages);
}

TEST_CASE("a crawl writes CSV with the job's columns, and append mode adds rows under the same header") {
  constexpr int pages = 20;
  BookSite site(pages);
  TempDir dir;
  const config::Job job = load(job_text(site.url(), R"({"path": "unused.jsonl", "format": "csv", "mode": "append"})"));
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "books.dat").string();
  const std::string header = "url,title,price,tags\r\n";

  crawl_site(job, settings);
  CHECK(csv_rows(read_file(settings.dataset_path), header) == expected_csv_rows(pages, site.url()));

  crawl_site(job, settings);
  const std::vector<std::string> once = expected_csv_rows(pages, site.url());
  std::vector<std::string> twice = once;
  twice.insert(twice.end(), once.begin(), once.end());
  std::sort(twice.begin(), twice.end());
  CHECK(csv_rows(read_file(settings.dataset_path), header) == twice);
  CHECK_FALSE(fs::exists(settings.dataset_path + ".part"));
}

TEST_CASE("appending to a CSV dataset with other columns fails before the crawl starts") {
  BookSite site(3);
  TempDir dir;
  const fs::path dataset = dir.path / "books.csv";
  std::ofstream(dataset) << "url,name\r\n";
  const config::Job job = load(job_text(site.url(), R"({"mode": "append"})"));
  engine::CrawlSettings settings;
  settings.dataset_path = dataset.string();
  auto stats = engine::run_crawl(job, settings, {});
  REQUIRE_FALSE(stats);
  CHECK(stats.error().message == dataset.string() +
                                     ": cannot append: its CSV header is \"url,name\" but this job writes "
                                     "\"url,title,price,tags\"");
  CHECK(site.pages_served() == 0);
}

TEST_CASE("a crawl writes a JSON array when the path ends in .json") {
  constexpr int pages = 25;
  BookSite site(pages);
  TempDir dir;
  const config::Job job = load(job_text(site.url(), R"({})"));
  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "books.json").string();
  crawl_site(job, settings);

  const std::string text = read_file(settings.dataset_path);
  CHECK(text.rfind("[\n{\"url\":", 0) == 0);
  CHECK(text.size() - text.rfind("}\n]\n") == 4);
  const json records = json::parse(text);
  REQUIRE(records.is_array());
  std::set<std::string> titles;
  for (const json& record : records) titles.insert(record["title"].get<std::string>());
  CHECK(titles.size() == pages);
  CHECK(titles.count("Book 7, \"vol\" 7") == 1);
}

TEST_CASE("the dataset path template is expanded once per run, and --output overrides the job's path") {
  config::Job job = load(job_text("http://127.0.0.1:9/", R"({"path": "out/{job}-{date}.csv"})"));
  job.source_path = "books.json";
  const auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1772856309));  // 2026-03-07T04:05:09Z
  CHECK(*engine::dataset_path_for(job, "", start) == "out/books-2026-03-07.csv");
  CHECK(*engine::dataset_path_for(job, "x/{timestamp}.json", start) == "x/20260307T040509Z.json");
  auto unknown = engine::dataset_path_for(job, "x/{when}.json", start);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message == "--output: unknown placeholder {when}; known: {job}, {date}, {time}, {timestamp}");
}

TEST_CASE("gleaner run --output - writes the dataset to standard output and no file") {
  constexpr int pages = 12;
  BookSite site(pages);
  TempDir dir;
  const fs::path job_path = dir.path / "books.json";
  const fs::path job_output = dir.path / "job-output.jsonl";
  std::ofstream(job_path) << job_text(site.url(), R"({"path": ")" + job_output.string() + R"("})");
  Subprocess gleaner({GLEANER_BINARY, "run", job_path.string(), "--output", "-"}, dir.path);
  REQUIRE(gleaner.wait() == 0);

  const std::string out = gleaner.out();
  std::set<std::string> urls;
  for (std::size_t at = 0, end; (end = out.find('\n', at)) != std::string::npos; at = end + 1) {
    urls.insert(json::parse(out.substr(at, end - at))["url"].get<std::string>());
  }
  CHECK(urls.size() == pages);
  CHECK(gleaner.err().find("12 items written to standard output") != std::string::npos);
  CHECK_FALSE(fs::exists(job_output));
  CHECK_FALSE(fs::exists("-"));
}

TEST_CASE("gleaner run expands --output templates and picks the format from their extension") {
  constexpr int pages = 5;
  BookSite site(pages);
  TempDir dir;
  const fs::path job_path = dir.path / "books.json";
  std::ofstream(job_path) << job_text(site.url(), "{}");
  Subprocess gleaner({GLEANER_BINARY, "run", job_path.string(), "--output", (dir.path / "{job}-{date}.csv").string()},
                     dir.path);
  REQUIRE(gleaner.wait() == 0);
  std::vector<fs::path> datasets;
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    if (std::regex_match(entry.path().filename().string(), std::regex(R"(books-\d{4}-\d{2}-\d{2}\.csv)"))) {
      datasets.push_back(entry.path());
    }
  }
  REQUIRE(datasets.size() == 1);
  CHECK(csv_rows(read_file(datasets[0]), "url,title,price,tags\r\n") == expected_csv_rows(pages, site.url()));

  Subprocess unknown({GLEANER_BINARY, "run", job_path.string(), "--output", (dir.path / "{day}.csv").string()}, dir.path);
  CHECK(unknown.wait() == 2);
  CHECK(unknown.err() == "gleaner: --output: unknown placeholder {day}; known: {job}, {date}, {time}, {timestamp}\n");
}
