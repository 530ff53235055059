// Selector parsing: each production of Selectors Level 4 §18 that gleaner
// supports, CSS escapes, An+B, whitespace handling, and every error message
// verbatim. What the parsed selectors match is in test_selector_conformance.cpp.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "html/selector_parser.hpp"

using namespace gleaner::html;

namespace {

std::string canonical(const std::vector<ComplexSelector>& selectors, bool relative);

const char* combinator_text(Combinator combinator) {
  switch (combinator) {
    case Combinator::descendant: return " ";
    case Combinator::child: return " > ";
    case Combinator::next_sibling: return " + ";
    case Combinator::subsequent_sibling: return " ~ ";
  }
  return "?";
}

const char* operator_text(AttributeMatch match) {
  switch (match) {
    case AttributeMatch::exists: return "";
    case AttributeMatch::equals: return "=";
    case AttributeMatch::includes: return "~=";
    case AttributeMatch::dash_match: return "|=";
    case AttributeMatch::prefix: return "^=";
    case AttributeMatch::suffix: return "$=";
    case AttributeMatch::substring: return "*=";
  }
  return "?";
}

std::string pseudo_class_text(const PseudoClass& pseudo) {
  auto nth = [&](const char* name) {
    std::string out = std::string(":") + name + "(" + std::to_string(pseudo.nth.a) + "n" +
                      (pseudo.nth.b < 0 ? "" : "+") + std::to_string(pseudo.nth.b);
    if (!pseudo.selectors.empty()) out += " of " + canonical(pseudo.selectors, false);
    return out + ")";
  };
  auto list = [&](const char* name, bool relative) {
    return std::string(":") + name + "(" + canonical(pseudo.selectors, relative) + ")";
  };
  switch (pseudo.kind) {
    case PseudoClassKind::root: return ":root";
    case PseudoClassKind::empty: return ":empty";
    case PseudoClassKind::first_child: return ":first-child";
    case PseudoClassKind::last_child: return ":last-child";
    case PseudoClassKind::only_child: return ":only-child";
    case PseudoClassKind::first_of_type: return ":first-of-type";
    case PseudoClassKind::last_of_type: return ":last-of-type";
    case PseudoClassKind::only_of_type: return ":only-of-type";
    case PseudoClassKind::nth_child: return nth("nth-child");
    case PseudoClassKind::nth_last_child: return nth("nth-last-child");
    case PseudoClassKind::nth_of_type: return nth("nth-of-type");
    case PseudoClassKind::nth_last_of_type: return nth("nth-last-of-type");
    case PseudoClassKind::is: return list("is", false);
    case PseudoClassKind::where: return list("where", false);
    case PseudoClassKind::not_: return list("not", false);
    case PseudoClassKind::has: return list("has", true);
    case PseudoClassKind::any_link: return ":any-link";
    case PseudoClassKind::checked: return ":checked";
    case PseudoClassKind::disabled: return ":disabled";
    case PseudoClassKind::enabled: return ":enabled";
    case PseudoClassKind::contains: {
      std::string out = ":contains(";
      for (std::size_t i = 0; i < pseudo.needles.size(); ++i) {
        out += (i > 0 ? ", \"" : "\"") + pseudo.needles[i].text + "\"";
      }
      return out + ")";
    }
  }
  return "?";
}

// A canonical spelling of the AST, so that table rows can compare structure:
// every compound starts with its type ('*' when none), values are quoted and
// carry their case rule (` i` flag, ` s` flag or default, ` h` for HTML's
// case-insensitive attributes), :first-child and friends keep their names,
// and relative selectors in :has() show their leading combinator.
std::string canonical(const std::vector<ComplexSelector>& selectors, bool relative) {
  std::string out;
  for (const ComplexSelector& complex : selectors) {
    if (!out.empty()) out += ", ";
    if (relative) out += std::string(combinator_text(complex.leading)).substr(1);
    for (std::size_t i = 0; i < complex.compounds.size(); ++i) {
      if (i > 0) out += combinator_text(complex.combinators[i - 1]);
      const CompoundSelector& compound = complex.compounds[i];
      out += compound.tag.empty() ? "*" : compound.tag;
      for (const auto& id : compound.ids) out += "#" + id;
      for (const auto& name : compound.classes) out += "." + name;
      for (const auto& attribute : compound.attributes) {
        out += "[" + attribute.name + operator_text(attribute.match);
        if (attribute.match != AttributeMatch::exists) {
          out += "\"" + attribute.value + "\"";
          if (attribute.value_case == ValueCase::insensitive) out += " i";
          if (attribute.value_case == ValueCase::html_legacy) out += " h";
        }
        out += "]";
      }
      for (const auto& pseudo : compound.pseudo_classes) out += pseudo_class_text(pseudo);
    }
    if (complex.pseudo_element.kind == PseudoElementKind::text) out += "::text";
    if (complex.pseudo_element.kind == PseudoElementKind::all_text) out += "::all-text";
    if (complex.pseudo_element.kind == PseudoElementKind::attr) {
      out += "::attr(" + complex.pseudo_element.attribute + ")";
    }
  }
  return out;
}

std::string canonical(const SelectorList& list) { return canonical(list.selectors, false); }

struct ValidRow {
  const char* selector;
  const char* canonical;
};

void check_valid(const ValidRow& row) {
  CAPTURE(row.selector);
  auto parsed = parse_selector(row.selector);
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().message));
  CHECK(canonical(*parsed) == row.canonical);
  CHECK(parsed->text == row.selector);
}

