// BOM sniffing, the Content-Type charset parameter and the <meta> prescan.
#include "html/charset_sniff.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "html/ascii.hpp"

namespace gleaner::html {

namespace {

// Fetch §2.2 "HTTP whitespace": TAB, LF, CR, SPACE (no FF, unlike ASCII whitespace).
constexpr bool is_http_whitespace(char c) {
  return c == '\t' || c == '\n' || c == '\r' || c == ' ';
}

constexpr bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Fetch, "collect an HTTP quoted string" with extract-value set; `pos` is at
// the opening quote and ends just past the closing one (or at the end).
std::string collect_http_quoted_string(std::string_view text, std::size_t& pos) {
  std::string value;
  ++pos;
  while (pos < text.size()) {
    char c = text[pos++];
    if (c == '"') break;
    if (c == '\\') {
      if (pos == text.size()) {
        value += '\\';
        break;
      }
      c = text[pos++];
    }
    value += c;
  }
  return value;
}

// HTML §13.2.3.2: the prescan walks the bytes with one position pointer. Any
// step that would read past the end of `bytes` ends the prescan with no result.
class MetaPrescan {
 public:
  explicit MetaPrescan(std::string_view bytes) : bytes_(bytes) {}

  std::optional<Encoding> run() {
    while (pos_ < bytes_.size() && !out_of_bytes_) {
      if (starts_with("<!--")) {
        skip_comment();
      } else if (starts_with_meta()) {
        pos_ += 6;  // "<meta" and the space or slash after it
        if (auto found = read_meta()) return found;
        ++pos_;
      } else if (starts_tag()) {
        skip_tag();
      } else if (starts_with("<!") || starts_with("</") || starts_with("<?")) {
        skip_to_after('>');
      } else {
        ++pos_;
      }
    }
    return std::nullopt;
  }

 private:
  struct Attribute {
    std::string name;
    std::string value;
  };

  bool starts_with(std::string_view prefix) const {
    return bytes_.substr(pos_).starts_with(prefix);
  }

  bool starts_with_meta() const {
    if (bytes_.size() - pos_ < 6) return false;
    if (!ascii_iequals(bytes_.substr(pos_, 5), "<meta")) return false;
    char after = bytes_[pos_ + 5];
    return is_ascii_whitespace(after) || after == '/';
  }

  // "<" or "</" followed by an ASCII letter.
  bool starts_tag() const {
    std::size_t letter = pos_ + (starts_with("</") ? 2 : 1);
    return bytes_[pos_] == '<' && letter < bytes_.size() && is_ascii_alpha(bytes_[letter]);
  }

  // The "-->" may reuse the comment opener's hyphens: "<!-->" is a whole comment.
  void skip_comment() {
    std::size_t end = bytes_.find("-->", pos_ + 2);
    if (end == std::string_view::npos) {
      out_of_bytes_ = true;
      return;
    }
    pos_ = end + 3;
  }

  void skip_to_after(char c) {
    std::size_t end = bytes_.find(c, pos_ + 1);
    if (end == std::string_view::npos) {
      out_of_bytes_ = true;
      return;
    }
    pos_ = end + 1;
  }

  void skip_tag() {
    while (pos_ < bytes_.size() && !is_ascii_whitespace(bytes_[pos_]) && bytes_[pos_] != '>') {
      ++pos_;
    }
    while (next_attribute()) {
    }
    if (pos_ >= bytes_.size()) out_of_bytes_ = true;
    ++pos_;
  }

  // The attributes of one <meta>, from just after "<meta ". Returns the
  // encoding the prescan settles on, or nullopt to carry on after this tag.
  std::optional<Encoding> read_meta() {
    std::vector<std::string> seen;
    bool got_pragma = false;
    std::optional<bool> need_pragma;
    bool charset_seen = false;
    std::optional<Encoding> charset;
    while (auto attribute = next_attribute()) {
      if (std::find(seen.begin(), seen.end(), attribute->name) != seen.end()) continue;
      seen.push_back(attribute->name);
      if (attribute->name == "http-equiv") {
        if (attribute->value == "content-type") got_pragma = true;
      } else if (attribute->name == "content") {
        if (!charset_seen) {
          if (auto found = encoding_from_meta_content(attribute->value)) {
            charset_seen = true;
            charset = found;
            need_pragma = true;
          }
        }
      } else if (attribute->name == "charset") {
        charset_seen = true;
        charset = encoding_for_label(attribute->value);
        need_pragma = false;
      }
    }
    if (out_of_bytes_ || !need_pragma || (*need_pragma && !got_pragma) || !charset) {
      return std::nullopt;
    }
    if (*charset == Encoding::utf16be || *charset == Encoding::utf16le) return Encoding::utf8;
    if (*charset == Encoding::x_user_defined) return Encoding::windows_1252;
    return charset;
  }

  bool at_end() {
    if (pos_ < bytes_.size()) return false;
    out_of_bytes_ = true;
    return true;
  }

