// The charset stage's order of precedence, after HTML §13.2.3.2
// "Determining the character encoding" (simplified), and uchardet as the guess.
#include "html/charset.hpp"

#include <uchardet/uchardet.h>

#include <memory>
#include <optional>
#include <utility>

#include "html/ascii.hpp"
#include "html/charset_decode.hpp"
#include "html/charset_labels.hpp"
#include "html/charset_sniff.hpp"

namespace gleaner::html {

namespace {

// uchardet's confidence settles long before this; the cap bounds its time.
constexpr std::size_t detection_limit = 64 * 1024;

// ISO-2022-JP shifts in and out with ESC sequences, and the UTF-16 and
// replacement decoders map even ASCII bytes to something else.
bool agrees_with_ascii(Encoding encoding) {
  return encoding != Encoding::iso_2022_jp && encoding != Encoding::replacement &&
         encoding != Encoding::utf16be && encoding != Encoding::utf16le;
}

DecodedBody utf8_body(std::string body, CharsetSource source) {
  const Utf8Scan scan = scan_utf8(body);
  if (scan.valid(body)) {
    return DecodedBody{std::move(body), std::string(encoding_name(Encoding::utf8)), source, 0};
  }
  Decoded repaired = repair_utf8(body, scan.valid_length);
  return DecodedBody{std::move(repaired.utf8), std::string(encoding_name(Encoding::utf8)), source,
                     repaired.replaced};
}

// Decodes `body` as `encoding`, moving out of `body` only when it returns a
// value; nullopt when this system cannot decode `encoding`.
std::optional<DecodedBody> decode_as(std::string& body, Encoding encoding, CharsetSource source) {
  if (encoding == Encoding::utf8) return utf8_body(std::move(body), source);
  std::string name(encoding_name(encoding));
  if (agrees_with_ascii(encoding) && is_ascii(body)) {
    return DecodedBody{std::move(body), std::move(name), source, 0};
  }
  std::optional<Decoded> decoded = decode_bytes(body, encoding);
  if (!decoded) return std::nullopt;
  return DecodedBody{std::move(decoded->utf8), std::move(name), source, decoded->replaced};
}

// uchardet's names that are not Encoding Standard labels, but name one.
std::optional<Encoding> encoding_for_detected_name(std::string_view name) {
  if (ascii_iequals(name, "MAC-CYRILLIC")) return Encoding::x_mac_cyrillic;
  if (ascii_iequals(name, "UHC")) return Encoding::euc_kr;
  return encoding_for_label(name);
}

struct UchardetDeleter {
  void operator()(uchardet* detector) const { uchardet_delete(detector); }
};

// A guess for bytes that are not UTF-8. Guesses that would turn the page into
// noise are refused: UTF-8 itself (already ruled out), UTF-16 without a BOM,
// and the encodings the standard only lists to neutralise them (replacement,
// x-user-defined).
std::optional<Encoding> detect(std::string_view body) {
  std::unique_ptr<uchardet, UchardetDeleter> detector(uchardet_new());
  if (detector == nullptr) return std::nullopt;
  const std::string_view sample = body.substr(0, detection_limit);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return std::nullopt;
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  if (name == nullptr) return std::nullopt;
  std::optional<Encoding> encoding = encoding_for_detected_name(name);
  if (!encoding) return std::nullopt;
  switch (*encoding) {
    case Encoding::utf8:
    case Encoding::utf16be:
    case Encoding::utf16le:
    case Encoding::replacement:
    case Encoding::x_user_defined: return std::nullopt;
    default: return encoding;
  }
}

}  // namespace

DecodedBody decode_to_utf8(std::string body, std::string_view content_type) {
  // Encoding Standard, "decode": a BOM overrides every label.
  if (std::optional<ByteOrderMark> bom = sniff_bom(body)) {
    body.erase(0, bom->length);  // in place: no new buffer
    if (auto decoded = decode_as(body, bom->encoding, CharsetSource::bom)) {
      return std::move(*decoded);
    }
  }
  if (std::optional<std::string> label = charset_parameter(content_type)) {
    if (std::optional<Encoding> encoding = encoding_for_label(*label)) {
      if (auto decoded = decode_as(body, *encoding, CharsetSource::content_type)) {
        return std::move(*decoded);
      }
    }
  }
  if (std::optional<Encoding> encoding = prescan_meta_charset(body)) {
    if (auto decoded = decode_as(body, *encoding, CharsetSource::meta)) return std::move(*decoded);
  }
  const Utf8Scan scan = scan_utf8(body);
  if (scan.valid(body)) {
    const CharsetSource source = scan.ascii ? CharsetSource::default_utf8 : CharsetSource::detected;
    return DecodedBody{std::move(body), std::string(encoding_name(Encoding::utf8)), source, 0};
  }
  if (std::optional<Encoding> encoding = detect(body)) {
    if (auto decoded = decode_as(body, *encoding, CharsetSource::detected)) {
      return std::move(*decoded);
    }
  }
  Decoded repaired = repair_utf8(body, scan.valid_length);
  return DecodedBody{std::move(repaired.utf8), std::string(encoding_name(Encoding::utf8)),
                     CharsetSource::default_utf8, repaired.replaced};
}

std::string_view to_string(CharsetSource source) {
  switch (source) {
    case CharsetSource::bom: return "bom";
    case CharsetSource::content_type: return "content-type";
    case CharsetSource::meta: return "meta";
    case CharsetSource::detected: return "detected";
    case CharsetSource::default_utf8: return "default";
  }
  return "default";
}

}  // namespace gleaner::html
