#include "config/json_syntax_error.hpp"

#include <algorithm>
#include <cstdio>

namespace gleaner::config {
namespace {

// nlohmann 3.11 words a syntax error as
//   "... syntax error while parsing CONTEXT - unexpected TOKEN; expected TOKEN"
// or, when its lexer rejected the input,
//   "... syntax error while parsing CONTEXT - LEXER MESSAGE; last read: 'TEXT'[; expected TOKEN]"
// where TOKEN is one of lexer::token_type_name(). The context is implied by the
// expected token, so only these pieces are kept.
struct NlohmannSyntaxError {
  bool from_lexer = false;
  std::string_view unexpected;  // a token name, when !from_lexer
  std::string_view lexer_message;
  std::string_view expected;  // a token name, or empty
};

std::string_view after(std::string_view text, std::string_view marker) {
  const auto at = text.find(marker);
  return at == std::string_view::npos ? std::string_view{} : text.substr(at + marker.size());
}

std::string_view before(std::string_view text, std::string_view marker) {
  return text.substr(0, text.find(marker));
}

NlohmannSyntaxError split(std::string_view what) {
  NlohmannSyntaxError error;
  const std::string_view body = after(what, " - ");
  if (body.find("; last read: '") != std::string_view::npos) {
    error.from_lexer = true;
    error.lexer_message = before(body, "; last read: '");
    // The last-read text may hold anything, so look for the suffix from the end.
    const auto at = body.rfind("'; expected ");
    if (at != std::string_view::npos) error.expected = body.substr(at + 12);
  } else {
    const std::string_view token = after(body, "unexpected ");
    error.unexpected = before(token, "; expected ");
    error.expected = after(token, "; expected ");
  }
  return error;
}

std::string expected_phrase(std::string_view token) {
  if (token == "'}'") return "',' or '}' after an object member";
  if (token == "']'") return "',' or ']' after an array element";
  if (token == "string literal") return "an object key in double quotes";
  if (token == "':'") return "':' after an object key";
  if (token == "end of input") return "end of input after the JSON document";
  if (token.empty() || token == "'[', '{', or a literal") return "a JSON value";
  return std::string(token);
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Length of the well-formed UTF-8 character at text[offset], or 0.
std::size_t utf8_length(std::string_view text, std::size_t offset) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  std::size_t length = 0;
  if (lead < 0x80) {
    length = 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
  }
  if (length == 0 || offset + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[offset + i]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// What the reader sees at `offset`: a whole word ('tru', 'books') or one character.
std::string found_at(std::string_view text, std::size_t offset) {
  constexpr std::size_t max_word = 24;
  if (offset >= text.size()) return "end of input";
  const auto byte = static_cast<unsigned char>(text[offset]);
  char hex[16];
  if (byte < 0x20 || byte == 0x7F) {
    std::snprintf(hex, sizeof hex, "U+%04X", byte);
    return "control character " + std::string(hex);
  }
  if (is_word_char(text[offset])) {
    std::size_t end = offset;
    while (end < text.size() && end - offset < max_word && is_word_char(text[end])) ++end;
    return "'" + std::string(text.substr(offset, end - offset)) + "'";
  }
  const std::size_t length = utf8_length(text, offset);
  if (length == 0) {
    std::snprintf(hex, sizeof hex, "0x%02X", byte);
    return "byte " + std::string(hex);
  }
  return "'" + std::string(text.substr(offset, length)) + "'";
}

// Start of the string literal whose closing quote is at text[close]: the
// nearest quote before it not escaped by an odd run of backslashes.
std::size_t string_start(std::string_view text, std::size_t close) {
  for (std::size_t i = close; i-- > 0;) {
    if (text[i] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return close;
}

// nlohmann reports the offset just past the token it did not expect; step back to its start.
std::size_t token_start(std::string_view text, std::size_t end, std::string_view token) {
  if (token == "end of input" || end == 0) return text.size();
  if (token == "true literal" || token == "null literal") return end >= 4 ? end - 4 : 0;
  if (token == "false literal") return end >= 5 ? end - 5 : 0;
  if (token == "string literal") return string_start(text, end - 1);
  if (token == "number literal") {
    std::size_t start = end;
    while (start > 0 && std::string_view("0123456789+-.eE").find(text[start - 1]) !=
                            std::string_view::npos) {
      --start;
    }
    return start;
  }
  return end - 1;  // punctuation
}

SyntaxError explain_lexer_error(std::string_view text, std::size_t last,
                                const NlohmannSyntaxError& error) {
  const std::string_view message = error.lexer_message;
  if (message == "invalid literal") {
    // The lexer stops at the first byte that breaks the literal: back up to its first letter.
    std::size_t start = last;
    while (start > 0 && is_word_char(text[start - 1])) --start;
    std::string message =
        "expected " + expected_phrase(error.expected) + ", found " + found_at(text, start);
    if (start < text.size() && text[start] == '\'') message += " (JSON strings take double quotes)";
    return {start, std::move(message)};
  }
  if (message == "invalid string: missing closing quote") {
    return {string_start(text, text.size()), "unterminated string: missing closing quote"};
  }
  if (message == "invalid string: ill-formed UTF-8 byte") {
    return {last, "invalid UTF-8 in a string, found " + found_at(text, last)};
  }
  if (message == "invalid comment; missing closing '*/'") {
    return {text.size(), "unterminated comment: missing closing '*/'"};
  }
  if (message == "invalid comment; expecting '/' or '*' after '/'") {
    return {last, "expected '/' or '*' after '/' to start a comment, found " + found_at(text, last)};
  }
  if (message.substr(0, 16) == "invalid number; ") {  // "invalid number; expected digit after '-'"
    return {last, "invalid number: " + std::string(message.substr(16)) + ", found " +
                      found_at(text, last)};
  }
  // Escapes, control characters and byte order marks: nlohmann's words are clear enough.
  return {last, std::string(message)};
}

}  // namespace

SyntaxError explain_syntax_error(std::string_view text, std::size_t byte, std::string_view what) {
  // byte counts the characters read, the offending one included (1-based).
  const std::size_t end = std::min(byte, text.size());
  const NlohmannSyntaxError error = split(what);
  if (error.from_lexer) {
    const std::size_t last = std::min(byte == 0 ? 0 : byte - 1, text.size());
    return explain_lexer_error(text, last, error);
  }
  if (error.unexpected.empty()) {  // a wording this code does not know: pass it on
    return {end, std::string(after(what, "syntax error "))};
  }
  const std::size_t start = std::min(token_start(text, end, error.unexpected), text.size());
  return {start, "expected " + expected_phrase(error.expected) + ", found " + found_at(text, start)};
}

SyntaxError explain_number_overflow(std::string_view text, std::string_view what) {
  std::string_view number = after(what, "number overflow parsing '");
  number = before(number, "'");
  const auto at = number.empty() ? std::string_view::npos : text.find(number);
  return {at == std::string_view::npos ? 0 : at,
          "number " + std::string(number) + " is out of range"};
}

}  // namespace gleaner::config
