// Where the charset stage looks for a declared encoding, before any guessing:
// a byte order mark, the Content-Type charset parameter, and a <meta> found by
// a byte-level prescan of the head of the body. Pure functions over bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "html/charset_labels.hpp"

namespace gleaner::html {

// The number of bytes the <meta> prescan looks at (HTML §13.2.3.2).
constexpr std::size_t meta_prescan_limit = 1024;

struct ByteOrderMark {
  Encoding encoding;   // utf8, utf16be or utf16le
  std::size_t length;  // bytes to drop before decoding
};

// Encoding Standard, "BOM sniff": EF BB BF, FE FF or FF FE at the start of `bytes`.
std::optional<ByteOrderMark> sniff_bom(std::string_view bytes);

// The raw value of the first `charset` parameter of a Content-Type value, as
// MIME Sniffing §4.4 "parse a MIME type" reads it (quoted-string unescaped);
// nullopt when there is none. `text/html; charset="utf-8"` gives `utf-8`.
std::optional<std::string> charset_parameter(std::string_view content_type);

// HTML §13.2.3.2 "prescan a byte stream to determine its encoding", over
// `head` only (the caller passes at most meta_prescan_limit bytes): the first
// <meta charset> or <meta http-equiv="Content-Type" content="...charset=...">
// naming a known encoding. A UTF-16 declaration means UTF-8 and
// x-user-defined means windows-1252, as the prescan prescribes. nullopt when
// no usable declaration is found, or the head ends inside the tag declaring it.
std::optional<Encoding> prescan_meta_charset(std::string_view head);

// HTML, "algorithm for extracting a character encoding from a meta element",
// over the value of a content attribute: `text/html; charset=utf-8` gives UTF-8.
std::optional<Encoding> encoding_from_meta_content(std::string_view content);

}  // namespace gleaner::html
