// Recursive-descent parser for selector text, one function per production of
// Selectors Level 4 §18 "Grammar". First cut: type, universal, id, class and
// [attr] / [attr=value] selectors, the descendant and child combinators,
// selector lists, and the ::text / ::attr(name) pseudo-elements (parsel's).
#include "html/selector_parser.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "html/ascii.hpp"
#include "html/selector_tokenizer.hpp"

namespace gleaner::html {

namespace {

// Nested selector lists (:is, :not, :has) will recurse through
// parse_selector_list(); this bounds the recursion on hostile input.
constexpr int max_nesting_depth = 32;

// How long a piece of the input may be when quoted back in a message.
constexpr std::size_t max_quoted_bytes = 40;

constexpr std::string_view supported_pseudo_elements = "(supported: ::text, ::attr(name))";

// What an empty compound selector was supposed to be, for the message.
enum class Expecting {
  selector,              // at the start of the input
  selector_after_comma,  // after ',' in a list
  simple_after_child,    // after the '>' combinator
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(tokenize_selector(text)) {}

  Result<SelectorList> run() {
    SelectorList list;
    list.text = std::string(text_);
    if (!parse_selector_list(list)) return std::move(*error_);
    return list;
  }

 private:
  // <selector-list> = <complex-selector-list> = <complex-selector>#
  bool parse_selector_list(SelectorList& list) {
    if (++depth_ > max_nesting_depth) {
      return fail(peek(), "selectors nest more than " + std::to_string(max_nesting_depth) +
                              " levels deep");
    }
    skip_whitespace();
    Expecting expecting = Expecting::selector;
    for (;;) {
      ComplexSelector complex;
      if (!parse_complex_selector(complex, expecting)) return false;
      list.selectors.push_back(std::move(complex));
      // parse_complex_selector() stops only at ',' or the end of input.
      if (peek().kind == TokenKind::end) break;
      advance();  // ','
      skip_whitespace();
      expecting = Expecting::selector_after_comma;
    }
    --depth_;
    return true;
  }

  // <complex-selector> = <compound-selector> [ <combinator>? <compound-selector> ]*
  // Whitespace between two compounds is the descendant combinator
  // (Selectors Level 4 §16.1); around '>' it is just whitespace (§16.2).
  bool parse_complex_selector(ComplexSelector& complex, Expecting expecting) {
    for (;;) {
      CompoundSelector compound;
      if (!parse_compound_selector(complex, compound, expecting)) return false;
      complex.compounds.push_back(std::move(compound));

      bool spaced = skip_whitespace();
      const Token& token = peek();
      bool at_list_end = token.kind == TokenKind::end || token.kind == TokenKind::comma;
      if (complex.pseudo_element.kind != PseudoElementKind::none && !at_list_end) {
        // Selectors Level 4 §3.6.3: a pseudo-element is the last thing in a
        // complex selector; what follows would select inside it.
        return fail(token, "pseudo-element '" + pseudo_element_text(complex.pseudo_element) +
                               "' must come last in a selector, found " + describe(token));
      }
      if (at_list_end) return true;

      if (is_delim(token, '>')) {
        advance();
        skip_whitespace();
        complex.combinators.push_back(Combinator::child);
        expecting = Expecting::simple_after_child;
      } else if (is_delim(token, '+') || is_delim(token, '~')) {
        return fail(token, "unsupported combinator '" + token.value + "'");
      } else if (spaced && starts_compound(token)) {
        complex.combinators.push_back(Combinator::descendant);
      } else {
        return fail(token, "expected a combinator, ',' or end of input, found " + describe(token));
      }
    }
  }

  // <compound-selector> = [ <type-selector>? <subclass-selector>*
  //                         [ <pseudo-element-selector> ]? ]!
  // The pseudo-element is stored on `complex`, which it ends.
  bool parse_compound_selector(ComplexSelector& complex, CompoundSelector& compound,
                               Expecting expecting) {
    const std::size_t first = next_;
    const Token& start = peek();
    if (start.kind == TokenKind::ident) {
      // Selectors Level 4 §5.1: type selectors match HTML elements ASCII
      // case-insensitively, so they are stored lower case.
      compound.tag = ascii_lower(start.value);
      advance();
    } else if (is_delim(start, '*')) {
      advance();  // §5.2: the universal selector adds no condition
    }
    for (;;) {
      const Token& token = peek();
      bool ok = true;
      if (token.kind == TokenKind::hash || is_delim(token, '#')) {
        ok = parse_id_selector(compound);
      } else if (is_delim(token, '.')) {
        ok = parse_class_selector(compound);
      } else if (token.kind == TokenKind::left_bracket) {
        ok = parse_attribute_selector(compound);
      } else if (token.kind == TokenKind::colon && peek(1).kind == TokenKind::colon) {
        return parse_pseudo_element(complex.pseudo_element);
      } else if (token.kind == TokenKind::colon) {
        ok = parse_pseudo_class();
      } else if (token.kind == TokenKind::ident || is_delim(token, '*')) {
        ok = fail(token, "a type selector must come first in a compound selector, found " +
                             describe(token));
      } else {
        break;
      }
      if (!ok) return false;
    }
    if (next_ == first) return fail_expecting(expecting);
    return true;
  }