  // HTML §13.2.3.2 "get an attribute". nullopt when the tag has no more
  // attributes (position left on its '>'), or when the bytes run out.
  std::optional<Attribute> next_attribute() {
    while (!at_end() && (is_ascii_whitespace(bytes_[pos_]) || bytes_[pos_] == '/')) ++pos_;
    if (out_of_bytes_ || bytes_[pos_] == '>') return std::nullopt;
    Attribute attribute;
    for (;;) {
      if (at_end()) return std::nullopt;
      char c = bytes_[pos_];
      if (c == '=' && !attribute.name.empty()) {
        ++pos_;
        return read_value(std::move(attribute));
      }
      if (is_ascii_whitespace(c)) break;
      if (c == '/' || c == '>') return attribute;
      attribute.name += ascii_lower(c);
      ++pos_;
    }
    while (!at_end() && is_ascii_whitespace(bytes_[pos_])) ++pos_;
    if (out_of_bytes_) return std::nullopt;
    if (bytes_[pos_] != '=') return attribute;
    ++pos_;
    return read_value(std::move(attribute));
  }

  std::optional<Attribute> read_value(Attribute attribute) {
    while (!at_end() && is_ascii_whitespace(bytes_[pos_])) ++pos_;
    if (out_of_bytes_) return std::nullopt;
    char c = bytes_[pos_];
    if (c == '"' || c == '\'') {
      const char quote = c;
      for (;;) {
        ++pos_;
        if (at_end()) return std::nullopt;
        if (bytes_[pos_] == quote) {
          ++pos_;
          return attribute;
        }
        attribute.value += ascii_lower(bytes_[pos_]);
      }
    }
    if (c == '>') return attribute;
    for (;;) {
      attribute.value += ascii_lower(bytes_[pos_]);
      ++pos_;
      if (at_end()) return std::nullopt;
      if (is_ascii_whitespace(bytes_[pos_]) || bytes_[pos_] == '>') return attribute;
    }
  }

  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool out_of_bytes_ = false;
};

}  // namespace

std::optional<ByteOrderMark> sniff_bom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return ByteOrderMark{Encoding::utf8, 3};
  if (bytes.starts_with("\xFE\xFF")) return ByteOrderMark{Encoding::utf16be, 2};
  if (bytes.starts_with("\xFF\xFE")) return ByteOrderMark{Encoding::utf16le, 2};
  return std::nullopt;
}

// MIME Sniffing §4.4, the parameter loop (steps 11 and on). The type and
// subtype are not validated: only the charset matters here.
std::optional<std::string> charset_parameter(std::string_view content_type) {
  std::size_t pos = content_type.find(';');
  while (pos < content_type.size()) {
    ++pos;  // the ';'
    while (pos < content_type.size() && is_http_whitespace(content_type[pos])) ++pos;
    std::size_t name_end = content_type.find_first_of(";=", pos);
    if (name_end == std::string_view::npos) break;
    const bool is_charset = ascii_iequals(content_type.substr(pos, name_end - pos), "charset");
    pos = name_end;
    if (content_type[pos] == ';') continue;
    ++pos;  // the '='
    if (pos >= content_type.size()) break;
    std::string value;
    const bool quoted = content_type[pos] == '"';
    if (quoted) {
      value = collect_http_quoted_string(content_type, pos);
      pos = std::min(content_type.find(';', pos), content_type.size());
    } else {
      std::size_t end = std::min(content_type.find(';', pos), content_type.size());
      std::size_t last = end;
      while (last > pos && is_http_whitespace(content_type[last - 1])) --last;
      value = content_type.substr(pos, last - pos);
      pos = end;
    }
    // An empty unquoted value is skipped, so a later charset= may still count.
    if (is_charset && (quoted || !value.empty())) return value;
  }
  return std::nullopt;
}

std::optional<Encoding> encoding_from_meta_content(std::string_view content) {
  std::size_t pos = 0;
  for (;;) {
    std::size_t found = std::string_view::npos;
    for (std::size_t i = pos; i + 7 <= content.size(); ++i) {
      if (ascii_iequals(content.substr(i, 7), "charset")) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return std::nullopt;
    pos = found + 7;
    while (pos < content.size() && is_ascii_whitespace(content[pos])) ++pos;
    if (pos < content.size() && content[pos] == '=') break;
  }
  ++pos;  // the '='
  while (pos < content.size() && is_ascii_whitespace(content[pos])) ++pos;
  if (pos >= content.size()) return std::nullopt;
  const char first = content[pos];
  if (first == '"' || first == '\'') {
    std::size_t close = content.find(first, pos + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return encoding_for_label(content.substr(pos + 1, close - pos - 1));
  }
  std::size_t end = pos;
  while (end < content.size() && !is_ascii_whitespace(content[end]) && content[end] != ';') ++end;
  return encoding_for_label(content.substr(pos, end - pos));
}

std::optional<Encoding> prescan_meta_charset(std::string_view head) {
  return MetaPrescan(head.substr(0, meta_prescan_limit)).run();
}

}  // namespace gleaner::html
