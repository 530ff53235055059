#include "core/datetime.hpp"

#include <chrono>
#include <cstddef>

namespace gleaner {
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

// The zone after a time, as seconds east of UTC. Strict: "Z" or "+hh:mm".
// Lenient also: "+hhmm", "+hh", or nothing at all (UTC).
std::optional<long> read_zone(std::string_view text, std::size_t& pos, bool lenient) {
  if (pos == text.size()) return lenient ? std::optional<long>(0L) : std::nullopt;
  if (consume(text, pos, 'Z') || consume(text, pos, 'z')) return 0L;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const long sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  const auto hours = read_digits(text, pos, 2);
  if (!hours || *hours > 23) return std::nullopt;
  int minutes = 0;
  if (pos < text.size() || !lenient) {
    const bool colon = consume(text, pos, ':');
    if (!colon && !lenient) return std::nullopt;
    const auto read = read_digits(text, pos, 2);
    if (!read || *read > 59) return std::nullopt;
    minutes = *read;
  }
  return sign * (*hours * 3600L + minutes * 60L);
}

// "hh:mm[:ss[.s+]]" as seconds since midnight.
std::optional<long> read_time_of_day(std::string_view text, std::size_t& pos) {
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
      // Fractions are dropped: nothing here needs them.
      const std::size_t first = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == first) return std::nullopt;
    }
  }
  return *hh * 3600L + *mm * 60L + ss;
}

}  // namespace

std::optional<std::time_t> parse_datetime(std::string_view text, DatetimeSyntax syntax) {
  using namespace std::chrono;
  const bool lenient = syntax == DatetimeSyntax::w3c_lenient;
  if (lenient) text = trim(text);
  std::size_t pos = 0;
  const auto y = read_digits(text, pos, 4);
  if (!y) return std::nullopt;
  int mo = 1;
  int d = 1;
  bool full_date = false;
  if (consume(text, pos, '-')) {
    const auto read_month = read_digits(text, pos, 2);
    if (!read_month) return std::nullopt;
    mo = *read_month;
    if (consume(text, pos, '-')) {
      const auto read_day = read_digits(text, pos, 2);
      if (!read_day) return std::nullopt;
      d = *read_day;
      full_date = true;
    }
  }
  if (!full_date && !lenient) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;

  long seconds_of_day = 0;
  long zone_offset = 0;
  if (pos < text.size()) {
    // A time needs a full date (W3C Datetime allows no "YYYY-MMThh:mm").
    if (!full_date) return std::nullopt;
    const char separator = text[pos];
    if (separator != 'T' && separator != 't' && !(lenient && separator == ' ')) return std::nullopt;
    ++pos;
    const auto time_of_day = read_time_of_day(text, pos);
    if (!time_of_day) return std::nullopt;
    seconds_of_day = *time_of_day;
    const auto zone = read_zone(text, pos, lenient);
    if (!zone) return std::nullopt;
    zone_offset = *zone;
  }
  if (pos != text.size()) return std::nullopt;

  const auto days = sys_days{date}.time_since_epoch().count();
  return static_cast<std::time_t>(days) * 86400 + seconds_of_day - zone_offset;
}

}  // namespace gleaner
