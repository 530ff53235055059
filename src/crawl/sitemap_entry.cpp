#include "crawl/sitemap_entry.hpp"

#include <chrono>
#include <cstddef>

namespace gleaner::crawl {

namespace {

// Reads exactly `count` ASCII digits at `pos`, moving `pos` past them.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (text.size() - pos < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool consume(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// "Z", "+hh:mm", "+hhmm", "+hh" (and "-"), or nothing (UTC); the offset to
// subtract from local time, in seconds. Nullopt when something else is left.
std::optional<long> read_zone(std::string_view text, std::size_t& pos) {
  if (pos == text.size()) return 0L;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
    return 0L;
  }
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const long sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  const auto hours = read_digits(text, pos, 2);
  if (!hours || *hours > 23) return std::nullopt;
  int minutes = 0;
  if (pos < text.size()) {
    consume(text, pos, ':');
    const auto read = read_digits(text, pos, 2);
    if (!read || *read > 59) return std::nullopt;
    minutes = *read;
  }
  return sign * (*hours * 3600L + minutes * 60L);
}

}  // namespace

std::optional<std::time_t> parse_w3c_datetime(std::string_view text) {
  using namespace std::chrono;
  text = trim(text);
  std::size_t pos = 0;
  const auto y = read_digits(text, pos, 4);
  if (!y) return std::nullopt;
  int mo = 1;
  int d = 1;
  if (consume(text, pos, '-')) {
    const auto read_month = read_digits(text, pos, 2);
    if (!read_month) return std::nullopt;
    mo = *read_month;
    if (consume(text, pos, '-')) {
      const auto read_day = read_digits(text, pos, 2);
      if (!read_day) return std::nullopt;
      d = *read_day;
    }
  }
  const year_month_day date{year{*y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  const std::size_t date_end = pos;

  long seconds_of_day = 0;
  long zone_offset = 0;
  if (pos < text.size()) {
    // A time needs a full date (W3C Datetime allows no "YYYY-MMThh:mm").
    if (date_end != 10) return std::nullopt;
    const char separator = text[pos];
    if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
    ++pos;
    const auto hh = read_digits(text, pos, 2);
    if (!hh || *hh > 23 || !consume(text, pos, ':')) return std::nullopt;
    const auto mm = read_digits(text, pos, 2);
    if (!mm || *mm > 59) return std::nullopt;
    int ss = 0;
    if (consume(text, pos, ':')) {
      const auto read = read_digits(text, pos, 2);
      if (!read || *read > 60) return std::nullopt;  // 60: a leap second
      ss = *read;
      if (consume(text, pos, '.')) {
        // Fractions are dropped: a lastmod filter has no use for them.
        const std::size_t first = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == first) return std::nullopt;
      }
    }
    seconds_of_day = *hh * 3600L + *mm * 60L + ss;
    const auto zone = read_zone(text, pos);
    if (!zone) return std::nullopt;
    zone_offset = *zone;
  }
  if (pos != text.size()) return std::nullopt;

  const auto days = sys_days{date}.time_since_epoch().count();
  return static_cast<std::time_t>(days) * 86400 + seconds_of_day - zone_offset;
}

bool sitemap_entry_since(const SitemapEntry& entry, std::optional<std::time_t> since) {
  if (!since || !entry.lastmod) return true;
  return *entry.lastmod >= *since;
}

}  // namespace gleaner::crawl
