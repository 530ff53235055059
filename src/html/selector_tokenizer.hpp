// Splits selector text into CSS tokens with their positions, for the selector
// parser. A subset of CSS Syntax Level 3 §4 "Tokenization" that grows with the
// selector grammar.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::html {

enum class TokenKind {
  ident,          // div, data-x, -foo
  function,       // attr(  (an identifier directly followed by '(')
  hash,           // #main
  string,         // "x" or 'x'
  whitespace,     // any run of whitespace and comments
  colon,          // :
  comma,          // ,
  left_bracket,   // [
  right_bracket,  // ]
  left_paren,     // (
  right_paren,    // )
  delim,          // any other single character: > . * + ~ = ...
  end,            // end of input
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::size_t begin = 0;  // byte offsets into the selector text
  std::size_t end = 0;
  std::string value;  // ident/function name, hash name, string contents (escapes decoded); delim: the char
  bool hash_is_identifier = false;  // CSS Syntax §4.3.1: hash "type flag" is "id"
  bool string_closed = true;        // false: input or line ended inside the string
};

// Never fails: anything unexpected becomes a delim token for the parser to
// reject with a position. The last token is always `end`.
std::vector<Token> tokenize_selector(std::string_view text);

}  // namespace gleaner::html
