#include "config/value_errors.hpp"

#include <re2/re2.h>

#include <optional>
#include <vector>

namespace gleaner::config {
namespace {

// 1-based column of a byte offset in a one-line string, in UTF-8 characters.
std::size_t column_at(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::string at_column(std::string_view text, std::size_t offset) {
  return " at column " + std::to_string(column_at(text, offset));
}

struct GroupBalance {
  std::optional<std::size_t> unclosed_open;     // the innermost '(' never closed
  std::optional<std::size_t> unexpected_close;  // the first ')' that closes nothing
};

// RE2's error_arg() for "missing )" and "unexpected )" is the whole pattern,
// so find the parenthesis in question the way RE2's parser pairs them:
// escapes, \Q...\E quoting and character classes hold no groups.
GroupBalance balance_groups(std::string_view pattern) {
  GroupBalance balance;
  std::vector<std::size_t> open;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\') {
      if (pattern.substr(i, 2) == "\\Q") {
        const auto end = pattern.find("\\E", i + 2);
        i = end == std::string_view::npos ? pattern.size() : end + 2;
      } else {
        i += 2;
      }
      continue;
    }
    if (c == '[') {
      std::size_t j = i + 1;
      if (j < pattern.size() && pattern[j] == '^') ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;  // a leading ']' is a literal
      while (j < pattern.size() && pattern[j] != ']') {
        if (pattern[j] == '\\') {
          j += 2;
        } else if (pattern.substr(j, 2) == "[:") {  // [:alpha:]
          const auto end = pattern.find(":]", j + 2);
          j = end == std::string_view::npos ? j + 1 : end + 2;
        } else {
          ++j;
        }
      }
      i = j + 1;
      continue;
    }
    if (c == '(') {
      open.push_back(i);
    } else if (c == ')') {
      if (open.empty()) {
        balance.unexpected_close = i;
        return balance;
      }
      open.pop_back();
    }
    ++i;
  }
  if (!open.empty()) balance.unclosed_open = open.back();
  return balance;
}

// The part of the pattern an error is about (as RE2 quotes it), and where it starts.
struct Culprit {
  std::string_view part;  // empty: nothing worth quoting beyond the position
  std::optional<std::size_t> offset;
};

Culprit find_culprit(const re2::RE2& pattern) {
  const std::string_view text = pattern.pattern();
  switch (pattern.error_code()) {
    case re2::RE2::ErrorMissingParen: {
      const auto open = balance_groups(text).unclosed_open;
      if (!open) return {};
      return {text.substr(*open), open};
    }
    case re2::RE2::ErrorUnexpectedParen:
      return {{}, balance_groups(text).unexpected_close};
    case re2::RE2::ErrorTrailingBackslash:
      return {{}, text.empty() ? std::nullopt : std::optional<std::size_t>(text.size() - 1)};
    default:
      break;
  }
  const std::string_view part = pattern.error_arg();
  if (part.empty() || part == text) return {};
  // RE2 stops at the first problem, so its first occurrence is the one meant.
  const auto at = text.find(part);
  return {part, at == std::string_view::npos ? std::nullopt : std::optional<std::size_t>(at)};
}

}  // namespace

std::string describe_selector_error(std::string_view selector, std::string_view parser_message) {
  const std::string prefix = "invalid selector \"" + std::string(selector) + "\" at ";
  if (parser_message.substr(0, prefix.size()) != prefix) return std::string(parser_message);
  std::string_view rest = parser_message.substr(prefix.size());
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits == 0 || rest.substr(digits, 2) != ": ") return std::string(parser_message);
  const std::size_t column = std::stoul(std::string(rest.substr(0, digits))) + 1;
  const std::string_view detail = rest.substr(digits + 2);
  return "invalid CSS selector \"" + std::string(selector) + "\": " + std::string(detail) +
         " at column " + std::to_string(column);
}

std::string describe_regex_error(const re2::RE2& pattern) {
  // error() reads "bad repetition operator: **", the part after ": " being error_arg().
  std::string what = pattern.error();
  const std::string suffix = ": " + pattern.error_arg();
  if (!pattern.error_arg().empty() && what.size() >= suffix.size() &&
      what.compare(what.size() - suffix.size(), suffix.size(), suffix) == 0) {
    what.resize(what.size() - suffix.size());
  }
  const Culprit culprit = find_culprit(pattern);
  if (!culprit.part.empty() && culprit.part != pattern.pattern()) {
    what += " \"" + std::string(culprit.part) + "\"";
  }
  if (culprit.offset) what += at_column(pattern.pattern(), *culprit.offset);
  return "invalid regular expression \"" + pattern.pattern() + "\": " + what;
}

}  // namespace gleaner::config