  // <id-selector> = <hash-token>, whose value is an identifier (§6.7).
  bool parse_id_selector(CompoundSelector& compound) {
    const Token& token = advance();
    if (token.kind != TokenKind::hash) {
      return fail(peek(), "expected an id after '#', found " + describe(peek()));
    }
    if (!token.hash_is_identifier) {
      return fail_at(token.begin + 1,
                     "expected an id after '#', found '" + quote(token.begin + 1, token.end) + "'");
    }
    compound.ids.push_back(token.value);
    return true;
  }

  // <class-selector> = '.' <ident-token>   (§6.6; class names are case-sensitive)
  bool parse_class_selector(CompoundSelector& compound) {
    advance();  // '.'
    const Token& name = peek();
    if (name.kind != TokenKind::ident) {
      return fail(name, "expected a class name after '.', found " + describe(name));
    }
    compound.classes.push_back(name.value);
    advance();
    return true;
  }

  // <attribute-selector> = '[' <wq-name> ']'
  //                      | '[' <wq-name> <attr-matcher> [ <string-token> | <ident-token> ] ']'
  // Whitespace is allowed around each part (§6.1). Attribute names are
  // ASCII case-insensitive in HTML, so they are stored lower case.
  bool parse_attribute_selector(CompoundSelector& compound) {
    advance();  // '['
    skip_whitespace();
    const Token& name = peek();
    if (name.kind != TokenKind::ident) {
      return fail(name, "expected an attribute name, found " + describe(name));
    }
    AttributeSelector attribute;
    attribute.name = ascii_lower(name.value);
    advance();
    skip_whitespace();

    const Token& matcher = peek();
    if (is_delim(matcher, '=')) {
      advance();
      skip_whitespace();
      if (!parse_attribute_value(attribute.value)) return false;
      attribute.match = AttributeMatch::equals;
      skip_whitespace();
    } else if (is_operator_prefix(matcher) && is_delim(peek(1), '=')) {
      return fail(matcher, "unsupported attribute operator '" + matcher.value + "='");
    }
    const Token& close = peek();
    if (close.kind != TokenKind::right_bracket) {
      return fail(close, "expected ']', found " + describe(close));
    }
    advance();
    compound.attributes.push_back(std::move(attribute));
    return true;
  }

  bool parse_attribute_value(std::string& value) {
    const Token& token = peek();
    if (token.kind == TokenKind::string) {
      if (!token.string_closed) {
        std::string found = token.end < text_.size() ? "a newline" : "end of input";
        return fail_at(token.end, "expected a closing quote, found " + found);
      }
      value = token.value;
    } else if (token.kind == TokenKind::ident) {
      value = token.value;
    } else {
      return fail(token, "expected an attribute value (an identifier or a quoted string), found " +
                             describe(token));
    }
    advance();
    return true;
  }

  // <pseudo-class-selector> = ':' <ident-token> | ':' <function-token> <any-value> ')'
  // None is supported yet; the message names the one that was asked for.
  bool parse_pseudo_class() {
    const Token& colon = advance();
    const Token& name = peek();
    if (name.kind == TokenKind::ident) {
      std::string hint;
      std::string lowered = ascii_lower(name.value);
      if (lowered == "text" || lowered == "attr") hint = " (did you mean '::" + lowered + "'?)";
      return fail(colon, "unsupported pseudo-class ':" + name.value + "'" + hint);
    }
    if (name.kind == TokenKind::function) {
      return fail(colon, "unsupported pseudo-class ':" + name.value + "()'");
    }
    return fail(name, "expected a pseudo-class name after ':', found " + describe(name));
  }

