// The encodings of the WHATWG Encoding Standard and the labels that name them
// (Encoding §4.2 "Names and labels"). Used by the charset stage to turn a
// Content-Type parameter, a <meta> or a detector's guess into one encoding.
#pragma once

#include <optional>
#include <string_view>

namespace gleaner::html {

enum class Encoding {
  utf8,
  ibm866,
  iso_8859_2,
  iso_8859_3,
  iso_8859_4,
  iso_8859_5,
  iso_8859_6,
  iso_8859_7,
  iso_8859_8,
  iso_8859_8_i,
  iso_8859_10,
  iso_8859_13,
  iso_8859_14,
  iso_8859_15,
  iso_8859_16,
  koi8_r,
  koi8_u,
  macintosh,
  windows_874,
  windows_1250,
  windows_1251,
  windows_1252,
  windows_1253,
  windows_1254,
  windows_1255,
  windows_1256,
  windows_1257,
  windows_1258,
  x_mac_cyrillic,
  gbk,
  gb18030,
  big5,
  euc_jp,
  iso_2022_jp,
  shift_jis,
  euc_kr,
  replacement,
  utf16be,
  utf16le,
  x_user_defined,
};

// Encoding §4.2 "get an encoding": trims ASCII whitespace, compares ASCII
// case-insensitively; nullopt for a label the standard does not list.
std::optional<Encoding> encoding_for_label(std::string_view label);

// The encoding's name as the standard spells it: "UTF-8", "windows-1252",
// "Shift_JIS", "GBK".
std::string_view encoding_name(Encoding encoding);

}  // namespace gleaner::html
