// The sample bookstore crawled end to end with the repository's own
// config/books.json: every book found once, every field exact.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "config/job_loader.hpp"
#include "engine/run_crawl.hpp"
#include "support/local_server.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using nlohmann::json;

namespace {

// expected.jsonl (written by the site generator) keys records by URL path.
std::map<std::string, json> records_by_path(const std::filesystem::path& path, const std::string& strip_prefix) {
  std::map<std::string, json> records;
  for (const std::string& line : testing::read_lines(path)) {
    json record = json::parse(line);
    std::string url = record["url"];
    if (!strip_prefix.empty()) {
      REQUIRE(url.rfind(strip_prefix, 0) == 0);
      url.erase(0, strip_prefix.size());
      record["url"] = url;
    }
    CHECK_MESSAGE(records.count(url) == 0, "duplicate record for " << url);
    records[url] = record;
  }
  return records;
}

}  // namespace

TEST_CASE("config/books.json scrapes every book of the sample site exactly") {
  testing::LocalServer server;
  server.serve_directory(SAMPLE_SITE_DIR);
  testing::TempDir dir;

  auto job = config::load_job(GLEANER_SOURCE_DIR "/config/books.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  job->start_urls = {*Url::parse(server.base_url() + "/index.html")};

  engine::CrawlSettings settings;
  settings.dataset_path = (dir.path / "books.jsonl").string();
  std::vector<std::string> warnings;
  engine::CrawlHooks hooks;
  hooks.warn = [&warnings](const std::string& line) { warnings.push_back(line); };
  auto stats = engine::run_crawl(*job, settings, hooks);
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().message));

  const auto expected = records_by_path(std::filesystem::path(SAMPLE_SITE_DIR) / "expected.jsonl", "");
  const auto actual = records_by_path(settings.dataset_path, server.base_url());
  REQUIRE(expected.size() == 300);
  CHECK(actual.size() == expected.size());
  for (const auto& [path, record] : expected) {
    CAPTURE(path);
    const auto found = actual.find(path);
    REQUIRE(found != actual.end());
    CHECK(found->second.dump() == record.dump());
  }
  CHECK(warnings.empty());
  CHECK(stats->errors() == 0);
  CHECK(stats->items == 300);
  CHECK(stats->pages_fetched == 321);  // home, 20 listings, 300 books: nothing twice
}
