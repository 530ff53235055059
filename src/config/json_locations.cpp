#include "config/json_locations.hpp"

#include <algorithm>
#include <unordered_set>

#include "config/json_value.hpp"

namespace gleaner::config {
namespace {

constexpr std::string_view utf8_byte_order_mark = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// What may follow a number or a literal (true, false, null) in valid input.
bool ends_scalar(char c) { return is_space(c) || c == ',' || c == ']' || c == '}' || c == '/'; }

// A light scanner over text the JSON parser has already accepted: it trusts
// the grammar and stops quietly at anything unexpected. It descends only into
// containers on the way to a wanted value (so recursion is as deep as the
// deepest wanted pointer) and steps over everything else with a counter.
class Locator {
 public:
  Locator(std::string_view text, const std::vector<JsonPointer>& wanted) : text_(text) {
    for (const JsonPointer& where : wanted) {
      const std::string& pointer = where.str();
      wanted_.insert(pointer);
      // "/items/0/name" lies inside "", "/items" and "/items/0".
      for (std::size_t slash = pointer.find('/'); slash != std::string::npos; slash = pointer.find('/', slash + 1)) {
        on_the_way_.insert(pointer.substr(0, slash));
      }
    }
  }

  std::unordered_map<std::string, TextPosition> run() {
    // The parser skips a byte order mark; an editor does not show one.
    if (text_.substr(0, utf8_byte_order_mark.size()) == utf8_byte_order_mark) {
      pos_ = cursor_offset_ = utf8_byte_order_mark.size();
    }
    skip_space_and_comments();
    if (pos_ < text_.size()) visit(JsonPointer());
    return std::move(positions_);
  }

 private:
  // pos_ is at the first character of the value `where` names.
  void visit(const JsonPointer& where) {
    if (wanted_.count(where.str()) != 0) positions_.insert_or_assign(where.str(), position_of(pos_));
    const char c = text_[pos_];
    if ((c == '{' || c == '[') && on_the_way_.count(where.str()) != 0) {
      visit_members(where, c == '[');
    } else {
      skip_value();
    }
  }

  void visit_members(const JsonPointer& where, bool is_array) {
    const char close = is_array ? ']' : '}';
    ++pos_;
    skip_space_and_comments();
    if (peek() == close) {
      ++pos_;
      return;
    }
    for (std::size_t index = 0;; ++index) {
      JsonPointer member = where;
      if (is_array) {
        member = where.child(index);
      } else if (auto key = read_key()) {
        member = where.child(*key);
      } else {
        return stop();
      }
      skip_space_and_comments();
      if (pos_ >= text_.size()) return stop();
      visit(member);
      skip_space_and_comments();
      if (peek() == ',') {
        ++pos_;
        skip_space_and_comments();
      } else if (peek() == close) {
        ++pos_;
        return;
      } else {
        return stop();
      }
    }
  }

  // A member's key and the ':' after it; nullopt if the text is not as expected.
  std::optional<std::string> read_key() {
    if (peek() != '"') return std::nullopt;
    const std::size_t start = pos_;
    skip_string();
    const std::string_view literal = text_.substr(start, pos_ - start);
    std::string key;
    if (literal.find('\\') == std::string_view::npos) {
      key = std::string(literal.substr(1, literal.size() >= 2 ? literal.size() - 2 : 0));
    } else {
      // Escapes (\u00e9, \/, surrogate pairs) decode exactly as the parser decoded the key.
      const Json decoded = Json::parse(literal, nullptr, /*allow_exceptions=*/false);
      if (!decoded.is_string()) return std::nullopt;
      key = decoded.get<std::string>();
    }
    skip_space_and_comments();
    if (peek() != ':') return std::nullopt;
    ++pos_;
    return key;
  }

  // Steps over the value at pos_, nested containers and all, without recursion.
  void skip_value() {
    std::size_t depth = 0;
    do {
      const char c = peek();
      if (c == '"') {
        skip_string();
      } else if (c == '{' || c == '[') {
        ++depth;
        ++pos_;
      } else if (c == '}' || c == ']') {
        if (depth > 0) --depth;
        ++pos_;
      } else if (c == ',' || c == ':') {
        ++pos_;
      } else {
        do ++pos_; while (pos_ < text_.size() && !ends_scalar(text_[pos_]));
      }
      if (depth > 0) skip_space_and_comments();
    } while (depth > 0 && pos_ < text_.size());
  }

  // From the opening quote to just past the closing one.
  void skip_string() {
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    pos_ = std::min(pos_ + 1, text_.size());
  }

  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      if (is_space(text_[pos_])) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        const auto end = text_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? text_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  // Unexpected text: give up on the rest, keeping what was found.
  void stop() { pos_ = text_.size(); }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  // Values are visited in text order, so the cursor only moves forward: one
  // pass over the text for all of them. Counts as position_at() does.
  TextPosition position_of(std::size_t offset) {
    for (; cursor_offset_ < offset; ++cursor_offset_) {
      const auto byte = static_cast<unsigned char>(text_[cursor_offset_]);
      if (byte == '\n') {
        ++cursor_.line;
        cursor_.column = 1;
      } else if ((byte & 0xC0) != 0x80) {
        ++cursor_.column;
      }
    }
    return cursor_;
  }

  std::string_view text_;
  std::unordered_set<std::string> wanted_;
  std::unordered_set<std::string> on_the_way_;  // containers holding a wanted value
  std::size_t pos_ = 0;
  std::unordered_map<std::string, TextPosition> positions_;
  std::size_t cursor_offset_ = 0;
  TextPosition cursor_;
};

}  // namespace

JsonLocations::JsonLocations(std::string_view text, const std::vector<JsonPointer>& wanted)
    : positions_(Locator(text, wanted).run()) {}

std::optional<TextPosition> JsonLocations::find(const JsonPointer& where) const {
  const auto found = positions_.find(where.str());
  if (found == positions_.end()) return std::nullopt;
  return found->second;
}

}  // namespace gleaner::config
