// The job's sitemap keys: "sitemaps", "sitemaps_from_robots", "sitemap_since",
// and the rule that a job needs start_urls or sitemaps.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "config/job_loader.hpp"
#include "config/sitemap_schema.hpp"

using gleaner::config::parse_job;

namespace {

constexpr const char* source = "config/shop.json";
constexpr std::time_t new_year_2026 = 1767225600;  // 2026-01-01T00:00:00Z

std::string job_with(std::string_view members) {
  return R"({"name": "shop", )" + std::string(members) + "}";
}

std::string error_of(std::string_view members) {
  auto job = parse_job(job_with(members), source);
  REQUIRE_FALSE(job);
  return job.error().message;
}

std::vector<std::string> texts(const std::vector<gleaner::Url>& urls) {
  std::vector<std::string> out;
  for (const auto& url : urls) out.push_back(url.str());
  return out;
}

const std::string since_expected =
    R"(expected a date ("2026-01-01"), a date and time with a zone ("2026-01-01T00:00:00Z") or an age ("36h", "7d", "2w"))";

}  // namespace

TEST_CASE("a job without sitemap keys reads no sitemaps and filters nothing") {
  auto job = parse_job(job_with(R"("start_urls": ["http://shop.test/"])"), source);
  REQUIRE(job);
  CHECK(job->sitemaps.urls.empty());
  CHECK_FALSE(job->sitemaps.from_robots);
  CHECK_FALSE(job->sitemaps.since);
  CHECK_FALSE(job->sitemaps.since_age);
}

TEST_CASE("a job may start from sitemaps alone; their URLs are canonical and listed once") {
  auto job = parse_job(job_with(R"("sitemaps": ["HTTP://Shop.Test:80/sitemap.xml", "https://shop.test/a.xml.gz",
                                                 "http://shop.test/sitemap.xml#x"])"),
                       source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  CHECK(job->start_urls.empty());
  CHECK(texts(job->sitemaps.urls) == std::vector<std::string>{"http://shop.test/sitemap.xml",
                                                              "https://shop.test/a.xml.gz"});
  SUBCASE("an empty start_urls is fine next to sitemaps") {
    CHECK(parse_job(job_with(R"("start_urls": [], "sitemaps": ["http://shop.test/s.xml"])"), source));
  }
}

TEST_CASE("seed URLs are the start URLs, then the sitemaps") {
  auto job = parse_job(job_with(R"("start_urls": ["http://shop.test/"], "sitemaps": ["http://cdn.test/s.xml"])"),
                       source);
  REQUIRE(job);
  CHECK(texts(gleaner::config::seed_urls(*job)) ==
        std::vector<std::string>{"http://shop.test/", "http://cdn.test/s.xml"});
}

TEST_CASE("a job with neither start URLs nor sitemaps is refused") {
  CHECK(error_of(R"("max_depth": 1)") == R"(config/shop.json: /: missing required key "start_urls")");
  CHECK(error_of(R"("sitemaps": [])") == R"(config/shop.json: /: missing required key "start_urls")");
  CHECK(error_of(R"("sitemaps_from_robots": true)") == R"(config/shop.json: /: missing required key "start_urls")");
  CHECK(error_of(R"("start_urls": [], "sitemaps": [])") ==
        "config/shop.json: /start_urls: expected a non-empty array of start URLs, found []");
}

TEST_CASE("sitemap URLs are checked like start URLs") {
  // Not an array, so no sitemap is listed and start_urls is required as well.
  CHECK(error_of(R"("sitemaps": "http://shop.test/sitemap.xml")") ==
        "config/shop.json: /sitemaps: expected an array of sitemap URLs, found \"http://shop.test/sitemap.xml\"\n"
        "config/shop.json: /: missing required key \"start_urls\"");
  CHECK(error_of(R"("sitemaps": ["http://shop.test/s.xml", "ftp://shop.test/s.xml"])") ==
        R"(config/shop.json: /sitemaps/1: expected an absolute http(s) URL, found "ftp://shop.test/s.xml")");
  CHECK(error_of(R"("sitemaps": ["/sitemap.xml"])") ==
        R"(config/shop.json: /sitemaps/0: expected an absolute http(s) URL, found "/sitemap.xml" (invalid URL "/sitemap.xml": Bad scheme))");
}

TEST_CASE("sitemaps_from_robots is a boolean") {
  auto job = parse_job(job_with(R"("start_urls": ["http://shop.test/"], "sitemaps_from_robots": true)"), source);
  REQUIRE(job);
  CHECK(job->sitemaps.from_robots);
  CHECK(error_of(R"("start_urls": ["http://shop.test/"], "sitemaps_from_robots": "yes")") ==
        R"(config/shop.json: /sitemaps_from_robots: expected true or false, found "yes")");
}

TEST_CASE("sitemap_since takes an RFC 3339 date or date-time, read as UTC instants") {
  struct Row {
    std::string text;
    std::time_t expected;
  };
  const std::vector<Row> rows{
      {"2026-01-01", new_year_2026},                     // RFC 3339 full-date: midnight UTC
      {"2026-01-01T00:00:00Z", new_year_2026},           // §5.6 date-time
      {"2026-01-01t00:00:00z", new_year_2026},           // §5.6 NOTE: t and z may be lower case
      {"2026-01-01T02:00:00+02:00", new_year_2026},      // §4.2 offsets
      {"2025-12-31T19:00:00-05:00", new_year_2026},
      {"2026-01-01T00:00Z", new_year_2026},              // W3C Datetime: seconds optional
      {"2026-01-01T00:00:00.75Z", new_year_2026},        // §5.6 time-secfrac, dropped
      {"2026-01-02T12:30:15Z", new_year_2026 + 86400 + 12 * 3600 + 30 * 60 + 15},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    auto job = parse_job(job_with(R"("start_urls": ["http://shop.test/"], "sitemap_since": ")" + row.text + "\""),
                         source);
    REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
    REQUIRE(job->sitemaps.since);
    CHECK(*job->sitemaps.since == row.expected);
    CHECK_FALSE(job->sitemaps.since_age);
  }
}

TEST_CASE("sitemap_since takes an age in hours, days or weeks, counted back from the crawl's start") {
  using namespace std::chrono;
  struct Row {
    std::string text;
    seconds expected;
  };
  const std::vector<Row> rows{{"36h", hours(36)}, {"7d", days(7)}, {"2w", weeks(2)}, {"999999d", days(999999)}};
  for (const Row& row : rows) {
    CAPTURE(row.text);
    auto job = parse_job(job_with(R"("start_urls": ["http://shop.test/"], "sitemap_since": ")" + row.text + "\""),
                         source);
    REQUIRE(job);
    REQUIRE(job->sitemaps.since_age);
    CHECK(*job->sitemaps.since_age == row.expected);
    CHECK_FALSE(job->sitemaps.since);
  }
}

TEST_CASE("a sitemap_since that is neither is reported with what was expected") {
  const std::vector<std::string> wrong{
      R"("yesterday")", R"("2026-02-30")", R"("2026-1-1")", R"("2026-01-01T00:00:00")",  // no zone
      R"("2026-01-01 00:00:00Z")", R"("2026-01")", R"("7")", R"("0d")", R"("7m")", R"("1000000d")",
      R"("")", "7", "null"};
  for (const std::string& value : wrong) {
    CAPTURE(value);
    CHECK(error_of(R"("start_urls": ["http://shop.test/"], "sitemap_since": )" + value) ==
          "config/shop.json: /sitemap_since: " + since_expected + ", found " + value);
  }
}
