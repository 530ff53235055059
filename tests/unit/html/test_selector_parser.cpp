// Selector parsing: each production of Selectors Level 4 §18 that the first
// cut supports, whitespace handling, and every error message verbatim.
#include <doctest/doctest.h>

#include <string>

#include "html/selector_parser.hpp"

using namespace gleaner::html;

namespace {

// A canonical spelling of the AST, so that table rows can compare structure:
// every compound starts with its type ('*' when none), values are quoted.
std::string canonical(const SelectorList& list) {
  std::string out;
  for (const ComplexSelector& complex : list.selectors) {
    if (!out.empty()) out += ", ";
    for (std::size_t i = 0; i < complex.compounds.size(); ++i) {
      if (i > 0) out += complex.combinators[i - 1] == Combinator::child ? " > " : " ";
      const CompoundSelector& compound = complex.compounds[i];
      out += compound.tag.empty() ? "*" : compound.tag;
      for (const auto& id : compound.ids) out += "#" + id;
      for (const auto& name : compound.classes) out += "." + name;
      for (const auto& attribute : compound.attributes) {
        out += "[" + attribute.name;
        if (attribute.match == AttributeMatch::equals) out += "=\"" + attribute.value + "\"";
        out += "]";
      }
    }
    if (complex.pseudo_element.kind == PseudoElementKind::text) out += "::text";
    if (complex.pseudo_element.kind == PseudoElementKind::attr) {
      out += "::attr(" + complex.pseudo_element.attribute + ")";
    }
  }
  return out;
}

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
      // Sibling combinators come with the next issue.
      {"a + b", "invalid selector \"a + b\" at 2: unsupported combinator '+'"},
      {"a~b", "invalid selector \"a~b\" at 1: unsupported combinator '~'"},
      {"a)", "invalid selector \"a)\" at 1: expected a combinator, ',' or end of input, found ')'"},
      {"a (", "invalid selector \"a (\" at 2: expected a combinator, ',' or end of input, found '('"},
      {"ns|a", "invalid selector \"ns|a\" at 2: expected a combinator, ',' or end of input, found '|'"},
      {"a\\:b", "invalid selector \"a\\:b\" at 1: expected a combinator, ',' or end of input, found '\\'"},
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
      // The other operators and the i/s flags of §6.2/§6.3 come with the next issue.
      {"a[href~=x]", "invalid selector \"a[href~=x]\" at 6: unsupported attribute operator '~='"},
      {"a[href^='x']", "invalid selector \"a[href^='x']\" at 6: unsupported attribute operator '^='"},
      {"a[href=x i]", "invalid selector \"a[href=x i]\" at 9: expected ']', found 'i'"},
  };
  for (const ErrorRow& row : rows) check_error(row);
}

TEST_CASE("unsupported pseudo-classes and pseudo-elements are named") {
  const ErrorRow rows[] = {
      {"p::before", "invalid selector \"p::before\" at 1: unsupported pseudo-element '::before' (supported: ::text, ::attr(name))"},
      {"p::slotted(x)", "invalid selector \"p::slotted(x)\" at 1: unsupported pseudo-element '::slotted()' (supported: ::text, ::attr(name))"},
      {"p::text()", "invalid selector \"p::text()\" at 1: unsupported pseudo-element '::text()' (supported: ::text, ::attr(name))"},
      {"a:hover", "invalid selector \"a:hover\" at 1: unsupported pseudo-class ':hover'"},
      {"a:not(b)", "invalid selector \"a:not(b)\" at 1: unsupported pseudo-class ':not()'"},
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
