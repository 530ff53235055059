#include "config/sitemap_schema.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>

#include "config/job_values.hpp"
#include "config/value_readers.hpp"
#include "core/datetime.hpp"
#include "core/duration.hpp"

namespace gleaner::config {
namespace {

constexpr std::string_view since_expected =
    "a date (\"2026-01-01\"), a date and time with a zone (\"2026-01-01T00:00:00Z\") "
    "or an age (\"36h\", \"7d\", \"2w\")";

// "36h", "7d", "2w": a duration (core/duration) above zero, in hours, days
// or weeks only: <lastmod> is mostly a bare date, so seconds and minutes would
// promise a precision sitemaps rarely have.
std::optional<std::chrono::seconds> parse_age(std::string_view text) {
  if (text.empty() || std::string_view("hdw").find(text.back()) == std::string_view::npos) return std::nullopt;
  auto age = parse_duration(text);
  if (!age || age->count() == 0) return std::nullopt;
  return age;
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
