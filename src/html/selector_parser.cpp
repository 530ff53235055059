// Recursive-descent parser for selector text, one function per production of
// Selectors Level 4 §18 "Grammar": Selectors Level 3 plus :is(), :where(),
// :not(list), :has(relative list), nth-child's `of S`, the attribute flags,
// and the extraction pseudo-elements ::text, ::attr(name) and ::all-text.
#include "html/selector_parser.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "html/ascii.hpp"
#include "html/selector_tokenizer.hpp"

namespace gleaner::html {

namespace {

// :is(), :not(), :has() and nth-child's `of S` recurse through
// parse_selector_list(); this bounds the recursion on hostile input.
constexpr int max_nesting_depth = 32;

// How long a piece of the input may be when quoted back in a message.
constexpr std::size_t max_quoted_bytes = 40;

// Browsers clamp An+B to 32-bit integers; so do we, which keeps a*n+b exact.
constexpr std::int64_t max_nth_number = 2'147'483'647;

constexpr std::string_view supported_pseudo_elements =
    "(supported: ::text, ::attr(name), ::all-text)";

// HTML §4.16.2 "Case-sensitivity of selectors": attributes whose values are
// compared ASCII case-insensitively on HTML elements unless `s` is given.
constexpr std::array<std::string_view, 46> html_case_insensitive_attributes = {
    "accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked",
    "clear", "codetype", "color", "compact", "declare", "defer", "dir", "direction",
    "disabled", "enctype", "face", "frame", "hreflang", "http-equiv", "lang", "language",
    "link", "media", "method", "multiple", "nohref", "noresize", "noshade", "nowrap",
    "readonly", "rel", "rev", "rules", "scope", "scrolling", "selected", "shape",
    "target", "text", "type", "valign", "valuetype", "vlink"};

// A pseudo-class name and what it compiles to.
struct PseudoClassName {
  std::string_view name;
  PseudoClassKind kind;
};

// Pseudo-classes written without arguments.
constexpr std::array<PseudoClassName, 14> simple_pseudo_classes = {{
    {"root", PseudoClassKind::root},
    {"empty", PseudoClassKind::empty},
    {"first-child", PseudoClassKind::first_child},
    {"last-child", PseudoClassKind::last_child},
    {"only-child", PseudoClassKind::only_child},
    {"first-of-type", PseudoClassKind::first_of_type},
    {"last-of-type", PseudoClassKind::last_of_type},
    {"only-of-type", PseudoClassKind::only_of_type},
    {"link", PseudoClassKind::any_link},
    {"any-link", PseudoClassKind::any_link},
    {"checked", PseudoClassKind::checked},
    {"disabled", PseudoClassKind::disabled},
    {"enabled", PseudoClassKind::enabled},
    {"scope", PseudoClassKind::root},  // Selectors Level 4 §13.3: :root outside a scoped query
}};

// Pseudo-classes written as functions, with arguments.
constexpr std::array<PseudoClassName, 10> functional_pseudo_classes = {{
    {"nth-child", PseudoClassKind::nth_child},
    {"nth-last-child", PseudoClassKind::nth_last_child},
    {"nth-of-type", PseudoClassKind::nth_of_type},
    {"nth-last-of-type", PseudoClassKind::nth_last_of_type},
    {"is", PseudoClassKind::is},
    {"where", PseudoClassKind::where},
    {"not", PseudoClassKind::not_},
    {"has", PseudoClassKind::has},
    {"contains", PseudoClassKind::contains},
    {"-soup-contains", PseudoClassKind::contains},  // soupsieve's spelling
}};

// Pseudo-classes that depend on a live browser; named in the error so that a
// user knows why, not just that.
constexpr std::array<std::string_view, 12> interactive_pseudo_classes = {
    "hover", "active", "focus", "focus-visible", "focus-within", "visited",
    "target", "target-within", "current", "past", "future", "playing"};

// Where a selector list sits, which decides how it ends and what it may hold.
enum class ListKind {
  top,       // the whole input: ends at end of input; may end in a pseudo-element
  nested,    // inside :is()/:where()/:not()/nth-child's `of`: ends at ')'
  relative,  // inside :has(): ends at ')'; members may start with a combinator
};

// What an empty compound selector was supposed to be, for the message.
enum class Expecting {
  selector,              // at the start of the list
  selector_after_comma,  // after ',' in a list
  simple_after_combinator,  // after '>', '+' or '~'
};

// Collapses runs of ASCII whitespace to one space, as the element text that
// :contains() searches is collapsed (node_text.hpp); the ends are kept.
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool in_space = false;
  for (char c : text) {
    if (is_ascii_whitespace(c)) {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
  return out;
}

TextNeedle make_needle(std::string_view text) {
  TextNeedle needle;
  needle.text = collapse_whitespace(text);
  needle.fallback.assign(needle.text.size(), 0);
  std::uint32_t border = 0;
  for (std::size_t i = 1; i < needle.text.size(); ++i) {
    while (border > 0 && needle.text[i] != needle.text[border]) border = needle.fallback[border - 1];
    if (needle.text[i] == needle.text[border]) ++border;
    needle.fallback[i] = border;
  }
  return needle;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(tokenize_selector(text)) {}

  Result<SelectorList> run() {
    SelectorList list;
    list.text = std::string(text_);
    if (!parse_selector_list(list.selectors, ListKind::top, {})) return std::move(*error_);
    return list;
  }

 private:
  // <selector-list> = <complex-selector-list> = <complex-selector>#
  // <relative-selector-list> = <relative-selector>#   (inside :has())
  // `owner` names the pseudo-class whose argument this is, for messages.
  bool parse_selector_list(std::vector<ComplexSelector>& selectors, ListKind kind,
                           std::string_view owner) {
    if (++depth_ > max_nesting_depth) {
      return fail(peek(), "selectors nest more than " + std::to_string(max_nesting_depth) +
                              " levels deep");
    }
    skip_whitespace();
    Expecting expecting = Expecting::selector;
    for (;;) {
      ComplexSelector complex;
      if (!parse_complex_selector(complex, kind, owner, expecting)) return false;
      selectors.push_back(std::move(complex));
      // parse_complex_selector() stops only at ',' or the end of the list.
      if (peek().kind != TokenKind::comma) break;
      advance();
      skip_whitespace();
      expecting = Expecting::selector_after_comma;
    }
    --depth_;
    return true;
  }

  bool at_list_end(const Token& token, ListKind kind) const {
    if (token.kind == TokenKind::comma) return true;
    return kind == ListKind::top ? token.kind == TokenKind::end : token.kind == TokenKind::right_paren;
  }

  static std::optional<Combinator> combinator_of(const Token& token) {
    if (is_delim(token, '>')) return Combinator::child;
    if (is_delim(token, '+')) return Combinator::next_sibling;
    if (is_delim(token, '~')) return Combinator::subsequent_sibling;
    return std::nullopt;
  }

  // <complex-selector> = <compound-selector> [ <combinator>? <compound-selector> ]*
  // <relative-selector> = <combinator>? <complex-selector>
  // Whitespace between two compounds is the descendant combinator
  // (Selectors Level 4 §16.1); around '>', '+' and '~' it is just whitespace.
  bool parse_complex_selector(ComplexSelector& complex, ListKind kind, std::string_view owner,
                              Expecting expecting) {
    if (kind == ListKind::relative) {
      if (auto leading = combinator_of(peek())) {
        complex.leading = *leading;
        advance();
        skip_whitespace();
        expecting = Expecting::simple_after_combinator;
      }
    }
    for (;;) {
      CompoundSelector compound;
      if (!parse_compound_selector(complex, compound, kind, owner, expecting)) return false;
      complex.compounds.push_back(std::move(compound));

      bool spaced = skip_whitespace();
      const Token& token = peek();
      bool ends = at_list_end(token, kind);
      if (complex.pseudo_element.kind != PseudoElementKind::none && !ends) {
        // Selectors Level 4 §3.6.3: a pseudo-element is the last thing in a
        // complex selector; what follows would select inside it.
        return fail(token, "pseudo-element '" + pseudo_element_text(complex.pseudo_element) +
                               "' must come last in a selector, found " + describe(token));
      }
      if (ends) return true;

      if (auto combinator = combinator_of(token)) {
        advance();
        skip_whitespace();
        complex.combinators.push_back(*combinator);
        expecting = Expecting::simple_after_combinator;
      } else if (spaced && starts_compound(token)) {
        complex.combinators.push_back(Combinator::descendant);
      } else if (kind == ListKind::top) {
        return fail(token, "expected a combinator, ',' or end of input, found " + describe(token));
      } else {
        return fail(token, "expected a combinator, ',' or ')' to close '" + std::string(owner) +
                               "', found " + describe(token));
      }
    }
  }

  // <compound-selector> = [ <type-selector>? <subclass-selector>*
  //                         [ <pseudo-element-selector> ]? ]!
  // The pseudo-element is stored on `complex`, which it ends.
  bool parse_compound_selector(ComplexSelector& complex, CompoundSelector& compound,
                               ListKind kind, std::string_view owner, Expecting expecting) {
    const std::size_t first = next_;
    const Token& start = peek();
    if (start.kind == TokenKind::ident) {
      // Selectors Level 4 §5.1: type selectors match HTML elements ASCII
      // case-insensitively, so they are stored lower case.
      compound.tag = ascii_lower(start.value);
      compound.tag_id = gumbo_tagn_enum(compound.tag.data(), static_cast<unsigned>(compound.tag.size()));
      advance();
    } else if (is_delim(start, '*')) {
      advance();  // §5.2: the universal selector adds no condition
    }
    if (is_delim(peek(), '|')) {
      // §5.3: `ns|E`, `*|E` and `|E` need namespace declarations, which a job has no way to make.
      return fail(peek(), "namespace prefixes ('|') are not supported");
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
        if (kind != ListKind::top) {
          return fail(token, "pseudo-elements are not allowed inside '" + std::string(owner) + "'");
        }
        if (!parse_pseudo_element(complex.pseudo_element)) return false;
        break;
      } else if (token.kind == TokenKind::colon) {
        ok = parse_pseudo_class(compound);
      } else if (token.kind == TokenKind::ident || is_delim(token, '*')) {
        ok = fail(token, "a type selector must come first in a compound selector, found " +
                             describe(token));
      } else {
        break;
      }
      if (!ok) return false;
    }
    if (next_ == first) return fail_expecting(expecting, owner);
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
  //     | '[' <wq-name> <attr-matcher> [ <string-token> | <ident-token> ] <attr-modifier>? ']'
  // <attr-matcher> = [ '~' | '|' | '^' | '$' | '*' ]? '='
  // Whitespace is allowed around each part (§6.1). Attribute names are
  // ASCII case-insensitive in HTML, so they are stored lower case.
  bool parse_attribute_selector(CompoundSelector& compound) {
    advance();  // '['
    skip_whitespace();
    const Token& name = peek();
    if (is_delim(name, '|') || (is_delim(name, '*') && is_delim(peek(1), '|'))) {
      return fail(name, "namespace prefixes ('|') are not supported");
    }
    if (name.kind != TokenKind::ident) {
      return fail(name, "expected an attribute name, found " + describe(name));
    }
    AttributeSelector attribute;
    attribute.name = ascii_lower(name.value);
    advance();
    if (is_delim(peek(), '|') && !is_delim(peek(1), '=')) {
      return fail(peek(), "namespace prefixes ('|') are not supported");
    }
    skip_whitespace();

    const Token& matcher = peek();
    std::optional<AttributeMatch> match;
    if (is_delim(matcher, '=')) {
      advance();
      match = AttributeMatch::equals;
    } else if (is_operator_prefix(matcher) && is_delim(peek(1), '=') && peek(1).begin == matcher.end) {
      match = operator_match(matcher.value[0]);
      advance();
      advance();
    } else if (is_operator_prefix(matcher)) {
      return fail(peek(1), "expected '=' after '" + matcher.value + "', found " + describe(peek(1)));
    }
    if (match) {
      skip_whitespace();
      if (!parse_attribute_value(attribute.value)) return false;
      attribute.match = *match;
      attribute.value_case = default_value_case(attribute.name);
      skip_whitespace();
      const Token& flag = peek();
      if (flag.kind == TokenKind::ident) {
        // §6.3: `i` compares ASCII case-insensitively, `s` exactly, whatever HTML says.
        std::string lowered = ascii_lower(flag.value);
        if (lowered == "i") {
          attribute.value_case = ValueCase::insensitive;
        } else if (lowered == "s") {
          attribute.value_case = ValueCase::sensitive;
        } else {
          return fail(flag, "expected ']' or an attribute flag ('i' or 's'), found " + describe(flag));
        }
        advance();
        skip_whitespace();
      }
    }
    const Token& close = peek();
    if (close.kind != TokenKind::right_bracket) {
      return fail(close, "expected ']', found " + describe(close));
    }
    advance();
    compound.attributes.push_back(std::move(attribute));
    return true;
  }

  static AttributeMatch operator_match(char c) {
    switch (c) {
      case '~': return AttributeMatch::includes;
      case '|': return AttributeMatch::dash_match;
      case '^': return AttributeMatch::prefix;
      case '$': return AttributeMatch::suffix;
      default: return AttributeMatch::substring;
    }
  }

  static ValueCase default_value_case(std::string_view lower_case_name) {
    bool legacy = std::find(html_case_insensitive_attributes.begin(),
                            html_case_insensitive_attributes.end(),
                            lower_case_name) != html_case_insensitive_attributes.end();
    return legacy ? ValueCase::html_legacy : ValueCase::sensitive;
  }

  bool parse_attribute_value(std::string& value) {
    const Token& token = peek();
    if (token.kind == TokenKind::string) {
      if (!check_string_closed(token)) return false;
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

  bool check_string_closed(const Token& token) {
    if (token.string_closed) return true;
    std::string found = token.end < text_.size() ? "a newline" : "end of input";
    return fail_at(token.end, "expected a closing quote, found " + found);
  }

  // <pseudo-class-selector> = ':' <ident-token> | ':' <function-token> <any-value> ')'
  // Unknown and unsupported ones are errors that name them, never "matches nothing".
  bool parse_pseudo_class(CompoundSelector& compound) {
    const Token& colon = advance();
    const Token& name = peek();
    std::string lowered = ascii_lower(name.value);  // pseudo-class names are ASCII case-insensitive
    if (name.kind == TokenKind::ident) {
      for (const PseudoClassName& known : simple_pseudo_classes) {
        if (known.name == lowered) {
          advance();
          compound.pseudo_classes.push_back(simple_pseudo_class(known.kind));
          return true;
        }
      }
      for (const PseudoClassName& known : functional_pseudo_classes) {
        if (known.name == lowered) {
          advance();
          return fail(peek(), "expected '(' after ':" + name.value + "', found " + describe(peek()));
        }
      }
      return fail(colon, "unsupported pseudo-class ':" + name.value + "'" + pseudo_class_hint(lowered));
    }
    if (name.kind == TokenKind::function) {
      for (const PseudoClassName& known : functional_pseudo_classes) {
        if (known.name == lowered) {
          advance();
          return parse_functional_pseudo_class(compound, known.kind, ":" + lowered + "()", colon);
        }
      }
      for (const PseudoClassName& known : simple_pseudo_classes) {
        if (known.name == lowered) {
          return fail(colon, "pseudo-class ':" + name.value + "' takes no arguments");
        }
      }
      return fail(colon, "unsupported pseudo-class ':" + name.value + "()'" + pseudo_class_hint(lowered));
    }
    return fail(name, "expected a pseudo-class name after ':', found " + describe(name));
  }

  static std::string pseudo_class_hint(const std::string& lowered) {
    if (lowered == "text" || lowered == "attr" || lowered == "all-text") {
      return " (did you mean '::" + lowered + "'?)";
    }
    if (std::find(interactive_pseudo_classes.begin(), interactive_pseudo_classes.end(), lowered) !=
        interactive_pseudo_classes.end()) {
      return " (it depends on a user interacting with the page)";
    }
    return {};
  }

  // Selectors Level 4 §14.3: :first-child is :nth-child(1), :last-child is
  // :nth-last-child(1); the matcher treats them so.
  static PseudoClass simple_pseudo_class(PseudoClassKind kind) {
    PseudoClass pseudo;
    pseudo.kind = kind;
    pseudo.nth = NthFormula{0, 1};
    return pseudo;
  }

  bool parse_functional_pseudo_class(CompoundSelector& compound, PseudoClassKind kind,
                                     const std::string& owner, const Token& colon) {
    PseudoClass pseudo;
    pseudo.kind = kind;
    bool ok = true;
    switch (kind) {
      case PseudoClassKind::nth_child:
      case PseudoClassKind::nth_last_child:
        ok = parse_nth_arguments(pseudo, owner, true);
        break;
      case PseudoClassKind::nth_of_type:
      case PseudoClassKind::nth_last_of_type:
        ok = parse_nth_arguments(pseudo, owner, false);
        break;
      case PseudoClassKind::has:
        // §4.5: ":has() cannot be nested", which also keeps matching polynomial.
        if (in_has_ > 0) return fail(colon, "':has()' cannot be nested inside ':has()'");
        ++in_has_;
        ok = parse_selector_list(pseudo.selectors, ListKind::relative, owner);
        --in_has_;
        break;
      case PseudoClassKind::contains:
        ok = parse_contains_arguments(pseudo, owner);
        break;
      default:
        ok = parse_selector_list(pseudo.selectors, ListKind::nested, owner);
        break;
    }
    if (!ok) return false;
    const Token& close = peek();
    if (close.kind != TokenKind::right_paren) {
      return fail(close, "expected ')' to close '" + owner + "', found " + describe(close));
    }
    advance();
    compound.pseudo_classes.push_back(std::move(pseudo));
    return true;
  }

  // CSS Syntax §6 "The An+B microsyntax", then `of <complex-selector-list>`
  // for the -child forms (Selectors Level 4 §14.3.1).
  bool parse_nth_arguments(PseudoClass& pseudo, const std::string& owner, bool allow_of) {
    skip_whitespace();
    std::size_t end = 0;
    if (!parse_an_plus_b(peek().begin, pseudo.nth, end)) return false;
    // The formula was read from the text; step over the tokens it covered.
    while (peek().kind != TokenKind::end && peek().begin < end) {
      if (peek().end > end) return fail_at(end, "expected ')' to close '" + owner + "', found '" +
                                                    quote(end, peek().end) + "'");
      advance();
    }
    bool spaced = skip_whitespace();
    const Token& token = peek();
    if (allow_of && spaced && token.kind == TokenKind::ident && ascii_lower(token.value) == "of") {
      advance();
      if (!skip_whitespace()) {
        return fail(peek(), "expected whitespace and a selector after 'of', found " + describe(peek()));
      }
      return parse_selector_list(pseudo.selectors, ListKind::nested, owner);
    }
    return true;
  }

  // An+B read straight from the text: `odd`, `even`, `B`, `An`, `An+B`, with
  // the whitespace rules of CSS Syntax §6.2: a sign must touch what it signs
  // (`+ 2n` and `+ 5` are invalid) except B's sign after n (`2n + 1`), and the
  // number never touches a following identifier (`2nd`, `3 n`).
  bool parse_an_plus_b(std::size_t i, NthFormula& nth, std::size_t& end) {
    auto starts_word = [&](std::size_t at, std::string_view word) {
      if (at + word.size() > text_.size()) return false;
      return ascii_iequals(text_.substr(at, word.size()), word);
    };
    auto fail_formula = [&](std::size_t at) {
      return fail_at(at, "expected an An+B formula (such as 2n+1, -n+3, odd or even), found " +
                             describe_at(at));
    };
    auto read_number = [&](std::size_t& at) {
      std::int64_t value = 0;
      while (at < text_.size() && is_ascii_digit(text_[at])) {
        value = std::min(max_nth_number, value * 10 + (text_[at] - '0'));
        ++at;
      }
      return value;
    };
    const std::size_t start = i;
    if (starts_word(i, "odd")) {
      nth = NthFormula{2, 1};
      i += 3;
    } else if (starts_word(i, "even")) {
      nth = NthFormula{2, 0};
      i += 4;
    } else {
      std::int64_t sign = 1;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) {
        sign = text_[i] == '-' ? -1 : 1;
        ++i;
      }
      const std::size_t digits_begin = i;
      std::int64_t number = read_number(i);
      bool has_digits = i > digits_begin;
      if (i < text_.size() && ascii_lower(text_[i]) == 'n') {
        nth.a = sign * (has_digits ? number : 1);
        ++i;
        nth.b = 0;
        std::size_t j = i;
        while (j < text_.size() && is_ascii_whitespace(text_[j])) ++j;
        if (j < text_.size() && (text_[j] == '+' || text_[j] == '-')) {
          std::int64_t b_sign = text_[j] == '-' ? -1 : 1;
          ++j;
          while (j < text_.size() && is_ascii_whitespace(text_[j])) ++j;
          const std::size_t b_begin = j;
          std::int64_t b = read_number(j);
          if (j == b_begin) return fail_formula(j);
          nth.b = b_sign * b;
          i = j;
        }
      } else if (has_digits) {
        nth = NthFormula{0, sign * number};
      } else {
        return fail_formula(start);
      }
    }
    // `2nd`, `odd1`, `2n+1.5`: the number runs into something else.
    if (i < text_.size() && (text_[i] == '\\' || text_[i] == '.' || is_name_char(text_[i]))) {
      return fail_formula(start);
    }
    end = i;
    return true;
  }

  static bool is_name_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80 ||
           is_ascii_digit(c) || c == '-';
  }

  // :contains( <string> [, <string>]* ): any of the strings. Identifiers are
  // accepted too, as soupsieve does.
  bool parse_contains_arguments(PseudoClass& pseudo, const std::string& owner) {
    for (;;) {
      skip_whitespace();
      const Token& token = peek();
      if (token.kind == TokenKind::string) {
        if (!check_string_closed(token)) return false;
      } else if (token.kind != TokenKind::ident) {
        return fail(token, "expected a quoted string in '" + owner + "', found " + describe(token));
      }
      pseudo.needles.push_back(make_needle(token.value));
      advance();
      skip_whitespace();
      if (peek().kind != TokenKind::comma) return true;
      advance();
    }
  }

  // <pseudo-element-selector> = ':' <pseudo-class-selector>. Only parsel's
  // ::text and ::attr(name), and ::all-text; they pick what to extract.
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
    if (name.kind == TokenKind::ident && lowered == "all-text") {
      advance();
      pseudo.kind = PseudoElementKind::all_text;
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
        return is_delim(token, '*') || is_delim(token, '.') || is_delim(token, '#') ||
               is_delim(token, '|');
      default:
        return false;
    }
  }

  static std::string pseudo_element_text(const PseudoElement& pseudo) {
    switch (pseudo.kind) {
      case PseudoElementKind::attr: return "::attr(" + pseudo.attribute + ")";
      case PseudoElementKind::all_text: return "::all-text";
      default: return "::text";
    }
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

  // What is at a byte offset that may fall inside a token (An+B is read from
  // the text): the rest of that token.
  std::string describe_at(std::size_t offset) const {
    if (offset >= text_.size()) return "end of input";
    for (const Token& token : tokens_) {
      if (token.begin <= offset && offset < token.end) {
        if (token.kind == TokenKind::whitespace) return "whitespace";
        return "'" + quote(offset, token.end) + "'";
      }
    }
    return "'" + quote(offset, offset + 1) + "'";
  }

  bool fail_expecting(Expecting expecting, std::string_view owner) {
    const Token& token = peek();
    std::string found = token.kind == TokenKind::end ? ", found end of input" : "";
    switch (expecting) {
      case Expecting::selector:
        if (!owner.empty()) {
          return fail(token, "expected a selector in '" + std::string(owner) + "', found " + describe(token));
        }
        return fail(token, "expected a selector, found " + describe(token));
      case Expecting::selector_after_comma:
        return fail(token, "expected a selector after ','" + found);
      case Expecting::simple_after_combinator: {
        const Token& combinator = tokens_[last_combinator_index()];
        return fail(token, "expected a simple selector after '" + combinator.value + "'" + found);
      }
    }
    return false;
  }

  // The '>', '+' or '~' just before the current position (whitespace between).
  std::size_t last_combinator_index() const {
    std::size_t i = next_;
    while (i > 0) {
      --i;
      if (tokens_[i].kind != TokenKind::whitespace) return i;
    }
    return 0;
  }

  bool fail(const Token& token, std::string detail) { return fail_at(token.begin, std::move(detail)); }

  // Positions in messages count characters, not bytes: that is what a user
  // counts in the selector they wrote.
  bool fail_at(std::size_t byte_offset, std::string detail) {
    if (error_) return false;
    byte_offset = std::min(byte_offset, text_.size());
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
  int in_has_ = 0;
  std::optional<Error> error_;
};

}  // namespace

Result<SelectorList> parse_selector(std::string_view text) { return Parser(text).run(); }

}  // namespace gleaner::html
