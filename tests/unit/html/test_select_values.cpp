// select_values(): what each match yields, by its pseudo-element (parsel's
// ::text and ::attr(name)).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "html/document.hpp"
#include "html/select_values.hpp"
#include "html/selector_parser.hpp"

using namespace gleaner::html;
using Values = std::vector<std::string>;

namespace {

Values values(const char* html, const char* selector) {
  auto parsed = parse_selector(selector);
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().message));
  Document doc = Document::parse(html);
  return select_values(doc.root(), *parsed);
}

const char* const books = R"(
  <article><h3><a href="/b/1" title="A Light in the Attic">A Light in the &hellip;</a></h3>
    <p class=price>&pound;51.77</p><p class="stock"> In stock </p></article>
  <article><h3><a href="/b/2">Tipping the Velvet</a></h3>
    <p class=price></p><p class=stock><i>icon</i></p></article>)";

}  // namespace

TEST_CASE("without a pseudo-element each match yields all of its text, even when empty") {
  CHECK(values(books, "h3 a") == Values{"A Light in the \xe2\x80\xa6", "Tipping the Velvet"});
  CHECK(values(books, ".price") == Values{"\xc2\xa3" "51.77", ""});
  CHECK(values(books, ".stock") == Values{"In stock", "icon"});
  CHECK(values(books, "table").empty());
}

TEST_CASE("::text yields the element's own text and skips elements without any") {
  CHECK(values(books, ".stock::text") == Values{"In stock"});
  CHECK(values(books, ".price::text") == Values{"\xc2\xa3" "51.77"});
  CHECK(values("<p>Hello <b>big</b> world</p>", "p::text") == Values{"Hello world"});
}

TEST_CASE("::attr(name) yields the attribute's value and skips elements without it") {
  CHECK(values(books, "h3 a::attr(href)") == Values{"/b/1", "/b/2"});
  CHECK(values(books, "a::attr(title)") == Values{"A Light in the Attic"});
  CHECK(values(books, "a::attr(TITLE)") == Values{"A Light in the Attic"});
  CHECK(values("<a href>x</a>", "a::attr(href)") == Values{""});  // present but empty is kept
}

TEST_CASE("in a list, each element takes the pseudo-element of the first member that matched it") {
  const char* html = "<a id=1 href=/x>one</a><a id=2>two</a><b>three</b>";
  CHECK(values(html, "a::attr(href), a, b::text") == Values{"/x", "three"});
  CHECK(values(html, "a, a::attr(href)") == Values{"one", "two"});
  CHECK(values(html, "[id=\"2\"], a::attr(id), b") == Values{"1", "two", "three"});
}

TEST_CASE("::all-text yields all of the element's text, like a bare selector, even when empty") {
  CHECK(values(books, ".stock::all-text") == Values{"In stock", "icon"});
  CHECK(values(books, ".price::all-text") == Values{"\xc2\xa3" "51.77", ""});
  CHECK(values("<p>Hello <b>big</b>\n world</p>", "p::all-text") == Values{"Hello big world"});
}
