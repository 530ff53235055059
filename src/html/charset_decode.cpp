// UTF-8 validation and repair, the hand-written decoders, and the iconv loop.
#include "html/charset_decode.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/utf8.hpp"

namespace gleaner::html {

namespace {

constexpr char32_t replacement_character = 0xFFFD;

void append_replacement(Decoded& decoded) {
  append_utf8(decoded.utf8, replacement_character);
  ++decoded.replaced;
}

// How many bytes from `p` on are below 0x80, eight at a time.
std::size_t ascii_run(const unsigned char* p, const unsigned char* end) {
  const unsigned char* start = p;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if ((word & 0x8080808080808080ULL) != 0) break;
    p += 8;
  }
  while (p != end && *p < 0x80) ++p;
  return static_cast<std::size_t>(p - start);
}

// Unicode §3.9 Table 3-7: the length of the well-formed sequence starting at
// `p` (a non-ASCII byte), or 0 with `bad` set to the length of its maximal
// ill-formed subpart, which the Encoding Standard's UTF-8 decoder replaces
// with one U+FFFD before resuming at the byte that broke the sequence.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end, std::size_t& bad) {
  const unsigned char lead = *p;
  std::size_t continuation;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation = 2;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation = 3;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    bad = 1;
    return 0;
  }
  for (std::size_t i = 1; i <= continuation; ++i) {
    if (static_cast<std::size_t>(end - p) == i || p[i] < low || p[i] > high) {
      bad = i;
      return 0;
    }
    low = 0x80;
    high = 0xBF;
  }
  return continuation + 1;
}

// Encoding Standard, index-windows-1252, bytes 0x80 to 0x9F; 0xA0 to 0xFF
// decode to U+00A0 to U+00FF. The five bytes glibc leaves undefined (0x81,
// 0x8D, 0x8F, 0x90, 0x9D) are C1 controls here, as browsers decode them.
constexpr char16_t windows_1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

Decoded decode_windows_1252(std::string_view bytes) {
  Decoded decoded;
  decoded.utf8.reserve(bytes.size() + bytes.size() / 2);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p != end) {
    std::size_t run = ascii_run(p, end);
    decoded.utf8.append(reinterpret_cast<const char*>(p), run);
    p += run;
    if (p == end) break;
    append_utf8(decoded.utf8, *p < 0xA0 ? windows_1252_high[*p - 0x80] : char32_t{*p});
    ++p;
  }
  return decoded;
}

// Encoding Standard, "x-user-defined decoder": high bytes map into the PUA.
Decoded decode_x_user_defined(std::string_view bytes) {
  Decoded decoded;
  decoded.utf8.reserve(bytes.size());
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    append_utf8(decoded.utf8, byte < 0x80 ? char32_t{byte} : char32_t{0xF780} + byte - 0x80);
  }
  return decoded;
}

// Encoding Standard, "shared UTF-16 decoder": lone surrogates and a dangling
// odd byte each become one U+FFFD.
Decoded decode_utf16(std::string_view bytes, bool big_endian) {
  Decoded decoded;
  decoded.utf8.reserve(bytes.size() + bytes.size() / 2);
  char32_t lead_surrogate = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const auto first = static_cast<unsigned char>(bytes[i]);
    const auto second = static_cast<unsigned char>(bytes[i + 1]);
    const char32_t unit =
        big_endian ? (char32_t{first} << 8 | second) : (char32_t{second} << 8 | first);
    const bool is_lead = unit >= 0xD800 && unit <= 0xDBFF;
    const bool is_trail = unit >= 0xDC00 && unit <= 0xDFFF;
    if (lead_surrogate != 0) {
      const char32_t lead = lead_surrogate;
      lead_surrogate = 0;
      if (is_trail) {
        append_utf8(decoded.utf8, 0x10000 + ((lead - 0xD800) << 10) + (unit - 0xDC00));
        continue;
      }
      append_replacement(decoded);  // and `unit` is decoded afresh below
    }
    if (is_lead) {
      lead_surrogate = unit;
    } else if (is_trail) {
      append_replacement(decoded);
    } else {
      append_utf8(decoded.utf8, unit);
    }
  }
  if (lead_surrogate != 0 || bytes.size() % 2 != 0) append_replacement(decoded);
  return decoded;
}

Decoded decode_replacement(std::string_view bytes) {
  Decoded decoded;
  if (!bytes.empty()) append_replacement(decoded);
  return decoded;
}