  // <pseudo-element-selector> = ':' <pseudo-class-selector>. Only parsel's
  // ::text and ::attr(name), which pick what to extract from the element.
  bool parse_pseudo_element(PseudoElement& pseudo) {
    const Token& colon = advance();
    advance();  // the second ':'
    const Token& name = peek();
    std::string lowered = ascii_lower(name.value);  // pseudo names are ASCII case-insensitive
    if (name.kind == TokenKind::ident && lowered == "text") {
      advance();
      pseudo.kind = PseudoElementKind::text;
      return true;
    }
    if (name.kind == TokenKind::ident && lowered == "attr") {
      advance();
      return fail(peek(), "expected '(' after '::attr', found " + describe(peek()));
    }
    if (name.kind == TokenKind::function && lowered == "attr") {
      advance();
      return parse_attr_argument(pseudo);
    }
    if (name.kind == TokenKind::ident) {
      return fail(colon, "unsupported pseudo-element '::" + name.value + "' " +
                             std::string(supported_pseudo_elements));
    }
    if (name.kind == TokenKind::function) {
      return fail(colon, "unsupported pseudo-element '::" + name.value + "()' " +
                             std::string(supported_pseudo_elements));
    }
    return fail(name, "expected a pseudo-element name after '::', found " + describe(name));
  }

  // The argument of ::attr( <ident-token> ), whitespace allowed around it.
  bool parse_attr_argument(PseudoElement& pseudo) {
    skip_whitespace();
    const Token& name = peek();
    if (name.kind != TokenKind::ident) {
      return fail(name, "expected an attribute name in '::attr()', found " + describe(name));
    }
    pseudo.attribute = ascii_lower(name.value);
    advance();
    skip_whitespace();
    const Token& close = peek();
    if (close.kind != TokenKind::right_paren) {
      return fail(close, "expected ')', found " + describe(close));
    }
    advance();
    pseudo.kind = PseudoElementKind::attr;
    return true;
  }

  // The token `ahead` places on; the final `end` token repeats forever.
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(next_ + ahead, tokens_.size() - 1)];
  }

  const Token& advance() {
    const Token& token = peek();
    if (next_ < tokens_.size() - 1) ++next_;
    return token;
  }

  // Returns whether any whitespace was skipped.
  bool skip_whitespace() {
    if (peek().kind != TokenKind::whitespace) return false;
    advance();
    return true;
  }

  static bool is_delim(const Token& token, char c) {
    return token.kind == TokenKind::delim && token.value[0] == c;
  }

  static bool is_operator_prefix(const Token& token) {
    return token.kind == TokenKind::delim && token.value.size() == 1 &&
           std::string_view("~|^$*").find(token.value[0]) != std::string_view::npos;
  }

  static bool starts_compound(const Token& token) {
    switch (token.kind) {
      case TokenKind::ident:
      case TokenKind::hash:
      case TokenKind::left_bracket:
      case TokenKind::colon:
        return true;
      case TokenKind::delim:
        return is_delim(token, '*') || is_delim(token, '.') || is_delim(token, '#');
      default:
        return false;
    }
  }

  static std::string pseudo_element_text(const PseudoElement& pseudo) {
    if (pseudo.kind == PseudoElementKind::attr) return "::attr(" + pseudo.attribute + ")";
    return "::text";
  }

  // The input between two byte offsets, shortened for a message without
  // splitting a UTF-8 sequence.
  std::string quote(std::size_t begin, std::size_t end) const {
    std::size_t length = end - begin;
    if (length <= max_quoted_bytes) return std::string(text_.substr(begin, length));
    length = max_quoted_bytes;
    while (length > 0 && (static_cast<unsigned char>(text_[begin + length]) & 0xC0) == 0x80) --length;
    return std::string(text_.substr(begin, length)) + "...";
  }

  std::string describe(const Token& token) const {
    if (token.kind == TokenKind::end) return "end of input";
    if (token.kind == TokenKind::whitespace) return "whitespace";
    return "'" + quote(token.begin, token.end) + "'";
  }

  bool fail_expecting(Expecting expecting) {
    const Token& token = peek();
    std::string found = token.kind == TokenKind::end ? ", found end of input" : "";
    switch (expecting) {
      case Expecting::selector:
        return fail(token, "expected a selector, found " + describe(token));
      case Expecting::selector_after_comma:
        return fail(token, "expected a selector after ','" + found);
      case Expecting::simple_after_child:
        return fail(token, "expected a simple selector after '>'" + found);
    }
    return false;
  }

  bool fail(const Token& token, std::string detail) { return fail_at(token.begin, std::move(detail)); }

  // Positions in messages count characters, not bytes: that is what a user
  // counts in the selector they wrote.
  bool fail_at(std::size_t byte_offset, std::string detail) {
    if (error_) return false;
    auto characters = std::count_if(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(byte_offset),
                                    [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    error_ = Error{ErrorKind::parse, "invalid selector \"" + std::string(text_) + "\" at " +
                                         std::to_string(characters) + ": " + std::move(detail)};
    return false;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  int depth_ = 0;
  std::optional<Error> error_;
};

}  // namespace

Result<SelectorList> parse_selector(std::string_view text) { return Parser(text).run(); }

}  // namespace gleaner::html
