#include "extract/utf8_text.hpp"

namespace gleaner::extract {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the whitespace code point ending just before `end`, or 0.
std::size_t space_before(std::string_view text, std::size_t end) {
  const std::size_t start = previous_code_point_start(text, end);
  const CodePoint point = decode_utf8(text, start);
  if (point.valid && start + point.length == end && is_unicode_space(point.value)) return point.length;
  return 0;
}

}  // namespace

CodePoint decode_utf8(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  CodePoint invalid{lead, 1, false};
  if (lead < 0x80) return {lead, 1, true};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;  // overlong forms are invalid (RFC 3629 §3)
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return invalid;
  }
  if (text.size() - at < length) return invalid;
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if (!is_continuation(byte)) return invalid;
    value = (value << 6) | (byte & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return invalid;
  return {value, length, true};
}

std::size_t previous_code_point_start(std::string_view text, std::size_t end) {
  std::size_t start = end - 1;
  // A code point is at most 4 bytes: step back over continuation bytes.
  while (start > 0 && end - start < 4 && is_continuation(static_cast<unsigned char>(text[start]))) --start;
  const CodePoint point = decode_utf8(text, start);
  return point.valid && start + point.length == end ? start : end - 1;
}

bool is_unicode_space(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::string_view trim_whitespace(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const CodePoint point = decode_utf8(text, begin);
    if (!point.valid || !is_unicode_space(point.value)) break;
    begin += point.length;
  }
  std::size_t end = text.size();
  while (end > begin) {
    const std::size_t length = space_before(text, end);
    if (length == 0) break;
    end -= length;
  }
  return text.substr(begin, end - begin);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_utf8(text, at);
    if (point.valid && is_unicode_space(point.value)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(text.substr(at, point.length));
    }
    at += point.length;
  }
  return out;
}

}  // namespace gleaner::extract
