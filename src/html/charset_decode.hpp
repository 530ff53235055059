// Byte-to-UTF-8 decoders for the charset stage: a UTF-8 validator and
// repairer, hand-written windows-1252, UTF-16 and x-user-defined decoders,
// and glibc's iconv for the other legacy encodings. Errors become U+FFFD.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "html/charset_labels.hpp"

namespace gleaner::html {

struct Utf8Scan {
  std::size_t valid_length;  // bytes before the first ill-formed sequence
  bool ascii;                // every byte of that prefix is below 0x80
  bool valid(std::string_view bytes) const { return valid_length == bytes.size(); }
};

// One pass over `bytes`, checking UTF-8 well-formedness as Unicode §3.9
// Table 3-7 defines it (no overlongs, surrogates or code points past U+10FFFF).
Utf8Scan scan_utf8(std::string_view bytes);

bool is_ascii(std::string_view bytes);

struct Decoded {
  std::string utf8;
  std::size_t replaced = 0;  // ill-formed sequences turned into U+FFFD
};

// Encoding Standard, "UTF-8 decoder": each maximal ill-formed subpart becomes
// one U+FFFD. `valid_length` bytes at the start are known good and copied as is.
Decoded repair_utf8(std::string_view bytes, std::size_t valid_length = 0);

// Decodes `bytes` from `encoding` into a new string. nullopt only when glibc
// has no converter for it (a system without gconv modules): the caller then
// treats the label as unknown.
std::optional<Decoded> decode_bytes(std::string_view bytes, Encoding encoding);

}  // namespace gleaner::html
