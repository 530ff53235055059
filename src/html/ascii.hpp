// ASCII helpers for the HTML stage. HTML and CSS define whitespace and
// case-insensitivity over ASCII only, so these never consult the locale.
#pragma once

#include <string>
#include <string_view>

namespace gleaner::html {

// Infra §4.6 "ASCII whitespace": TAB, LF, FF, CR, SPACE. CSS Syntax §4.2
// "whitespace" is the same set once the input is preprocessed.
constexpr bool is_ascii_whitespace(char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = ascii_lower(c);
  return lowered;
}

// Infra §4.6 "ASCII case-insensitive": bytes outside A-Z/a-z compare exactly.
constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace gleaner::html