struct IconvCodec {
  const char* name;
  bool c1_fallback;  // bytes 0x80-0x9F glibc rejects are C1 controls (windows-*)
};

// glibc's names for the WHATWG encodings it decodes. GBK is read with the
// gb18030 decoder and Shift_JIS and EUC-KR are Microsoft's supersets, as the
// Encoding Standard specifies.
std::optional<IconvCodec> iconv_codec(Encoding encoding) {
  using enum Encoding;
  switch (encoding) {
    case ibm866: return IconvCodec{"IBM866", false};
    case iso_8859_2: return IconvCodec{"ISO-8859-2", false};
    case iso_8859_3: return IconvCodec{"ISO-8859-3", false};
    case iso_8859_4: return IconvCodec{"ISO-8859-4", false};
    case iso_8859_5: return IconvCodec{"ISO-8859-5", false};
    case iso_8859_6: return IconvCodec{"ISO-8859-6", false};
    case iso_8859_7: return IconvCodec{"ISO-8859-7", false};
    case iso_8859_8: return IconvCodec{"ISO-8859-8", false};
    case iso_8859_8_i: return IconvCodec{"ISO-8859-8", false};
    case iso_8859_10: return IconvCodec{"ISO-8859-10", false};
    case iso_8859_13: return IconvCodec{"ISO-8859-13", false};
    case iso_8859_14: return IconvCodec{"ISO-8859-14", false};
    case iso_8859_15: return IconvCodec{"ISO-8859-15", false};
    case iso_8859_16: return IconvCodec{"ISO-8859-16", false};
    case koi8_r: return IconvCodec{"KOI8-R", false};
    case koi8_u: return IconvCodec{"KOI8-U", false};
    case macintosh: return IconvCodec{"MACINTOSH", false};
    case windows_874: return IconvCodec{"WINDOWS-874", true};
    case windows_1250: return IconvCodec{"WINDOWS-1250", true};
    case windows_1251: return IconvCodec{"WINDOWS-1251", true};
    case windows_1252: return IconvCodec{"WINDOWS-1252", true};
    case windows_1253: return IconvCodec{"WINDOWS-1253", true};
    case windows_1254: return IconvCodec{"WINDOWS-1254", true};
    case windows_1255: return IconvCodec{"WINDOWS-1255", true};
    case windows_1256: return IconvCodec{"WINDOWS-1256", true};
    case windows_1257: return IconvCodec{"WINDOWS-1257", true};
    case windows_1258: return IconvCodec{"WINDOWS-1258", true};
    case x_mac_cyrillic: return IconvCodec{"MAC-CYRILLIC", false};
    case gbk: return IconvCodec{"GB18030", false};
    case gb18030: return IconvCodec{"GB18030", false};
    case big5: return IconvCodec{"BIG5-HKSCS", false};
    case euc_jp: return IconvCodec{"EUC-JP", false};
    case iso_2022_jp: return IconvCodec{"ISO-2022-JP", false};
    case shift_jis: return IconvCodec{"WINDOWS-31J", false};
    case euc_kr: return IconvCodec{"CP949", false};
    default: return std::nullopt;
  }
}

// What a byte iconv rejects decodes to, when the Encoding Standard defines
// it: the gb18030 decoder reads a lone 0x80 as U+20AC, the Shift_JIS decoder
// reads 0x80 as U+0080, and the windows-* indexes fill 0x80-0x9F with C1s.
std::optional<char32_t> rejected_byte(Encoding encoding, IconvCodec codec, unsigned char byte) {
  if (byte == 0x80 && (encoding == Encoding::gbk || encoding == Encoding::gb18030)) return 0x20AC;
  if (byte == 0x80 && encoding == Encoding::shift_jis) return 0x80;
  if (codec.c1_fallback && byte >= 0x80 && byte <= 0x9F) return byte;
  return std::nullopt;
}

