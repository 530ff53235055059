// The example jobs in config/ run against the sample site, unchanged but for
// their start URLs' origin, and each writes exactly the records the site
// generator's ground truth lists: expected.jsonl, expected-cards.jsonl and
// expected-docs.jsonl in the generated site (samples/generate_books.py).
// Records are compared as JSON Lines, whatever format a job writes, so that
// JSON types count; the CSV the cards job writes is checked on its own.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using nlohmann::ordered_json;

namespace {

const std::filesystem::path sample_site = SAMPLE_SITE_DIR;

// The ground truth writes URLs as paths; a record's URLs start with the
// server's origin. Strings anywhere in the record (nested lists and objects
// too) lose that origin, so a relative href written out unresolved still
// differs from the ground truth.
void strip_origin(ordered_json& value, const std::string& origin) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.rfind(origin + "/", 0) == 0) value = text.substr(origin.size());
  } else if (value.is_structured()) {
    for (auto& element : value) strip_origin(element, origin);
  }
}

// "2026-11-30T02:41:07Z" or with fractions and an offset: RFC 3339 §5.6 date-time.
bool is_rfc3339(const std::string& text) {
  static const std::regex date_time(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  return std::regex_match(text, date_time);
}

// Every record as its compact JSON text, sorted: the crawl writes records in
// the order pages finish, so only the multiset is defined. fetched_at changes
// every run: it must be an RFC 3339 time and is then left out.
std::vector<std::string> dataset_records(const std::filesystem::path& path, const std::string& origin) {
  std::vector<std::string> records;
  for (const std::string& line : testing::read_lines(path)) {
    ordered_json record = ordered_json::parse(line);
    if (record.contains("fetched_at")) {
      const ordered_json& fetched_at = record["fetched_at"];
      CHECK_MESSAGE((fetched_at.is_string() && is_rfc3339(fetched_at.get<std::string>())),
                    "fetched_at is not an RFC 3339 date-time: " << fetched_at.dump());
      record.erase("fetched_at");
    }
    strip_origin(record, origin);
    records.push_back(record.dump());
  }
  std::sort(records.begin(), records.end());
  return records;
}

std::vector<std::string> ground_truth(const std::string& file) {
  std::vector<std::string> records;
  for (const std::string& line : testing::read_lines(sample_site / file)) {
    records.push_back(ordered_json::parse(line).dump());  // the generator's spacing, made compact
  }
  std::sort(records.begin(), records.end());
  return records;
}

// The records only in `from`, at most a few, one per line, for a failure message.
std::string only_in(const std::vector<std::string>& from, const std::vector<std::string>& other) {
  std::vector<std::string> difference;
  std::set_difference(from.begin(), from.end(), other.begin(), other.end(),
                      std::back_inserter(difference));
  std::ostringstream text;
  text << difference.size() << " record(s)";
  for (std::size_t i = 0; i < difference.size() && i < 3; ++i) text << "\n  " << difference[i];
  return text.str();
}

// config/<file>, its start URL moved to the sample server: same path, the server's origin.
config::Job load_example(const std::string& file, const testing::LocalServer& server) {
  auto job = config::load_job(GLEANER_SOURCE_DIR "/config/" + file);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  REQUIRE(job->start_urls.size() == 1);
  auto start = Url::parse(server.base_url() + std::string(job->start_urls[0].path_and_query()));
  REQUIRE(start);
  job->start_urls = {*start};
  return std::move(*job);
}

struct Crawl {
  engine::Stats stats;
  std::vector<std::string> warnings;
};

Crawl crawl_job(const config::Job& job, const std::filesystem::path& dataset) {
  Crawl result;
  engine::CrawlSettings settings;
  settings.dataset_path = dataset.string();
  engine::CrawlHooks hooks;
  hooks.warn = [&result](const std::string& line) { result.warnings.push_back(line); };
  auto stats = engine::run_crawl(job, settings, hooks);
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));
  result.stats = *stats;
  return result;
}

struct ExampleRun : Crawl {
  std::vector<std::string> records;  // as dataset_records gives them
};

// Crawls config/<file> on the sample server into a JSON Lines dataset in
// `dir`, whatever format the job writes: JSON Lines keeps the values' JSON
// types, which is what the ground truth holds.
ExampleRun run_example(const std::string& file, const testing::LocalServer& server,
                       const testing::TempDir& dir) {
  config::Job job = load_example(file, server);
  job.output.format = config::DatasetFormat::jsonl;
  const std::filesystem::path dataset = dir.path / (job.name + ".jsonl");
  ExampleRun run{crawl_job(job, dataset), {}};
  run.records = dataset_records(dataset, server.base_url());
  return run;
}

