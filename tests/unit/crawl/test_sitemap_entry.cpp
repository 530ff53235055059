#include <doctest/doctest.h>

#include <ctime>
#include <optional>
#include <string>

#include "crawl/sitemap_entry.hpp"

using gleaner::crawl::parse_w3c_datetime;
using gleaner::crawl::sitemap_entry_since;
using gleaner::crawl::SitemapEntry;

namespace {

constexpr std::time_t day = 86400;
constexpr std::time_t jan_2_2024 = 1704153600;  // 2024-01-02T00:00:00Z

struct LastmodCase {
  const char* note;
  const char* text;
  std::optional<std::time_t> expected;
};

// W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the format sitemaps.org
// names for <lastmod>, plus the leniencies real sitemaps need.
const LastmodCase lastmod_cases[] = {
    {"complete date", "2024-01-02", jan_2_2024},
    {"year only: the start of the year", "2024", 1704067200},
    {"year and month: the start of the month", "2024-01", 1704067200},
    {"date and time with Z", "2024-01-02T10:20:30Z", jan_2_2024 + 37230},
    {"hours and minutes only", "2024-01-02T10:20Z", jan_2_2024 + 37200},
    {"a +02:00 offset is two hours ahead of UTC", "2024-01-02T10:20:30+02:00", jan_2_2024 + 37230 - 7200},
    {"a -05:30 offset", "2024-01-02T10:20:30-05:30", jan_2_2024 + 37230 + 19800},
    {"fractional seconds are dropped", "2024-01-02T10:20:30.45Z", jan_2_2024 + 37230},
    {"many fractional digits with an offset", "2024-01-02T10:20:30.123456+00:00", jan_2_2024 + 37230},
    {"a zone offset crosses midnight backwards", "2024-01-02T01:00:00+03:00", jan_2_2024 - 2 * 3600},
    {"lenient: no zone is UTC", "2024-01-02T10:20:30", jan_2_2024 + 37230},
    {"lenient: +hhmm without a colon", "2024-01-02T10:20:30+0200", jan_2_2024 + 37230 - 7200},
    {"lenient: a space for the T", "2024-01-02 10:20:30Z", jan_2_2024 + 37230},
    {"surrounding whitespace is trimmed", "\n  2024-01-02\n", jan_2_2024},
    {"leap year day", "2024-02-29", jan_2_2024 + 58 * day},
    {"before the epoch", "1969-12-31", -day},
    {"invalid: empty", "", std::nullopt},
    {"invalid: words", "yesterday", std::nullopt},
    {"invalid: RFC 1123 date", "Tue, 02 Jan 2024 10:20:30 GMT", std::nullopt},
    {"invalid: month 13", "2024-13-01", std::nullopt},
    {"invalid: February 30", "2024-02-30", std::nullopt},
    {"invalid: not a leap year", "2023-02-29", std::nullopt},
    {"invalid: hour 24", "2024-01-02T24:00:00Z", std::nullopt},
    {"invalid: minute 60", "2024-01-02T10:60Z", std::nullopt},
    {"invalid: two-digit year", "24-01-02", std::nullopt},
    {"invalid: one-digit month", "2024-1-02", std::nullopt},
    {"invalid: a time needs a full date", "2024-01T10:00Z", std::nullopt},
    {"invalid: a time needs minutes", "2024-01-02T10Z", std::nullopt},
    {"invalid: an empty fraction", "2024-01-02T10:20:30.Z", std::nullopt},
    {"invalid: a zone without hours", "2024-01-02T10:20:30+", std::nullopt},
    {"invalid: trailing text", "2024-01-02Tomorrow", std::nullopt},
    {"invalid: text after the zone", "2024-01-02T10:20:30Z extra", std::nullopt},
};

}  // namespace

TEST_CASE("sitemap lastmod reads every W3C Datetime precision and rejects the rest") {
  for (const auto& c : lastmod_cases) {
    CAPTURE(c.note);
    CAPTURE(c.text);
    CHECK(parse_w3c_datetime(c.text) == c.expected);
  }
}

TEST_CASE("sitemap since filter keeps entries changed at or after the date and those without lastmod") {
  const SitemapEntry undated{"https://a.test/", std::nullopt};
  const SitemapEntry older{"https://a.test/old", jan_2_2024 - 1};
  const SitemapEntry same{"https://a.test/same", jan_2_2024};
  const SitemapEntry newer{"https://a.test/new", jan_2_2024 + 1};

  CHECK(sitemap_entry_since(older, std::nullopt));
  CHECK(sitemap_entry_since(undated, jan_2_2024));
  CHECK_FALSE(sitemap_entry_since(older, jan_2_2024));
  CHECK(sitemap_entry_since(same, jan_2_2024));
  CHECK(sitemap_entry_since(newer, jan_2_2024));
}
