// The charset stage: which source decides the encoding, the label table, the
// decoders, U+FFFD replacement, the zero-copy fast path, and hostile bytes.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/charset.hpp"
#include "support/random.hpp"

using namespace gleaner::html;

namespace {

using gleaner::testing::Random;

// An independent well-formedness check (Unicode §3.9 D92), written as code
// points rather than byte ranges so it does not share the decoder's mistakes.
bool is_well_formed_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;  // from the lead byte's high bits: 0xxxxxxx, 110xxxxx, ...
    if (lead < 0x80) {
      length = 1;
    } else if (lead >> 5 == 0x06) {
      length = 2;
    } else if (lead >> 4 == 0x0E) {
      length = 3;
    } else if (lead >> 3 == 0x1E) {
      length = 4;
    }
    if (length == 0 || i + length > text.size()) return false;
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if (byte >> 6 != 0x2) return false;
      cp = cp << 6 | (byte & 0x3F);
    }
    const char32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < shortest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

// Windows-1252 bytes for UTF-8 text made of U+0000-U+00FF and the few
// punctuation marks the test pages use; enough to build an undeclared page.
std::string encode_windows_1252(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    char32_t cp = lead;
    std::size_t length = 1;
    if (lead >= 0xE0) {
      cp = (lead & 0x0Fu) << 12 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
      length = 3;
    } else if (lead >= 0xC0) {
      cp = (lead & 0x1Fu) << 6 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      length = 2;
    }
    switch (cp) {
      case 0x20AC: out += '\x80'; break;
      case 0x2019: out += '\x92'; break;
      case 0x201C: out += '\x93'; break;
      case 0x201D: out += '\x94'; break;
      case 0x2013: out += '\x96'; break;
      case 0x2014: out += '\x97'; break;
      default:
        REQUIRE(cp < 0x100);
        out += static_cast<char>(cp);
    }
    i += length;
  }
  return out;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

struct Row {
  const char* what;
  std::string body;
  const char* content_type;
  std::string utf8;
  const char* charset;
  CharsetSource source;
  std::size_t replaced = 0;
};

void check(const Row& row) {
  const std::string what = row.what;
  CAPTURE(what);
  const DecodedBody decoded = decode_to_utf8(row.body, row.content_type);
  CHECK(decoded.utf8 == row.utf8);
  CHECK(decoded.charset == row.charset);
  CHECK(to_string(decoded.source) == to_string(row.source));
  CHECK(decoded.replaced == row.replaced);
}

using enum CharsetSource;

}  // namespace