void check_records(const ExampleRun& run, const std::vector<std::string>& expected) {
  CHECK(run.records.size() == expected.size());
  CHECK_MESSAGE(run.records == expected, "missing: " << only_in(expected, run.records)
                                                     << "\nunexpected: " << only_in(run.records, expected));
}

std::size_t total(const std::map<std::string, std::size_t>& counts) {
  std::size_t sum = 0;
  for (const auto& [reason, count] : counts) sum += count;
  return sum;
}

}  // namespace

TEST_CASE("config/books.json writes expected.jsonl: one record per book page") {
  testing::LocalServer server;
  server.serve_directory(SAMPLE_SITE_DIR);
  testing::TempDir dir;

  const ExampleRun run = run_example("books.json", server, dir);

  const auto expected = ground_truth("expected.jsonl");
  REQUIRE(expected.size() == 300);
  check_records(run, expected);
  CHECK(run.warnings.empty());
  CHECK(run.stats.errors() == 0);
  CHECK(run.stats.pages_fetched == 321);  // home, 20 listings, 300 books
}

TEST_CASE("config/book-cards.json writes expected-cards.jsonl: one record per listing card") {
  testing::LocalServer server;
  server.serve_directory(SAMPLE_SITE_DIR);
  testing::TempDir dir;

  const ExampleRun run = run_example("book-cards.json", server, dir);

  const auto expected = ground_truth("expected-cards.jsonl");
  REQUIRE(expected.size() == 300);
  check_records(run, expected);
  CHECK(run.warnings.empty());
  CHECK(run.stats.errors() == 0);
  CHECK(run.stats.pages_fetched == 21);  // home and 20 listings; no book page
  CHECK(run.stats.items_by_type == std::map<std::string, std::size_t>{{"card", 300}});
  // The two sponsored cards have no price, which the job requires.
  CHECK(total(run.stats.dropped_items) == 2);
  // Every price, rating and stock text converted: none fell back to null.
  CHECK(run.stats.field_warnings.empty());
}

TEST_CASE("config/book-cards.json writes CSV: a header of the record's keys, then one row per card") {
  testing::LocalServer server;
  server.serve_directory(SAMPLE_SITE_DIR);
  testing::TempDir dir;
  const config::Job job = load_example("book-cards.json", server);
  const std::filesystem::path dataset = dir.path / "book-cards.csv";

  const Crawl result = crawl_job(job, dataset);

  CHECK(result.stats.items == 300);
  const std::vector<std::string> lines = testing::read_lines(dataset);
  REQUIRE(lines.size() == 301);  // no title holds a line break
  CHECK(lines[0] == "url,item,title,price,rating,in_stock,link\r");  // RFC 4180: CRLF
  const std::string origin = server.base_url();
  const std::string archive_card = origin + "/catalogue/category/poetry/page-2.html,card,The Archive of Marrakesh,"
                                   "10.81,3,true," + origin + "/catalogue/the-archive-of-marrakesh_180/index.html\r";
  CHECK(std::count(lines.begin(), lines.end(), archive_card) == 1);
}

TEST_CASE("config/docs.json writes expected-docs.jsonl: one record per docs page but the landing page") {
  testing::LocalServer server;
  server.serve_directory(SAMPLE_SITE_DIR);
  testing::TempDir dir;

  const ExampleRun run = run_example("docs.json", server, dir);

  const auto expected = ground_truth("expected-docs.jsonl");
  REQUIRE(expected.size() == 44);
  check_records(run, expected);
  CHECK(run.warnings.empty());
  CHECK(run.stats.errors() == 0);
  CHECK(run.stats.pages_fetched == 45);  // the landing page (no article.doc), 5 overviews, 39 articles
  CHECK(run.stats.field_warnings.empty());
}

TEST_CASE("the example jobs' own output paths expand as their comments say") {
  using namespace std::chrono;
  // 2026-11-30T02:41:07Z
  const system_clock::time_point start = sys_days{year{2026} / November / 30} + hours{2} + minutes{41} + seconds{7};
  const struct {
    const char* file;
    const char* path;
  } examples[] = {
      {"books.json", "out/books.jsonl"},
      {"book-cards.json", "out/book-cards.csv"},
      {"docs.json", "out/docs-2026-11-30.jsonl"},
  };
  for (const auto& example : examples) {
    CAPTURE(example.file);
    auto job = config::load_job(GLEANER_SOURCE_DIR "/config/" + std::string(example.file));
    REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
    auto path = engine::dataset_path_for(*job, "", start);
    REQUIRE_MESSAGE(path, (path ? "" : path.error().message));
    CHECK(*path == example.path);
  }
}