struct ErrorRow {
  const char* selector;
  const char* message;
};

void check_error(const ErrorRow& row) {
  CAPTURE(row.selector);
  auto parsed = parse_selector(row.selector);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().kind == gleaner::ErrorKind::parse);
  CHECK(parsed.error().message == row.message);
}

}  // namespace

TEST_CASE("each simple selector parses into its part of the compound") {
  const ValidRow rows[] = {
      {"div", "div"},                          // §5.1 type selector
      {"DiV", "div"},                          // §5.1: ASCII case-insensitive in HTML
      {"my-widget", "my-widget"},              // custom elements are identifiers too
      {"*", "*"},                              // §5.2 universal selector
      {"#main", "*#main"},                     // §6.7 id selector
      {"#Main", "*#Main"},                     // §6.7: ids keep their case
      {".price", "*.price"},                   // §6.6 class selector
      {".Price", "*.Price"},                   // §6.6: classes keep their case
      {"[href]", "*[href]"},                   // §6.1 [att]
      {"[HREF]", "*[href]"},                   // §6.1: attribute names are case-insensitive in HTML
      {"[data-id=x]", "*[data-id=\"x\"]"},     // §6.1 [att=val], identifier value
      {"[title=\"a b\"]", "*[title=\"a b\"]"}, // string value, CSS Syntax §4.3.5
      {"[title='a \"b\"']", "*[title=\"a \"b\"\"]"},
      {"[title=\"\"]", "*[title=\"\"]"},
      {"[v=X]", "*[v=\"X\"]"},                 // values keep their case
      {"-foo", "-foo"},                        // CSS Syntax §4.3.9: identifiers may start with '-'
      {"--x", "--x"},
      {"_a1", "_a1"},
      {".café", "*.café"},                     // non-ASCII code points are identifier code points
      {"*.a", "*.a"},
      {"a#x.y.z[h][i=j]", "a#x.y.z[h][i=\"j\"]"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("combinators and selector lists parse left to right") {
  const ValidRow rows[] = {
      {"div p", "div p"},                    // §16.1 descendant combinator
      {"div > p", "div > p"},                // §16.2 child combinator
      {"div>p", "div > p"},
      {"ul li > a span", "ul li > a span"},
      {"a, b", "a, b"},                      // §4.1 selector lists
      {"a,b,c", "a, b, c"},
      {"div > p, ul li", "div > p, ul li"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("whitespace is allowed wherever the grammar allows it and means descendant only between compounds") {
  const ValidRow rows[] = {
      {"  div  ", "div"},
      {"\tdiv\n>\r\fp ", "div > p"},           // CSS Syntax §4.2: all five whitespace characters
      {"div   >   p", "div > p"},
      {"div\n\np", "div p"},
      {" a , b ", "a, b"},
      {"a ,b", "a, b"},
      {"[ href ]", "*[href]"},
      {"[ href = \"x\" ]", "*[href=\"x\"]"},
      {"a::attr( href )", "a::attr(href)"},
      {"div /* note */ p", "div p"},           // CSS Syntax §4.3.2: comments are dropped
      {"div/**/ >/**/p", "div > p"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("the ::text and ::attr(name) pseudo-elements end a complex selector") {
  const ValidRow rows[] = {
      {"p::text", "p::text"},
      {"p::TEXT", "p::text"},                  // pseudo names are ASCII case-insensitive
      {"a::attr(href)", "a::attr(href)"},
      {"a::ATTR(HREF)", "a::attr(href)"},
      {"a::attr(data-price)", "a::attr(data-price)"},
      {"::text", "*::text"},                   // §3.6: a compound may be just a pseudo-element
      {"p ::text", "p *::text"},               // the own text of every element below p
      {"div > p.a::text", "div > p.a::text"},
      {"a::attr(href), p::text", "a::attr(href), p::text"},
      {"p::text , a", "p::text, a"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("the parsed list keeps the text, the combinators and the pseudo-element") {
  auto parsed = parse_selector(" ul > li a::attr(href) , b");
  REQUIRE(parsed);
  CHECK(parsed->text == " ul > li a::attr(href) , b");
  REQUIRE(parsed->selectors.size() == 2);
  const ComplexSelector& first = parsed->selectors[0];
  REQUIRE(first.compounds.size() == 3);
  CHECK(first.combinators == std::vector{Combinator::child, Combinator::descendant});
  CHECK(first.compounds[2].tag == "a");
  CHECK(first.pseudo_element.kind == PseudoElementKind::attr);
  CHECK(first.pseudo_element.attribute == "href");
  CHECK(parsed->selectors[1].pseudo_element.kind == PseudoElementKind::none);
}

TEST_CASE("an empty or incomplete selector names the position and what was expected") {
  const ErrorRow rows[] = {
      {"", "invalid selector \"\" at 0: expected a selector, found end of input"},
      {"   ", "invalid selector \"   \" at 3: expected a selector, found end of input"},
      {"/* */", "invalid selector \"/* */\" at 5: expected a selector, found end of input"},
      {"> a", "invalid selector \"> a\" at 0: expected a selector, found '>'"},
      {",a", "invalid selector \",a\" at 0: expected a selector, found ','"},
      {")", "invalid selector \")\" at 0: expected a selector, found ')'"},
      {"\"a\"", "invalid selector \"\"a\"\" at 0: expected a selector, found '\"a\"'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("a combinator or comma with nothing after it is an error") {
  const ErrorRow rows[] = {
      // Selectors Level 4 §16.2: '>' separates two compound selectors.
      {"div > > a", "invalid selector \"div > > a\" at 6: expected a simple selector after '>'"},
      {"div >", "invalid selector \"div >\" at 5: expected a simple selector after '>', found end of input"},
      {"div > ,a", "invalid selector \"div > ,a\" at 6: expected a simple selector after '>'"},
      // §4.1: a list has no empty members.
      {"a,", "invalid selector \"a,\" at 2: expected a selector after ',', found end of input"},
      {"a, ", "invalid selector \"a, \" at 3: expected a selector after ',', found end of input"},
      {"a,,b", "invalid selector \"a,,b\" at 2: expected a selector after ','"},
      {"a +", "invalid selector \"a +\" at 3: expected a simple selector after '+', found end of input"},
      {"a ~ > b", "invalid selector \"a ~ > b\" at 4: expected a simple selector after '~'"},
      {"a + ~ b", "invalid selector \"a + ~ b\" at 4: expected a simple selector after '+'"},
      {"+ a", "invalid selector \"+ a\" at 0: expected a selector, found '+'"},
      {"a)", "invalid selector \"a)\" at 1: expected a combinator, ',' or end of input, found ')'"},
      {"a (", "invalid selector \"a (\" at 2: expected a combinator, ',' or end of input, found '('"},
      {"a\\", "invalid selector \"a\\\" at 1: expected a combinator, ',' or end of input, found '\\'"},
      // Selectors Level 4 §5.3: namespaces need declarations, which a job cannot make.
      {"ns|a", "invalid selector \"ns|a\" at 2: namespace prefixes ('|') are not supported"},
      {"*|a", "invalid selector \"*|a\" at 1: namespace prefixes ('|') are not supported"},
      {"|a", "invalid selector \"|a\" at 0: namespace prefixes ('|') are not supported"},
      {"a |b", "invalid selector \"a |b\" at 2: namespace prefixes ('|') are not supported"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("a malformed simple selector is an error at the offending character") {
  const ErrorRow rows[] = {
      {"#", "invalid selector \"#\" at 1: expected an id after '#', found end of input"},
      // §6.7: an id selector's hash must be an identifier.
      {"#1a", "invalid selector \"#1a\" at 1: expected an id after '#', found '1a'"},
      {"a.", "invalid selector \"a.\" at 2: expected a class name after '.', found end of input"},
      {".1", "invalid selector \".1\" at 1: expected a class name after '.', found '1'"},
      {"a. b", "invalid selector \"a. b\" at 2: expected a class name after '.', found whitespace"},
      // §5.1: the type selector, if any, comes first in a compound.
      {"[a]div", "invalid selector \"[a]div\" at 3: a type selector must come first in a compound selector, found 'div'"},
      {".a*", "invalid selector \".a*\" at 2: a type selector must come first in a compound selector, found '*'"},
      // CSS Syntax §4.3.2: a comment is not whitespace, so these are adjacent.
      {"div/**/p", "invalid selector \"div/**/p\" at 7: a type selector must come first in a compound selector, found 'p'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("a malformed attribute selector is an error at the offending token") {
  const ErrorRow rows[] = {
      {"a[href", "invalid selector \"a[href\" at 6: expected ']', found end of input"},
      {"a[", "invalid selector \"a[\" at 2: expected an attribute name, found end of input"},
      {"a[=x]", "invalid selector \"a[=x]\" at 2: expected an attribute name, found '='"},
      {"a[\"href\"]", "invalid selector \"a[\"href\"]\" at 2: expected an attribute name, found '\"href\"'"},
      {"a[href x]", "invalid selector \"a[href x]\" at 7: expected ']', found 'x'"},
      {"a[href=]", "invalid selector \"a[href=]\" at 7: expected an attribute value (an identifier or a quoted string), found ']'"},
      {"a[href=1]", "invalid selector \"a[href=1]\" at 7: expected an attribute value (an identifier or a quoted string), found '1'"},
      {"a[href=x", "invalid selector \"a[href=x\" at 8: expected ']', found end of input"},
      // CSS Syntax §4.3.5: a string ends at its quote; EOF or a newline first is an error here.
      {"a[href=\"x", "invalid selector \"a[href=\"x\" at 9: expected a closing quote, found end of input"},
      {"a[href='x\n']", "invalid selector \"a[href='x\n']\" at 9: expected a closing quote, found a newline"},
      // §6.2: the operator is one token pair with no space inside.
      {"a[href~ =x]", "invalid selector \"a[href~ =x]\" at 7: expected '=' after '~', found whitespace"},
      {"a[href^]", "invalid selector \"a[href^]\" at 7: expected '=' after '^', found ']'"},
      {"a[href==x]", "invalid selector \"a[href==x]\" at 7: expected an attribute value (an identifier or a quoted string), found '='"},
      // §6.3: the only flags are i and s, one of them, after the value.
      {"a[href=x b]", "invalid selector \"a[href=x b]\" at 9: expected ']' or an attribute flag ('i' or 's'), found 'b'"},
      {"a[href=x i s]", "invalid selector \"a[href=x i s]\" at 11: expected ']', found 's'"},
      {"a[href i]", "invalid selector \"a[href i]\" at 7: expected ']', found 'i'"},
      {"a[href=x ii]", "invalid selector \"a[href=x ii]\" at 9: expected ']' or an attribute flag ('i' or 's'), found 'ii'"},
      {"[ns|href]", "invalid selector \"[ns|href]\" at 3: namespace prefixes ('|') are not supported"},
      {"[*|href]", "invalid selector \"[*|href]\" at 1: namespace prefixes ('|') are not supported"},
      {"[|href]", "invalid selector \"[|href]\" at 1: namespace prefixes ('|') are not supported"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("unsupported pseudo-classes and pseudo-elements are named") {
  const ErrorRow rows[] = {
      {"p::before", "invalid selector \"p::before\" at 1: unsupported pseudo-element '::before' (supported: ::text, ::attr(name), ::all-text)"},
      {"p::slotted(x)", "invalid selector \"p::slotted(x)\" at 1: unsupported pseudo-element '::slotted()' (supported: ::text, ::attr(name), ::all-text)"},
      {"p::text()", "invalid selector \"p::text()\" at 1: unsupported pseudo-element '::text()' (supported: ::text, ::attr(name), ::all-text)"},
      {"a:hover", "invalid selector \"a:hover\" at 1: unsupported pseudo-class ':hover' (it depends on a user interacting with the page)"},
      {"a:VISITED", "invalid selector \"a:VISITED\" at 1: unsupported pseudo-class ':VISITED' (it depends on a user interacting with the page)"},
      {"p:lang(en)", "invalid selector \"p:lang(en)\" at 1: unsupported pseudo-class ':lang()'"},
      {"p:dir(ltr)", "invalid selector \"p:dir(ltr)\" at 1: unsupported pseudo-class ':dir()'"},
      {"input:required", "invalid selector \"input:required\" at 5: unsupported pseudo-class ':required'"},
      {"p:first", "invalid selector \"p:first\" at 1: unsupported pseudo-class ':first'"},
      {"p:all-text", "invalid selector \"p:all-text\" at 1: unsupported pseudo-class ':all-text' (did you mean '::all-text'?)"},
      {"p:text", "invalid selector \"p:text\" at 1: unsupported pseudo-class ':text' (did you mean '::text'?)"},
      {"a:", "invalid selector \"a:\" at 2: expected a pseudo-class name after ':', found end of input"},
      {"a: b", "invalid selector \"a: b\" at 2: expected a pseudo-class name after ':', found whitespace"},
      {"a::", "invalid selector \"a::\" at 3: expected a pseudo-element name after '::', found end of input"},
      {"a:::text", "invalid selector \"a:::text\" at 3: expected a pseudo-element name after '::', found ':'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("a pseudo-element anywhere but the end of its selector is an error") {
  const ErrorRow rows[] = {
      // Selectors Level 4 §3.6.3: nothing may follow a pseudo-element here.
      {"p::text a", "invalid selector \"p::text a\" at 8: pseudo-element '::text' must come last in a selector, found 'a'"},
      {"p::text.x", "invalid selector \"p::text.x\" at 7: pseudo-element '::text' must come last in a selector, found '.'"},
      {"p::text::text", "invalid selector \"p::text::text\" at 7: pseudo-element '::text' must come last in a selector, found ':'"},
      {"a::attr(href) > b", "invalid selector \"a::attr(href) > b\" at 14: pseudo-element '::attr(href)' must come last in a selector, found '>'"},
      {"a::attr(href)[x]", "invalid selector \"a::attr(href)[x]\" at 13: pseudo-element '::attr(href)' must come last in a selector, found '['"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("a malformed ::attr() is an error at the offending token") {
  const ErrorRow rows[] = {
      {"a::attr", "invalid selector \"a::attr\" at 7: expected '(' after '::attr', found end of input"},
      {"a::attr (href)", "invalid selector \"a::attr (href)\" at 7: expected '(' after '::attr', found whitespace"},
      {"a::attr()", "invalid selector \"a::attr()\" at 8: expected an attribute name in '::attr()', found ')'"},
      {"a::attr('href')", "invalid selector \"a::attr('href')\" at 8: expected an attribute name in '::attr()', found ''href''"},
      {"a::attr(href", "invalid selector \"a::attr(href\" at 12: expected ')', found end of input"},
      {"a::attr(x y)", "invalid selector \"a::attr(x y)\" at 10: expected ')', found 'y'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("error positions count characters, not bytes, and long input is shortened when quoted") {
  // 'é' is two bytes in UTF-8 but one character of the selector as written.
  check_error({"é > > a", "invalid selector \"é > > a\" at 4: expected a simple selector after '>'"});
  check_error({"ünï.", "invalid selector \"ünï.\" at 4: expected a class name after '.', found end of input"});
  std::string long_name(60, 'x');
  std::string selector = "p::text " + long_name;
  auto parsed = parse_selector(selector);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().message == "invalid selector \"" + selector +
                                      "\" at 8: pseudo-element '::text' must come last in a selector, found '" +
                                      std::string(40, 'x') + "...'");
}

TEST_CASE("the sibling combinators parse like the others") {
  const ValidRow rows[] = {
      {"h1 + p", "h1 + p"},                  // §16.3 next-sibling combinator
      {"h1+p", "h1 + p"},
      {"h1 ~ p", "h1 ~ p"},                  // §16.4 subsequent-sibling combinator
      {"h1~p", "h1 ~ p"},
      {"a b>c+d~e", "a b > c + d ~ e"},
      {"a\t+\nb", "a + b"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("every attribute operator parses, with its value and case flag") {
  const ValidRow rows[] = {
      {"[a~=b]", "*[a~=\"b\"]"},            // §6.1
      {"[a|=en]", "*[a|=\"en\"]"},
      {"[a^='x y']", "*[a^=\"x y\"]"},      // §6.2
      {"[a$=\".pdf\"]", "*[a$=\".pdf\"]"},
      {"[a*=x]", "*[a*=\"x\"]"},
      {"[ a *= x ]", "*[a*=\"x\"]"},
      {"[a=b i]", "*[a=\"b\" i]"},          // §6.3 case-sensitivity flags
      {"[a=b I]", "*[a=\"b\" i]"},
      {"[a=\"b\"i]", "*[a=\"b\" i]"},
      {"[a=b s]", "*[a=\"b\"]"},
      {"[a=b S ]", "*[a=\"b\"]"},
      {"[a=i]", "*[a=\"i\"]"},              // a value named i is a value
      {"[a=i i]", "*[a=\"i\" i]"},
      // HTML §4.16.2: these attributes' values compare case-insensitively by default...
      {"[type=checkbox]", "*[type=\"checkbox\" h]"},
      {"[LANG|=en]", "*[lang|=\"en\" h]"},
      {"[rel~=next]", "*[rel~=\"next\" h]"},
      // ...unless `s` says otherwise; others (id, class, href, data-*) are case-sensitive.
      {"[type=checkbox s]", "*[type=\"checkbox\"]"},
      {"[href=X]", "*[href=\"X\"]"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("CSS escapes are decoded in identifiers, ids, classes and strings") {
  const ValidRow rows[] = {
      // CSS Syntax §4.3.7: a backslash and up to six hex digits, then one optional space.
      {".\\31 23", "*.123"},
      {"#\\31 a", "*#1a"},                  // §6.7: an escape can start an id
      {".a\\:b", "*.a:b"},                  // other characters stand for themselves
      {"#foo\\.bar", "*#foo.bar"},
      {".\\@media", "*.@media"},
      {".\\E9 t\\E9", "*.\xc3\xa9t\xc3\xa9"},
      {".\\0000e9x", "*.\xc3\xa9x"},         // six digits end the escape without a space
      {".a\\20 b", "*.a b"},
      {".\\0", "*.\xef\xbf\xbd"},            // NUL, surrogates and beyond U+10FFFF become U+FFFD
      {".\\D800", "*.\xef\xbf\xbd"},
      {".\\110000", "*.\xef\xbf\xbd"},
      {".-\\31", "*.-1"},
      {"d\\69v", "div"},                    // escapes in type selectors, then lower-cased
      {"[data\\-x=y]", "*[data-x=\"y\"]"},
      {"[title=\"a\\\"b\"]", "*[title=\"a\"b\"]"},      // §4.3.5: escaped quote
      {"[title='a\\\nb']", "*[title=\"ab\"]"},          // escaped newline: continued
      {"[title=\"\\41\"]", "*[title=\"A\"]"},
      {"[title=\"caf\\e9\"]", "*[title=\"caf\xc3\xa9\"]"},
      {"[title=a\\ b]", "*[title=\"a b\"]"},
      {".\\\xc3\xa9", "*.\xc3\xa9"},       // an escaped multi-byte character stays whole
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("pseudo-classes parse into the compound, names case-insensitively") {
  const ValidRow rows[] = {
      {":root", "*:root"},                  // §13.1
      {"p:empty", "p:empty"},                // §13.2
      {"li:first-child", "li:first-child"},  // §14.3
      {"li:LAST-CHILD", "li:last-child"},
      {"li:only-child", "li:only-child"},
      {"p:first-of-type", "p:first-of-type"},  // §14.4
      {"p:last-of-type:only-of-type", "p:last-of-type:only-of-type"},
      {"a:link", "a:any-link"},              // §8.1: a scraper has visited nothing
      {"a:any-link", "a:any-link"},
      {":checked, :disabled, :enabled", "*:checked, *:disabled, *:enabled"},  // §11
      {":scope > p", "*:root > p"},          // §13.3: no scoping root, so :root
      {"div:is(.a, #b)", "div:is(*.a, *#b)"},  // §4.2
      {":where(a b, c)", "*:where(a b, c)"},  // §4.4
      {":not(p)", "*:not(p)"},               // §4.3
      {":not(p, div > a)", "*:not(p, div > a)"},
      {":NOT( p )", "*:not(p)"},
      {"div:has(img)", "div:has(img)"},      // §4.5 relative selectors
      {"div:has(> img)", "div:has(> img)"},
      {"h1:has(+ p, ~ ul li)", "h1:has(+ p, ~ ul li)"},
      {":is(:not(:is(a)))", "*:is(*:not(*:is(a)))"},
      {":has(:is(a, b))", "*:has(*:is(a, b))"},
      {":contains(\"in stock\")", "*:contains(\"in stock\")"},
      {":contains('a', \"b\")", "*:contains(\"a\", \"b\")"},
      {":contains(word)", "*:contains(\"word\")"},
      {":contains(\"  two \\a\t spaces\")", "*:contains(\" two spaces\")"},  // whitespace runs collapse
      {":-soup-contains('x')", "*:contains(\"x\")"},
      {"a:not(.x)::attr(href)", "a:not(*.x)::attr(href)"},
      {"p::all-text", "p::all-text"},
      {"p::ALL-TEXT", "p::all-text"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("An+B parses every form CSS Syntax §6 allows") {
  const ValidRow rows[] = {
      {":nth-child(odd)", "*:nth-child(2n+1)"},
      {":nth-child(EVEN)", "*:nth-child(2n+0)"},
      {":nth-child(3)", "*:nth-child(0n+3)"},
      {":nth-child(+3)", "*:nth-child(0n+3)"},
      {":nth-child(-3)", "*:nth-child(0n-3)"},
      {":nth-child(0)", "*:nth-child(0n+0)"},
      {":nth-child(n)", "*:nth-child(1n+0)"},
      {":nth-child(N)", "*:nth-child(1n+0)"},
      {":nth-child(+n)", "*:nth-child(1n+0)"},
      {":nth-child(-n)", "*:nth-child(-1n+0)"},
      {":nth-child(2n)", "*:nth-child(2n+0)"},
      {":nth-child(2n+1)", "*:nth-child(2n+1)"},
      {":nth-child(2N+1)", "*:nth-child(2n+1)"},
      {":nth-child(-2n+3)", "*:nth-child(-2n+3)"},
      {":nth-child(+2n-3)", "*:nth-child(2n-3)"},
      {":nth-child(n-1)", "*:nth-child(1n-1)"},
      {":nth-child(-n+6)", "*:nth-child(-1n+6)"},
      {":nth-child(-n-1)", "*:nth-child(-1n-1)"},
      {":nth-child(0n+5)", "*:nth-child(0n+5)"},
      {":nth-child(010n+007)", "*:nth-child(10n+7)"},
      // §6.2: whitespace around the sign of B, and inside the parentheses.
      {":nth-child( 3n + 1 )", "*:nth-child(3n+1)"},
      {":nth-child(3n +1)", "*:nth-child(3n+1)"},
      {":nth-child(3n- 1)", "*:nth-child(3n-1)"},
      {":nth-child(-n+ 6)", "*:nth-child(-1n+6)"},
      {":nth-child(+6)", "*:nth-child(0n+6)"},
      // Clamped to 32-bit integers, as browsers do.
      {":nth-child(99999999999n+99999999999)", "*:nth-child(2147483647n+2147483647)"},
      {":nth-last-child(2n+1)", "*:nth-last-child(2n+1)"},
      {":nth-of-type(2)", "*:nth-of-type(0n+2)"},
      {":nth-last-of-type(odd)", "*:nth-last-of-type(2n+1)"},
      // Selectors Level 4 §14.3.1: `of S` filters the siblings counted.
      {":nth-child(2 of .a)", "*:nth-child(0n+2 of *.a)"},
      {":nth-child(odd of li.x, p)", "*:nth-child(2n+1 of li.x, p)"},
      {":nth-last-child(-n+2 OF div > p)", "*:nth-last-child(-1n+2 of div > p)"},
      {":nth-child(n of :not(.x))", "*:nth-child(1n+0 of *:not(*.x))"},
  };
  for (const ValidRow& row : rows) check_valid(row);
}

TEST_CASE("a malformed An+B is an error at the offending character") {
  const ErrorRow rows[] = {
      // §6.2: a sign must touch what it signs.
      {":nth-child(+ 2n)", "invalid selector \":nth-child(+ 2n)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '+'"},
      {":nth-child(- n)", "invalid selector \":nth-child(- n)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '-'"},
      {":nth-child(+ 5)", "invalid selector \":nth-child(+ 5)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '+'"},
      {":nth-child(3 n)", "invalid selector \":nth-child(3 n)\" at 13: expected ')' to close ':nth-child()', found 'n'"},
      {":nth-child(2n+)", "invalid selector \":nth-child(2n+)\" at 14: expected an An+B formula (such as 2n+1, -n+3, odd or even), found ')'"},
      {":nth-child(2n + )", "invalid selector \":nth-child(2n + )\" at 16: expected an An+B formula (such as 2n+1, -n+3, odd or even), found ')'"},
      {":nth-child(2n+-1)", "invalid selector \":nth-child(2n+-1)\" at 14: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '-'"},
      {":nth-child(2n 1)", "invalid selector \":nth-child(2n 1)\" at 14: expected ')' to close ':nth-child()', found '1'"},
      {":nth-child(--n)", "invalid selector \":nth-child(--n)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '--n'"},
      {":nth-child(2nd)", "invalid selector \":nth-child(2nd)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '2'"},
      {":nth-child(odds)", "invalid selector \":nth-child(odds)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found 'odds'"},
      {":nth-child(1.5)", "invalid selector \":nth-child(1.5)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found '1'"},
      {":nth-child()", "invalid selector \":nth-child()\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found ')'"},
      {":nth-child(x)", "invalid selector \":nth-child(x)\" at 11: expected an An+B formula (such as 2n+1, -n+3, odd or even), found 'x'"},
      {":nth-child(2", "invalid selector \":nth-child(2\" at 12: expected ')' to close ':nth-child()', found end of input"},
      {":nth-child", "invalid selector \":nth-child\" at 10: expected '(' after ':nth-child', found end of input"},
      {":nth-child (2)", "invalid selector \":nth-child (2)\" at 10: expected '(' after ':nth-child', found whitespace"},
      // `of S` belongs to the -child forms only, and needs a selector.
      {":nth-of-type(2 of p)", "invalid selector \":nth-of-type(2 of p)\" at 15: expected ')' to close ':nth-of-type()', found 'of'"},
      {":nth-child(2 of)", "invalid selector \":nth-child(2 of)\" at 15: expected whitespace and a selector after 'of', found ')'"},
      {":nth-child(2 of )", "invalid selector \":nth-child(2 of )\" at 16: expected a selector in ':nth-child()', found ')'"},
      {":nth-child(2 of p::text)", "invalid selector \":nth-child(2 of p::text)\" at 17: pseudo-elements are not allowed inside ':nth-child()'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("malformed or misplaced pseudo-classes are errors that say why") {
  const ErrorRow rows[] = {
      {":not()", "invalid selector \":not()\" at 5: expected a selector in ':not()', found ')'"},
      {":is( )", "invalid selector \":is( )\" at 5: expected a selector in ':is()', found ')'"},
      {":not(a", "invalid selector \":not(a\" at 6: expected a combinator, ',' or ')' to close ':not()', found end of input"},
      {":not(a,)", "invalid selector \":not(a,)\" at 7: expected a selector after ','"},
      {":not(a b c", "invalid selector \":not(a b c\" at 10: expected a combinator, ',' or ')' to close ':not()', found end of input"},
      {":is(a]", "invalid selector \":is(a]\" at 5: expected a combinator, ',' or ')' to close ':is()', found ']'"},
      {":not", "invalid selector \":not\" at 4: expected '(' after ':not', found end of input"},
      {":root()", "invalid selector \":root()\" at 0: pseudo-class ':root' takes no arguments"},
      {":first-child(1)", "invalid selector \":first-child(1)\" at 0: pseudo-class ':first-child' takes no arguments"},
      // Selectors Level 4 §3.6.3: pseudo-elements only at the end of the whole selector.
      {":not(::text)", "invalid selector \":not(::text)\" at 5: pseudo-elements are not allowed inside ':not()'"},
      {":is(a::attr(href))", "invalid selector \":is(a::attr(href))\" at 5: pseudo-elements are not allowed inside ':is()'"},
      // §4.5: relative selectors start with at most one combinator, and :has() does not nest.
      {":has()", "invalid selector \":has()\" at 5: expected a selector in ':has()', found ')'"},
      {":has(>)", "invalid selector \":has(>)\" at 6: expected a simple selector after '>'"},
      {":has(> > a)", "invalid selector \":has(> > a)\" at 7: expected a simple selector after '>'"},
      {":has(a:has(b))", "invalid selector \":has(a:has(b))\" at 6: ':has()' cannot be nested inside ':has()'"},
      {":has(:is(:has(b)))", "invalid selector \":has(:is(:has(b)))\" at 9: ':has()' cannot be nested inside ':has()'"},
      {"a > :not(> b)", "invalid selector \"a > :not(> b)\" at 9: expected a selector in ':not()', found '>'"},
      {":contains()", "invalid selector \":contains()\" at 10: expected a quoted string in ':contains()', found ')'"},
      {":contains(\"a\" \"b\")", "invalid selector \":contains(\"a\" \"b\")\" at 14: expected ')' to close ':contains()', found '\"b\"'"},
      {":contains(\"a)", "invalid selector \":contains(\"a)\" at 13: expected a closing quote, found end of input"},
      {":contains(1)", "invalid selector \":contains(1)\" at 10: expected a quoted string in ':contains()', found '1'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("selectors nested more than 32 levels deep are an error, not a stack overflow") {
  std::string ok;
  for (int i = 0; i < 31; ++i) ok += ":is(";
  ok += "a";
  for (int i = 0; i < 31; ++i) ok += ")";
  CHECK(parse_selector(ok));
  std::string deep;
  for (int i = 0; i < 32; ++i) deep += ":not(";
  deep += "a";
  for (int i = 0; i < 32; ++i) deep += ")";
  auto parsed = parse_selector(deep);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().message == "invalid selector \"" + deep + "\" at 160: selectors nest more than 32 levels deep");
}
