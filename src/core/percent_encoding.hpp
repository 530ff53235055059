// Small pieces of RFC 3986 percent-encoding shared by URL canonicalisation and
// the robots.txt matcher, which must normalise URLs the same way.
#pragma once

#include <string>

namespace gleaner::percent {

// The value of one hex digit, or -1.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 §2.3: characters that never need encoding.
constexpr bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Appends %XX with upper-case hex digits (RFC 3986 §2.1 recommends them).
inline void append_encoded(std::string& out, unsigned char c) {
  constexpr char hex_digits[] = "0123456789ABCDEF";
  out += '%';
  out += hex_digits[c >> 4];
  out += hex_digits[c & 0xF];
}

}  // namespace gleaner::percent
