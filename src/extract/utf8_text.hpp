// Code-point helpers for field text: lenient UTF-8 decoding, Unicode
// whitespace, trimming and collapsing. Invalid bytes are never an error: a
// page's text is whatever the page holds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/utf8.hpp"  // append_utf8, for the users of these helpers

namespace gleaner::extract {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;  // bytes taken from the text, >= 1
  bool valid = true;       // false: one byte that does not start a UTF-8 sequence (value is the byte)
};

// The code point at byte `at` (< text.size()).
CodePoint decode_utf8(std::string_view text, std::size_t at);

// Where the code point that ends just before byte `end` (> 0) starts: at most
// 3 continuation bytes back, or end - 1 for a stray byte.
std::size_t previous_code_point_start(std::string_view text, std::size_t end);

// Unicode White_Space: ASCII space and controls \t\n\v\f\r, U+0085, NBSP,
// U+1680, U+2000-U+200A (thin, hair, ...), U+2028, U+2029, narrow NBSP
// U+202F, U+205F, U+3000.
bool is_unicode_space(char32_t code_point);

// Leading and trailing Unicode whitespace removed.
std::string_view trim_whitespace(std::string_view text);

// Runs of Unicode whitespace become one ASCII space; the ends are trimmed.
std::string collapse_whitespace(std::string_view text);

}  // namespace gleaner::extract