TEST_CASE("the charset comes from the first source naming a usable encoding, in precedence order") {
  const Row rows[] = {
      {"a BOM beats the header and the meta (Encoding, \"decode\")",
       "\xEF\xBB\xBF<meta charset=windows-1252>\xC3\xA9", "text/html; charset=iso-8859-2",
       "<meta charset=windows-1252>\xC3\xA9", "UTF-8", bom},
      {"the header beats the meta (HTML §13.2.3.2)", "<meta charset=utf-8>\xE9",
       "text/html; charset=windows-1252", "<meta charset=utf-8>\xC3\xA9", "windows-1252", content_type},
      {"the meta counts when the header has no charset", "<meta charset=windows-1252>\xE9",
       "text/html", "<meta charset=windows-1252>\xC3\xA9", "windows-1252", meta},
      {"the meta counts when the header's label is unknown", "<meta charset=windows-1252>\xE9",
       "text/html; charset=no-such-charset", "<meta charset=windows-1252>\xC3\xA9", "windows-1252", meta},
      {"the meta counts when there is no header at all", "<meta charset=windows-1252>\xE9", "",
       "<meta charset=windows-1252>\xC3\xA9", "windows-1252", meta},
      {"undeclared well-formed UTF-8 is taken as UTF-8", "<p>caf\xC3\xA9</p>", "text/html",
       "<p>caf\xC3\xA9</p>", "UTF-8", detected},
      {"undeclared ASCII is UTF-8 by default", "<p>cafe</p>", "text/html", "<p>cafe</p>", "UTF-8",
       default_utf8},
      {"an unknown meta label falls through to the default", "<meta charset=klingon><p>x</p>", "",
       "<meta charset=klingon><p>x</p>", "UTF-8", default_utf8},
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("a byte order mark is stripped and decides the charset") {
  const Row rows[] = {
      {"UTF-8 BOM", "\xEF\xBB\xBFhi \xE2\x82\xAC", "", "hi \xE2\x82\xAC", "UTF-8", bom},
      {"UTF-8 BOM over ill-formed bytes", "\xEF\xBB\xBF" "a\xFF", "", "a\xEF\xBF\xBD", "UTF-8", bom, 1},
      {"UTF-16LE BOM", std::string("\xFF\xFEh\0i\0\xAC\x20", 8), "", "hi\xE2\x82\xAC", "UTF-16LE", bom},
      {"UTF-16BE BOM", std::string("\xFE\xFF\0h\0i\x20\xAC", 8), "", "hi\xE2\x82\xAC", "UTF-16BE", bom},
      {"UTF-16BE BOM beats a UTF-8 header", std::string("\xFE\xFF\0h", 4), "text/html; charset=utf-8",
       "h", "UTF-16BE", bom},
      {"UTF-16LE surrogate pair", std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), "",
       "\xF0\x9F\x98\x80", "UTF-16LE", bom},
      {"UTF-16LE lone lead surrogate before a letter", std::string("\xFF\xFE\x3D\xD8h\0", 6), "",
       "\xEF\xBF\xBDh", "UTF-16LE", bom, 1},
      {"UTF-16LE lone trail surrogate", std::string("\xFF\xFE\x00\xDE", 4), "", "\xEF\xBF\xBD",
       "UTF-16LE", bom, 1},
      {"UTF-16LE odd trailing byte", std::string("\xFF\xFEh\0i", 5), "", "h\xEF\xBF\xBD",
       "UTF-16LE", bom, 1},
      {"UTF-16LE BOM alone", "\xFF\xFE", "", "", "UTF-16LE", bom},
      {"a UTF-32LE BOM reads as a UTF-16LE BOM and a NUL (Encoding, \"BOM sniff\")",
       std::string("\xFF\xFE\0\0", 4), "", std::string("\0", 1), "UTF-16LE", bom},
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("the windows-1252 charset decodes per the Encoding Standard's index, with no holes") {
  struct ByteRow {
    char byte;
    const char* utf8;
  };
  const ByteRow rows[] = {
      {'\x80', "\xE2\x82\xAC"},  // €
      {'\x81', "\xC2\x81"},      // undefined in glibc's CP1252; U+0081 in the index
      {'\x8D', "\xC2\x8D"},      {'\x8F', "\xC2\x8F"}, {'\x90', "\xC2\x90"}, {'\x9D', "\xC2\x9D"},
      {'\x85', "\xE2\x80\xA6"},  // …
      {'\x92', "\xE2\x80\x99"},  // ’
      {'\x93', "\xE2\x80\x9C"},  // “
      {'\x94', "\xE2\x80\x9D"},  // ”
      {'\x96', "\xE2\x80\x93"},  // –
      {'\x9F', "\xC5\xB8"},      // Ÿ
      {'\xA0', "\xC2\xA0"},      // NBSP
      {'\xE9', "\xC3\xA9"},      // é
      {'\xFF', "\xC3\xBF"},      // ÿ
  };
  for (const ByteRow& row : rows) {
    CAPTURE(static_cast<int>(static_cast<unsigned char>(row.byte)));
    const DecodedBody decoded =
        decode_to_utf8(std::string("<") + row.byte + ">", "text/html; charset=windows-1252");
    CHECK(decoded.utf8 == std::string("<") + row.utf8 + ">");
    CHECK(decoded.replaced == 0);
  }
}

TEST_CASE("charset labels map to encodings per the Encoding Standard's label table") {
  struct LabelRow {
    const char* label;
    const char* charset;
  };
  const LabelRow rows[] = {
      {"iso-8859-1", "windows-1252"},  {"ISO-8859-1", "windows-1252"},
      {"latin1", "windows-1252"},      {"l1", "windows-1252"},
      {"ascii", "windows-1252"},       {"us-ascii", "windows-1252"},
      {"cp1252", "windows-1252"},      {"windows-1252", "windows-1252"},
      {"utf-8", "UTF-8"},              {"UTF8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},  {"sjis", "Shift_JIS"},
      {"shift_jis", "Shift_JIS"},      {"ms932", "Shift_JIS"},
      {"windows-31j", "Shift_JIS"},    {"gb2312", "GBK"},
      {"gbk", "GBK"},                  {"x-gbk", "GBK"},
      {"gb18030", "gb18030"},          {"big5", "Big5"},
      {"euc-jp", "EUC-JP"},            {"iso-2022-jp", "ISO-2022-JP"},
      {"ks_c_5601-1987", "EUC-KR"},    {"euc-kr", "EUC-KR"},
      {"iso-8859-9", "windows-1254"},  {"latin5", "windows-1254"},
      {"tis-620", "windows-874"},      {"iso-8859-11", "windows-874"},
      {"iso-8859-15", "ISO-8859-15"},  {"koi8-r", "KOI8-R"},
      {"koi8-u", "KOI8-U"},            {"cp1251", "windows-1251"},
      {"utf-16", "UTF-16LE"},          {"utf-16be", "UTF-16BE"},
      {"iso-2022-kr", "replacement"},  {"x-user-defined", "x-user-defined"},
  };
  for (const LabelRow& row : rows) {
    const std::string label = row.label;
    CAPTURE(label);
    const DecodedBody decoded = decode_to_utf8("", std::string("text/html; charset=") + row.label);
    CHECK(decoded.charset == row.charset);
    CHECK(decoded.source == CharsetSource::content_type);
  }
}

TEST_CASE("the Content-Type charset parameter is read as MIME Sniffing §4.4 parses it") {
  // The body's meta names ISO-8859-2: it shows when the header yields nothing.
  const std::string body = "<meta charset=iso-8859-2>";
  struct HeaderRow {
    const char* content_type;
    const char* charset;
  };
  const HeaderRow rows[] = {
      {"text/html; charset=windows-1252", "windows-1252"},
      {"text/html;charset=windows-1252", "windows-1252"},
      {"text/html; charset=\"windows-1252\"", "windows-1252"},
      {"text/html; charset='windows-1252'", "ISO-8859-2"},  // single quotes are not quoting
      {"text/html; CHARSET=Windows-1252", "windows-1252"},
      {"TEXT/HTML ; Charset = windows-1252", "ISO-8859-2"},  // "charset " is another name
      {"text/html; charset=\"windows-1252\"; format=flowed", "windows-1252"},
      {"text/html; format=flowed; charset=windows-1252  ", "windows-1252"},
      {"text/html; charset=  windows-1252", "windows-1252"},  // the label is trimmed
      {"text/html; charset=\"win\\dows-1252\"", "windows-1252"},  // quoted-pair
      {"text/html; charset=\"windows-1252", "windows-1252"},     // unterminated quote
      {"text/html; charset=windows-1252; charset=utf-8", "windows-1252"},  // the first one counts
      {"text/html; charset=; charset=windows-1252", "windows-1252"},       // empty is skipped
      {"text/html; xcharset=windows-1252", "ISO-8859-2"},
      {"text/html; charset", "ISO-8859-2"},
      {"text/html; charset=", "ISO-8859-2"},
      {"text/html; charset=\"\"", "ISO-8859-2"},
      {"text/html; charset=klingon", "ISO-8859-2"},
      {"charset=windows-1252", "ISO-8859-2"},  // no parameters before the first ';'
      {"text/html", "ISO-8859-2"},
      {"", "ISO-8859-2"},
  };
  for (const HeaderRow& row : rows) {
    const std::string content_type = row.content_type;
    CAPTURE(content_type);
    const DecodedBody decoded = decode_to_utf8(body, row.content_type);
    CHECK(decoded.charset == row.charset);
    CHECK(decoded.utf8 == body);
  }
}

TEST_CASE("the <meta> charset prescan finds declarations as HTML §13.2.3.2 describes") {
  struct MetaRow {
    const char* html;
    const char* charset;  // nullptr: nothing found, so UTF-8 by default
  };
  const MetaRow rows[] = {
      {"<meta charset=\"windows-1251\">", "windows-1251"},
      {"<meta charset='windows-1251'>", "windows-1251"},
      {"<meta charset=windows-1251>", "windows-1251"},
      {"<META CHARSET=WINDOWS-1251>", "windows-1251"},
      {"<meta charset = \" windows-1251 \" >", "windows-1251"},
      {"<meta/charset=windows-1251>", "windows-1251"},
      {"<!doctype html><html><head><title>t</title><meta charset=windows-1251>", "windows-1251"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "windows-1251"},
      {"<meta content=\"text/html; charset=windows-1251\" http-equiv=\"content-type\">", "windows-1251"},
      {"<meta http-equiv=Content-Type content='text/html;charset=\"windows-1251\"'>", "windows-1251"},
      {"<meta http-equiv=content-type content=\"text/html; CHARSET = windows-1251;x\">", "windows-1251"},
      {"<meta content=\"text/html; charset=windows-1251\">", nullptr},  // no http-equiv
      {"<meta http-equiv=\"refresh\" content=\"0; charset=windows-1251\">", nullptr},
      {"<meta http-equiv=content-type content=\"text/html; charset='windows-1251\">", nullptr},
      {"<meta name=x content=\"charset=koi8-r\" charset=windows-1251>", "windows-1251"},
      {"<meta charset=windows-1251 charset=koi8-r>", "windows-1251"},  // duplicates ignored
      {"<meta charset=klingon><meta charset=windows-1251>", "windows-1251"},
      {"<!-- <meta charset=koi8-r> --><meta charset=windows-1251>", "windows-1251"},
      {"<!--><meta charset=windows-1251>", "windows-1251"},  // "<!-->" is a whole comment
      {"<div title=\"<meta charset=koi8-r>\"><meta charset=windows-1251>", "windows-1251"},
      {"<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=windows-1251>", "windows-1251"},
      {"</p x=\"<meta charset=koi8-r>\"><meta charset=windows-1251>", "windows-1251"},
      {"<meta charset=\"utf-16le\">", "UTF-8"},  // a UTF-16 declaration means UTF-8
      {"<meta charset=\"x-user-defined\">", "windows-1252"},
      {"<metacharset=windows-1251>", nullptr},
      {"<meta charset=windows-1251", nullptr},  // the bytes end inside the tag
      {"<!-- <meta charset=windows-1251>", nullptr},
      {"<p>no declaration</p>", nullptr},
  };
  for (const MetaRow& row : rows) {
    const std::string html = row.html;
    CAPTURE(html);
    const DecodedBody decoded = decode_to_utf8(row.html, "text/html");
    CHECK(decoded.charset == (row.charset != nullptr ? row.charset : "UTF-8"));
    CHECK(to_string(decoded.source) == to_string(row.charset != nullptr ? meta : default_utf8));
  }
}

TEST_CASE("a <meta> charset that does not end within the first 1024 bytes is ignored") {
  const std::string meta = "<meta charset=windows-1251>";
  const std::string padding(1024 - meta.size(), ' ');
  SUBCASE("ending on byte 1024 it counts") {
    CHECK(decode_to_utf8(padding + meta + "<p>x", "").charset == "windows-1251");
  }
  SUBCASE("one byte later it does not") {
    const DecodedBody decoded = decode_to_utf8(padding + " " + meta + "<p>x", "");
    CHECK(decoded.charset == "UTF-8");
    CHECK(decoded.source == CharsetSource::default_utf8);
  }
  SUBCASE("well after the first 1024 bytes it does not") {
    CHECK(decode_to_utf8(repeat("<p>filler</p>\n", 200) + meta, "").charset == "UTF-8");
  }
}

TEST_CASE("multi-byte and other legacy charsets decode through iconv") {
  const Row rows[] = {
      {"Shift_JIS", "\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x65\x83\x4C\x83\x58\x83\x67",
       "text/html; charset=shift_jis", "日本語のテキスト", "Shift_JIS", content_type},
      {"Shift_JIS reads 0x5C as a backslash, not a yen sign", "C:\\\x93\xFA", "text/html; charset=sjis",
       "C:\\日", "Shift_JIS", content_type},
      {"Shift_JIS from a meta", "<meta charset=shift_jis>\x93\xFA", "", "<meta charset=shift_jis>日",
       "Shift_JIS", meta},
      {"GBK via the gb2312 label", "\xD6\xD0\xCE\xC4\xCD\xF8\xD2\xB3", "text/html; charset=gb2312",
       "中文网页", "GBK", content_type},
      {"GBK reads a lone 0x80 as the euro sign", "\x80", "text/html; charset=gbk", "€", "GBK",
       content_type},
      {"EUC-KR", "\xC7\xD1\xB1\xB9\xBE\xEE", "text/html; charset=euc-kr", "한국어", "EUC-KR",
       content_type},
      {"EUC-JP", "\xA5\xAB\xA5\xBF\xA5\xAB\xA5\xCA", "text/html; charset=euc-jp", "カタカナ", "EUC-JP",
       content_type},
      {"Big5", "\xA4\x40", "text/html; charset=big5", "一", "Big5", content_type},
      {"KOI8-R", "\xF0\xD2\xC9\xD7\xC5\xD4", "text/html; charset=koi8-r", "Привет", "KOI8-R",
       content_type},
      {"windows-1250", "\xA3\xF3\x64\x9F\xC6", "text/html; charset=windows-1250", "ŁódźĆ",
       "windows-1250", content_type},
      {"windows-1250 fills its holes with C1 controls", "\x81", "text/html; charset=windows-1250",
       "\xC2\x81", "windows-1250", content_type},
      {"UTF-16BE without a BOM, from the header", std::string("\0h\0i", 4),
       "text/html; charset=utf-16be", "hi", "UTF-16BE", content_type},
      {"x-user-defined maps high bytes into the private use area", "a\x80\xFF",
       "text/html; charset=x-user-defined", "a\xEF\x9E\x80\xEF\x9F\xBF", "x-user-defined", content_type},
      {"ISO-2022-JP shifts in and out", "\x1B$B\x46\x7C\x1B(Bx", "text/html; charset=iso-2022-jp",
       "日x", "ISO-2022-JP", content_type},
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("the charset stage turns each maximal ill-formed subpart into one counted U+FFFD") {
  const std::string fffd = "\xEF\xBF\xBD";
  const char* header = "text/html; charset=utf-8";
  const Row rows[] = {
      {"a stray continuation byte", "a\x80z", header, "a" + fffd + "z", "UTF-8", content_type, 1},
      {"a byte never used in UTF-8", "a\xFFz", header, "a" + fffd + "z", "UTF-8", content_type, 1},
      {"a truncated sequence at the end", "a\xE2\x82", header, "a" + fffd, "UTF-8", content_type, 1},
      {"a truncated sequence before ASCII", "\xF0\x9F\x98z", header, fffd + "z", "UTF-8", content_type, 1},
      {"an overlong slash", "\xC0\xAF", header, fffd + fffd, "UTF-8", content_type, 2},
      {"an overlong three-byte form", "\xE0\x80\xAF", header, fffd + fffd + fffd, "UTF-8", content_type, 3},
      {"an encoded surrogate", "\xED\xA0\x80", header, fffd + fffd + fffd, "UTF-8", content_type, 3},
      {"past U+10FFFF", "\xF4\x90\x80\x80", header, fffd + fffd + fffd + fffd, "UTF-8", content_type, 4},
      {"well-formed text around it", "\xC3\xA9\xFF\xE2\x82\xAC\xF0\x9F\x98\x80", header,
       "\xC3\xA9" + fffd + "\xE2\x82\xAC\xF0\x9F\x98\x80", "UTF-8", content_type, 1},
      {"a U+FFFD already in the page is not counted", "\xEF\xBF\xBD", header, fffd, "UTF-8",
       content_type, 0},
      {"Shift_JIS cut after a lead byte", "\x93\xFA\x93", "text/html; charset=shift_jis", "日" + fffd,
       "Shift_JIS", content_type, 1},
      {"a byte GBK does not use", "a\xFF", "text/html; charset=gbk", "a" + fffd, "GBK", content_type, 1},
      {"the replacement encoding turns a whole body into one U+FFFD", "<p>hi</p>",
       "text/html; charset=iso-2022-kr", fffd, "replacement", content_type, 1},
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("the charset stage moves a body that needs no decoding through, without a copy") {
  const std::string page = "<html><head><title>Caf\xC3\xA9</title></head><body>" +
                           repeat("<p>well-formed text</p>", 50) + "</body></html>";
  struct MoveRow {
    const char* what;
    std::string body;
    const char* content_type;
  };
  const MoveRow rows[] = {
      {"declared UTF-8", page, "text/html; charset=utf-8"},
      {"undeclared UTF-8", page, "text/html"},
      {"UTF-8 from a meta", "<meta charset=utf-8>" + page, ""},
      {"UTF-8 behind a BOM", "\xEF\xBB\xBF" + page, ""},
      {"ASCII declared as windows-1252", repeat("<p>plain ascii</p>", 50), "text/html; charset=latin1"},
  };
  for (const MoveRow& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    std::string body = row.body;
    const char* buffer = body.data();
    const DecodedBody decoded = decode_to_utf8(std::move(body), row.content_type);
    CHECK(decoded.utf8.data() == buffer);
    CHECK(decoded.replaced == 0);
  }
}

TEST_CASE("an undeclared charset is detected, by UTF-8 well-formedness or by uchardet") {
  const std::string french =
      "<html><head><title>Le caf\xC3\xA9 de la gare</title></head><body>\n" +
      repeat("<p>\xC3\x80 la fin de l\xE2\x80\x99\xC3\xA9t\xC3\xA9, le caf\xC3\xA9 \xC3\xA9tait "
             "toujours ferm\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9C\xC3\xA7" "a ne va pas durer\xE2\x80\x9D, "
             "disait la propri\xC3\xA9taire, tr\xC3\xA8s d\xC3\xA9\xC3\xA7ue. Les cr\xC3\xA8pes "
             "co\xC3\xBBtaient 3 \xE2\x82\xAC et le th\xC3\xA9 \xC3\xA9tait froid.</p>\n",
             12) +
      "</body></html>";
  SUBCASE("windows-1252 bytes with no declaration") {
    const DecodedBody decoded = decode_to_utf8(encode_windows_1252(french), "text/html");
    CHECK(decoded.charset == "windows-1252");
    CHECK(decoded.source == CharsetSource::detected);
    CHECK(decoded.utf8 == french);
    CHECK(decoded.replaced == 0);
  }
  SUBCASE("UTF-8 bytes with no declaration") {
    const DecodedBody decoded = decode_to_utf8(french, "text/html");
    CHECK(decoded.charset == "UTF-8");
    CHECK(decoded.source == CharsetSource::detected);
    CHECK(decoded.utf8 == french);
  }
  SUBCASE("Shift_JIS bytes with no declaration") {
    const std::string japanese = repeat(
        "\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x65\x83\x4C\x83\x58\x83\x67\x82\xC5\x82\xB7\x81\x42", 40);
    const DecodedBody decoded = decode_to_utf8(japanese, "");
    CHECK(decoded.charset == "Shift_JIS");
    CHECK(decoded.source == CharsetSource::detected);
    CHECK(decoded.utf8 == repeat("日本語のテキストです。", 40));
  }
}

TEST_CASE("an empty body decodes to an empty string whatever the charset") {
  const Row rows[] = {
      {"no header", "", "", "", "UTF-8", default_utf8},
      {"a UTF-8 header", "", "text/html; charset=utf-8", "", "UTF-8", content_type},
      {"a Shift_JIS header", "", "text/html; charset=shift_jis", "", "Shift_JIS", content_type},
      {"a UTF-16 header", "", "text/html; charset=utf-16", "", "UTF-16LE", content_type},
      {"the replacement encoding", "", "text/html; charset=hz-gb-2312", "", "replacement", content_type},
      {"a UTF-8 BOM alone", "\xEF\xBB\xBF", "", "", "UTF-8", bom},
  };
  for (const Row& row : rows) check(row);
}

TEST_CASE("random bytes under any charset never crash and always give well-formed UTF-8") {
  const char* content_types[] = {
      "",
      "text/html",
      "text/html; charset=utf-8",
      "text/html; charset=windows-1252",
      "text/html; charset=shift_jis",
      "text/html; charset=gbk",
      "text/html; charset=gb18030",
      "text/html; charset=big5",
      "text/html; charset=euc-jp",
      "text/html; charset=euc-kr",
      "text/html; charset=iso-2022-jp",
      "text/html; charset=utf-16le",
      "text/html; charset=utf-16be",
      "text/html; charset=koi8-u",
      "text/html; charset=windows-1258",
      "text/html; charset=x-mac-cyrillic",
      "text/html; charset=x-user-defined",
      "text/html; charset=iso-2022-kr",
      "text/html; charset=\"\\",
      "; charset=",
  };
  const std::string_view prefixes[] = {
      "", "", "", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF", "<meta charset=", "<meta charset=euc-jp>",
      "<!--", "<meta http-equiv=content-type content=\"charset=",
  };
  // Bytes a decoder or the prescan treats specially, mixed into the noise.
  const std::string_view pieces[] = {"<", ">", "=", "\"", "'", "/", "-->", "\x1B$B", "\x1B(B",
                                     "\x80", "\xFF", "\xED\xA0", "\xF4\x90", "\x3D\xD8"};
  Random random(0x636861727365ULL);
  for (int i = 0; i < 3000; ++i) {
    std::string body(prefixes[random.below(std::size(prefixes))]);
    const std::size_t length = random.below(i % 100 == 0 ? 20000 : 600);
    const bool mostly_ascii = random.below(2) == 0;
    while (body.size() < length) {
      const std::size_t roll = random.below(16);
      if (roll == 0) {
        body += pieces[random.below(std::size(pieces))];
      } else {
        const auto byte = static_cast<char>(random.next());
        body += mostly_ascii && roll < 12 ? static_cast<char>(byte & 0x7F) : byte;
      }
    }
    const std::string content_type = content_types[random.below(std::size(content_types))];
    CAPTURE(i);
    CAPTURE(content_type);
    const DecodedBody decoded = decode_to_utf8(body, content_type);
    REQUIRE(is_well_formed_utf8(decoded.utf8));
    REQUIRE(!decoded.charset.empty());
    if (decoded.charset == "windows-1252") REQUIRE(decoded.replaced == 0);
    // Decoding the result again as UTF-8 changes nothing (unless it now starts
    // with U+FEFF, which would read as a BOM).
    if (decoded.utf8.starts_with("\xEF\xBB\xBF")) continue;
    const DecodedBody again = decode_to_utf8(decoded.utf8, "text/html; charset=utf-8");
    REQUIRE(again.utf8 == decoded.utf8);
    REQUIRE(again.replaced == 0);
  }
}
