#include "config/sitemap_schema.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <string_view>

#include "config/job_values.hpp"
#include "core/datetime.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

constexpr std::string_view since_expected =
    "a date (\"2026-01-01\"), a date and time with a zone (\"2026-01-01T00:00:00Z\") "
    "or an age (\"36h\", \"7d\", \"2w\")";

// "36h", "7d", "2w": a whole number (1 to 999999) and a unit. No months or
// years: their length varies, and "m" would read as minutes to some.
std::optional<std::chrono::seconds> parse_age(std::string_view text) {
  if (text.size() < 2 || text.size() > 7 || text.front() < '1' || text.front() > '9') return std::nullopt;
  const std::string_view number = text.substr(0, text.size() - 1);
  int count = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), count);
  if (error != std::errc() || end != number.data() + number.size()) return std::nullopt;
  switch (text.back()) {
    case 'h': return std::chrono::hours(count);
    case 'd': return std::chrono::days(count);
    case 'w': return std::chrono::weeks(count);
    default: return std::nullopt;
  }
}

}  // namespace

bool lists_sitemaps(const Json& document) {
  if (!document.is_object()) return false;
  const auto found = document.find("sitemaps");
  return found != document.end() && found->is_array() && !found->empty();
}

void read_sitemap_urls(const Json& value, const JsonPointer& where, SitemapSettings& sitemaps,
                       Diagnostics& sink) {
  for_each_element(value, where, "an array of sitemap URLs", [&](const Json& element, const JsonPointer& at) {
    auto url = read_start_url(element, at, sink);  // the same rules: absolute http(s), canonical
    if (!url) return;
    if (std::find(sitemaps.urls.begin(), sitemaps.urls.end(), *url) == sitemaps.urls.end()) {
      sitemaps.urls.push_back(std::move(*url));
    }
  }, sink);
}

void read_sitemap_since(const Json& value, const JsonPointer& where, SitemapSettings& sitemaps,
                        Diagnostics& sink) {
  if (!value.is_string()) {
    sink.expected(where, since_expected, value);
    return;
  }
  const std::string_view text = value.get_ref<const std::string&>();
  if (auto age = parse_age(text)) {
    sitemaps.since_age = *age;
  } else if (auto instant = parse_datetime(text, DatetimeSyntax::rfc3339_strict)) {
    sitemaps.since = *instant;
  } else {
    sink.expected(where, since_expected, value);
  }
}

std::vector<Url> seed_urls(const Job& job) {
  std::vector<Url> seeds = job.start_urls;
  seeds.insert(seeds.end(), job.sitemaps.urls.begin(), job.sitemaps.urls.end());
  return seeds;
}

}  // namespace gleaner::config
