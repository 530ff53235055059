#include "extract/number_text.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "extract/utf8_text.hpp"

namespace gleaner::extract {
namespace {

constexpr char32_t minus_sign = 0x2212;                // U+2212, as typeset
constexpr char32_t right_single_quotation_mark = 0x2019;  // a Swiss thousands separator, typeset
constexpr std::size_t digits_per_group = 3;
constexpr std::size_t max_int64_digits = 19;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_currency_sign(char32_t c) {
  return c == '$' || (c >= 0xA2 && c <= 0xA5) || (c >= 0x20A0 && c <= 0x20CF) || c == 0x0E3F ||
         c == 0xFE69 || c == 0xFF04 || c == 0xFFE0 || c == 0xFFE1 || c == 0xFFE5 || c == 0xFFE6;
}

std::size_t digit_run(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - at;
}

// The byte length of a thousands separator at `at`, or 0. Printed numbers
// group digits with spaces too (SI, French), so those always count.
std::size_t separator_length(std::string_view text, std::size_t at, const config::NumberFormat& format) {
  if (at >= text.size()) return 0;
  if (text[at] == ' ') return 1;
  if (format.thousands && text[at] == *format.thousands) return 1;
  const CodePoint point = decode_utf8(text, at);
  if (!point.valid) return 0;
  if (point.value == 0xA0 || point.value == 0x2009 || point.value == 0x202F) return point.length;
  if (format.thousands == '\'' && point.value == right_single_quotation_mark) return point.length;
  return 0;
}

// Whether the sign before the number at `start` is a minus: '-' or U+2212,
// maybe followed by currency signs ("-$5"), and not part of a word ("SKU-12").
bool is_negative(std::string_view text, std::size_t start) {
  std::size_t at = start;
  while (at > 0) {
    const std::size_t previous = previous_code_point_start(text, at);
    const CodePoint point = decode_utf8(text, previous);
    if (!point.valid || !is_currency_sign(point.value)) break;
    at = previous;
  }
  if (at == 0) return false;
  const std::size_t sign = previous_code_point_start(text, at);
  const CodePoint point = decode_utf8(text, sign);
  if (!point.valid || (point.value != '-' && point.value != minus_sign)) return false;
  return sign == 0 || !is_ascii_alnum(text[sign - 1]);
}

// Where the first number starts: its first digit, or a decimal separator
// followed by a digit that does not follow a letter or digit (".5", not "v.2").
std::optional<std::size_t> number_start(std::string_view text, char decimal) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (is_digit(text[at])) return at;
    if (text[at] == decimal && at + 1 < text.size() && is_digit(text[at + 1]) &&
        (at == 0 || !is_ascii_alnum(text[at - 1]))) {
      return at;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<NumberText> find_number(std::string_view text, const config::NumberFormat& format) {
  const std::optional<std::size_t> start = number_start(text, format.decimal);
  if (!start) return std::nullopt;
  NumberText number;
  number.negative = is_negative(text, *start);
  std::size_t at = *start;
  const std::size_t leading = digit_run(text, at);
  number.integer_digits = leading == 0 ? "0" : std::string(text.substr(at, leading));
  at += leading;
  // Groups after a separator: three digits, or two when another separator
  // follows (Indian grouping, "1,00,000"). Anything else ends the number, so
  // "1,5" is 1 and a list "3, 4" stays apart.
  for (std::size_t separator = 0; leading > 0 && (separator = separator_length(text, at, format)) > 0;) {
    const std::size_t group = digit_run(text, at + separator);
    const bool indian_pair = group == 2 && separator_length(text, at + separator + group, format) > 0;
    if (group != digits_per_group && !indian_pair) break;
    number.integer_digits.append(text.substr(at + separator, group));
    at += separator + group;
  }
  if (at + 1 < text.size() && text[at] == format.decimal && is_digit(text[at + 1])) {
    const std::size_t fraction = digit_run(text, at + 1);
    number.fraction_digits = std::string(text.substr(at + 1, fraction));
  }
  return number;
}

std::optional<double> to_double(const NumberText& number) {
  std::string text = number.negative ? "-" : "";
  text += number.integer_digits;
  if (!number.fraction_digits.empty()) text += "." + number.fraction_digits;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

IntegerValue to_integer(const NumberText& number) {
  if (number.fraction_digits.find_first_not_of('0') != std::string::npos) {
    return {0, IntegerProblem::fractional};
  }
  const std::size_t first_significant = number.integer_digits.find_first_not_of('0');
  if (first_significant == std::string::npos) return {0, IntegerProblem::none};
  const std::string_view digits = std::string_view(number.integer_digits).substr(first_significant);
  if (digits.size() > max_int64_digits) return {0, IntegerProblem::out_of_range};
  const std::string text = (number.negative ? "-" : "") + std::string(digits);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return {0, IntegerProblem::out_of_range};
  return {value, IntegerProblem::none};
}

}  // namespace gleaner::extract
