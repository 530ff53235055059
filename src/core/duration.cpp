#include "core/duration.hpp"

#include <algorithm>
#include <charconv>

namespace gleaner {
namespace {

constexpr std::size_t max_digits = 6;  // 999999

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.size() < 2 || text.size() > max_digits + 1) return std::nullopt;
  const std::string_view number = text.substr(0, text.size() - 1);
  // Digits only (from_chars would take "-0"), and one spelling per value: no "05m".
  if (!std::all_of(number.begin(), number.end(), is_digit)) return std::nullopt;
  if (number.size() > 1 && number.front() == '0') return std::nullopt;
  long long count = 0;
  std::from_chars(number.data(), number.data() + number.size(), count);  // cannot fail: 1 to 6 digits
  switch (text.back()) {
    case 's': return std::chrono::seconds(count);
    case 'm': return std::chrono::minutes(count);
    case 'h': return std::chrono::hours(count);
    case 'd': return std::chrono::days(count);
    case 'w': return std::chrono::weeks(count);
    default: return std::nullopt;
  }
}

}  // namespace gleaner
