// CSS tokenizer for selectors (CSS Syntax Level 3 §4.3, the subset selectors
// need). Escapes (§4.3.7) are not decoded yet: a backslash is a delim token.
#include "html/selector_tokenizer.hpp"

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

  // CSS Syntax §4.3.9 "check if three code points would start an ident sequence".
  bool starts_identifier(std::size_t i) const {
    if (at_end(i)) return false;
    if (text_[i] == '-') return !at_end(i + 1) && (is_ident_start(text_[i + 1]) || text_[i + 1] == '-');
    return is_ident_start(text_[i]);
  }

  std::size_t skip_name(std::size_t i) const {
    while (!at_end(i) && is_ident_char(text_[i])) ++i;
    return i;
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
    if (c == '#' && !at_end(begin + 1) && is_ident_char(text_[begin + 1])) {
      std::size_t end = skip_name(begin + 1);
      Token token = make(TokenKind::hash, begin, end);
      token.value = std::string(text_.substr(begin + 1, end - begin - 1));
      token.hash_is_identifier = starts_identifier(begin + 1);
      return token;
    }
    if (starts_identifier(begin)) {
      std::size_t end = skip_name(begin);
      bool is_function = at(end) == '(';
      Token token = make(is_function ? TokenKind::function : TokenKind::ident, begin,
                         is_function ? end + 1 : end);
      token.value = std::string(text_.substr(begin, end - begin));
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

  // CSS Syntax §4.3.5 "consume a string token". A newline or the end of input
  // before the closing quote leaves string_closed false; the parser rejects it.
  Token string(std::size_t begin) {
    char quote = text_[begin];
    std::size_t i = begin + 1;
    while (!at_end(i) && text_[i] != quote && text_[i] != '\n' && text_[i] != '\r' &&
           text_[i] != '\f') {
      ++i;
    }
    bool closed = !at_end(i) && text_[i] == quote;
    Token token = make(TokenKind::string, begin, closed ? i + 1 : i);
    token.value = std::string(text_.substr(begin + 1, i - begin - 1));
    token.string_closed = closed;
    return token;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize_selector(std::string_view text) { return Tokenizer(text).run(); }

}  // namespace gleaner::html