class IconvHandle {
 public:
  explicit IconvHandle(const char* from) : cd_(iconv_open("UTF-8", from)) {}
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  ~IconvHandle() {
    if (is_open()) iconv_close(cd_);
  }
  bool is_open() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Every pass of the loop consumes input, grows the output or ends, so the
// time is linear in the input. An ill-formed sequence costs one byte and one
// U+FFFD; a multi-byte decoder's error recovery (Encoding Standard, e.g.
// "Shift_JIS decoder") differs in rare cases where the trail byte is not ASCII.
std::optional<Decoded> decode_with_iconv(std::string_view bytes, Encoding encoding) {
  std::optional<IconvCodec> codec = iconv_codec(encoding);
  if (!codec) return std::nullopt;
  IconvHandle handle(codec->name);
  if (!handle.is_open()) return std::nullopt;

  Decoded decoded;
  std::string& out = decoded.utf8;
  out.resize(bytes.size() + bytes.size() / 2 + 16);
  std::size_t used = 0;
  auto make_room = [&](std::size_t at_least) {
    if (out.size() - used < at_least) out.resize(out.size() * 2 + at_least);
  };
  auto append = [&](char32_t cp) {
    make_room(4);
    used += encode_utf8(cp, out.data() + used);
  };

  char* in = const_cast<char*>(bytes.data());  // iconv never writes through it
  std::size_t in_left = bytes.size();
  bool flushing = false;
  for (;;) {
    make_room(16);
    char* out_ptr = out.data() + used;
    std::size_t out_left = out.size() - used;
    errno = 0;
    const std::size_t result = flushing ? iconv(handle.get(), nullptr, nullptr, &out_ptr, &out_left)
                                        : iconv(handle.get(), &in, &in_left, &out_ptr, &out_left);
    const int error = errno;
    used = static_cast<std::size_t>(out_ptr - out.data());
    if (result != static_cast<std::size_t>(-1)) {
      if (flushing) break;
      flushing = true;  // emit what a stateful decoder (ISO-2022-JP) still holds
      continue;
    }
    if (error == E2BIG) {
      make_room(out.size());
      continue;
    }
    if (flushing) break;
    if (error == EINVAL) {
      // A truncated sequence at the end of the input.
      append(replacement_character);
      ++decoded.replaced;
      in_left = 0;
      flushing = true;
      continue;
    }
    // EILSEQ (or anything unexpected): drop one byte and carry on.
    const auto byte = static_cast<unsigned char>(*in);
    if (auto cp = rejected_byte(encoding, *codec, byte)) {
      append(*cp);
    } else {
      append(replacement_character);
      ++decoded.replaced;
    }
    ++in;
    --in_left;
  }
  out.resize(used);
  return decoded;
}

}  // namespace

Utf8Scan scan_utf8(std::string_view bytes) {
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = begin + bytes.size();
  const auto* p = begin;
  bool ascii = true;
  while (p != end) {
    p += ascii_run(p, end);
    if (p == end) break;
    std::size_t bad = 0;
    const std::size_t length = utf8_sequence(p, end, bad);
    if (length == 0) break;
    ascii = false;
    p += length;
  }
  return Utf8Scan{static_cast<std::size_t>(p - begin), ascii};
}

bool is_ascii(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  return ascii_run(p, p + bytes.size()) == bytes.size();
}

Decoded repair_utf8(std::string_view bytes, std::size_t valid_length) {
  Decoded decoded;
  decoded.utf8.reserve(bytes.size() + 16);
  decoded.utf8.append(bytes.substr(0, valid_length));
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + valid_length;
  const auto* end = reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size();
  while (p != end) {
    const std::size_t run = ascii_run(p, end);
    decoded.utf8.append(reinterpret_cast<const char*>(p), run);
    p += run;
    if (p == end) break;
    std::size_t bad = 0;
    const std::size_t length = utf8_sequence(p, end, bad);
    if (length == 0) {
      append_replacement(decoded);
      p += bad;
    } else {
      decoded.utf8.append(reinterpret_cast<const char*>(p), length);
      p += length;
    }
  }
  return decoded;
}

std::optional<Decoded> decode_bytes(std::string_view bytes, Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8: {
      const Utf8Scan scan = scan_utf8(bytes);
      if (scan.valid(bytes)) return Decoded{std::string(bytes), 0};
      return repair_utf8(bytes, scan.valid_length);
    }
    case Encoding::windows_1252: return decode_windows_1252(bytes);
    case Encoding::utf16be: return decode_utf16(bytes, true);
    case Encoding::utf16le: return decode_utf16(bytes, false);
    case Encoding::x_user_defined: return decode_x_user_defined(bytes);
    case Encoding::replacement: return decode_replacement(bytes);
    default: return decode_with_iconv(bytes, encoding);
  }
}

}  // namespace gleaner::html
