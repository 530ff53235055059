// CSS tokenizer for selectors (CSS Syntax Level 3 §4.3, the subset selectors
// need), escapes (§4.3.7) included. Numbers are left to the parser: the only
// place selectors need them is An+B, which it reads from the text itself.
#include "html/selector_tokenizer.hpp"

#include <cstdint>

#include "core/utf8.hpp"
#include "html/ascii.hpp"

namespace gleaner::html {

namespace {

// CSS Syntax §4.2 "ident-start code point": letters, '_' and non-ASCII. Bytes
// of a UTF-8 sequence are all >= 0x80, so a multi-byte character passes whole.
bool is_ident_start(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80;
}

// CSS Syntax §4.2 "ident code point".
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return ascii_lower(c) - 'a' + 10;
}

// CSS Syntax §3.3 preprocessing turns CR, FF and CRLF into LF; we read the
// text as written, so all three count as newlines.
bool is_newline(char c) { return c == '\n' || c == '\r' || c == '\f'; }

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      Token token = next();
      bool done = token.kind == TokenKind::end;
      tokens.push_back(std::move(token));
      if (done) return tokens;
    }
  }

 private:
  char at(std::size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  bool at_end(std::size_t i) const { return i >= text_.size(); }

  // CSS Syntax §4.3.8 "check if two code points are a valid escape".
  bool is_valid_escape(std::size_t i) const {
    return at(i) == '\\' && !at_end(i + 1) && !is_newline(text_[i + 1]);
  }

  // CSS Syntax §4.3.9 "check if three code points would start an ident sequence".
  bool starts_identifier(std::size_t i) const {
    if (at_end(i)) return false;
    if (text_[i] == '-') {
      return (!at_end(i + 1) && (is_ident_start(text_[i + 1]) || text_[i + 1] == '-')) ||
             is_valid_escape(i + 1);
    }
    return is_ident_start(text_[i]) || is_valid_escape(i);
  }

  // CSS Syntax §4.3.7 "consume an escaped code point"; `i` is just past the
  // backslash of a valid escape. Returns the index after the escape.
  std::size_t consume_escape(std::size_t i, std::string& out) const {
    if (!is_hex_digit(at(i))) {
      // The escaped character stands for itself, all bytes of it.
      std::size_t end = i + 1;
      while (!at_end(end) && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
      out.append(text_.substr(i, end - i));
      return end;
    }
    std::uint32_t code_point = 0;
    std::size_t digits = 0;
    while (digits < 6 && is_hex_digit(at(i))) {
      code_point = code_point * 16 + static_cast<std::uint32_t>(hex_value(text_[i]));
      ++i;
      ++digits;
    }
    if (at(i) == '\r' && at(i + 1) == '\n') {
      i += 2;
    } else if (!at_end(i) && is_ascii_whitespace(text_[i])) {
      ++i;
    }
    if (code_point == 0 || (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
      code_point = 0xFFFD;
    }
    append_utf8(out, code_point);
    return i;
  }

  // CSS Syntax §4.3.12 "consume an ident sequence", decoding escapes.
  std::size_t consume_name(std::size_t i, std::string& out) const {
    for (;;) {
      if (!at_end(i) && is_ident_char(text_[i])) {
        out += text_[i++];
      } else if (is_valid_escape(i)) {
        i = consume_escape(i + 1, out);
      } else {
        return i;
      }
    }
  }

  Token make(TokenKind kind, std::size_t begin, std::size_t end) {
    Token token;
    token.kind = kind;
    token.begin = begin;
    token.end = end;
    pos_ = end;
    return token;
  }

  Token next() {
    pos_ = skip_comments(pos_);
    std::size_t begin = pos_;
    if (at_end(begin)) return make(TokenKind::end, begin, begin);
    char c = text_[begin];
    if (is_ascii_whitespace(c)) return whitespace(begin);
    if (c == '"' || c == '\'') return string(begin);
    if (c == '#' && ((!at_end(begin + 1) && is_ident_char(text_[begin + 1])) || is_valid_escape(begin + 1))) {
      std::string value;
      std::size_t end = consume_name(begin + 1, value);
      Token token = make(TokenKind::hash, begin, end);
      token.value = std::move(value);
      token.hash_is_identifier = starts_identifier(begin + 1);
      return token;
    }
    if (starts_identifier(begin)) {
      std::string value;
      std::size_t end = consume_name(begin, value);
      bool is_function = at(end) == '(';
      Token token = make(is_function ? TokenKind::function : TokenKind::ident, begin,
                         is_function ? end + 1 : end);
      token.value = std::move(value);
      return token;
    }
    switch (c) {
      case ':': return make(TokenKind::colon, begin, begin + 1);
      case ',': return make(TokenKind::comma, begin, begin + 1);
      case '[': return make(TokenKind::left_bracket, begin, begin + 1);
      case ']': return make(TokenKind::right_bracket, begin, begin + 1);
      case '(': return make(TokenKind::left_paren, begin, begin + 1);
      case ')': return make(TokenKind::right_paren, begin, begin + 1);
      default: break;
    }
    Token token = make(TokenKind::delim, begin, begin + 1);
    token.value = std::string(1, c);
    return token;
  }

  // CSS Syntax §4.3.2 "consume comments": they produce no token, so `a/**/b`
  // is two adjacent identifiers (invalid), while `a /**/ b` is whitespace.
  std::size_t skip_comments(std::size_t i) const {
    while (at(i) == '/' && at(i + 1) == '*') {
      std::size_t close = text_.find("*/", i + 2);
      i = close == std::string_view::npos ? text_.size() : close + 2;
    }
    return i;
  }

  // One token for a run of whitespace, including comments inside the run.
  Token whitespace(std::size_t begin) {
    std::size_t i = begin;
    while (!at_end(i) && is_ascii_whitespace(text_[i])) i = skip_comments(i + 1);
    return make(TokenKind::whitespace, begin, i);
  }

  // CSS Syntax §4.3.5 "consume a string token", escapes decoded. A newline or
  // the end of input before the closing quote leaves string_closed false; the
  // parser rejects it.
  Token string(std::size_t begin) {
    char quote = text_[begin];
    std::string value;
    std::size_t i = begin + 1;
    while (!at_end(i) && text_[i] != quote && !is_newline(text_[i])) {
      if (text_[i] != '\\') {
        value += text_[i++];
      } else if (at_end(i + 1)) {
        ++i;  // a backslash at the end of input does nothing
      } else if (is_newline(text_[i + 1])) {
        // An escaped newline continues the string onto the next line.
        i += text_[i + 1] == '\r' && at(i + 2) == '\n' ? 3 : 2;
      } else {
        i = consume_escape(i + 1, value);
      }
    }
    bool closed = !at_end(i) && text_[i] == quote;
    Token token = make(TokenKind::string, begin, closed ? i + 1 : i);
    token.value = std::move(value);
    token.string_closed = closed;
    return token;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize_selector(std::string_view text) { return Tokenizer(text).run(); }

}  // namespace gleaner::html
