// Text, attributes and tag names read off gumbo nodes.
#include <doctest/doctest.h>

#include <string>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/selector_parser.hpp"

using namespace gleaner::html;

namespace {

// The first element matching `selector`; the document must outlive it.
const GumboNode* find(const Document& doc, const char* selector) {
  auto parsed = parse_selector(selector);
  REQUIRE(parsed);
  auto found = select_all(doc.root(), *parsed);
  REQUIRE_MESSAGE(!found.empty(), selector);
  return found.front();
}

struct TextRow {
  const char* html;
  const char* selector;
  const char* all;  // all_text()
  const char* own;  // own_text()
};

}  // namespace

TEST_CASE("text is collapsed to single spaces and trimmed, over ASCII whitespace only") {
  const TextRow rows[] = {
      {"<p>  a   b  </p>", "p", "a b", "a b"},
      // Infra §4.6: ASCII whitespace is TAB, LF, FF, CR and SPACE.
      {"<p>\ta\n\nb\fc\r\nd </p>", "p", "a b c d", "a b c d"},
      // U+00A0 (&nbsp;) and U+3000 are not ASCII whitespace and are kept.
      {"<p>a&nbsp;b\xe3\x80\x80" "c</p>", "p", "a\xc2\xa0" "b\xe3\x80\x80" "c", "a\xc2\xa0" "b\xe3\x80\x80" "c"},
      {"<p>   </p>", "p", "", ""},
      {"<p></p>", "p", "", ""},
      // Collapsing runs across element boundaries; adjacent text is not separated.
      {"<p>Hello <b> big </b> world</p>", "p", "Hello big world", "Hello world"},
      {"<ul><li>a</li><li>b</li></ul>", "ul", "ab", ""},
      {"<p>Price: <span>12</span> EUR</p>", "p", "Price: 12 EUR", "Price: EUR"},
  };
  for (const TextRow& row : rows) {
    CAPTURE(row.html);
    Document doc = Document::parse(row.html);
    const GumboNode* element = find(doc, row.selector);
    CHECK(all_text(element) == row.all);
    CHECK(own_text(element) == row.own);
  }
}

TEST_CASE("text has character references decoded") {
  // HTML §13.2.5.72 character reference state.
  Document doc = Document::parse("<p>Fish &amp; Chips &lt;3 caf&eacute; &#x41;&#66; &euro;5 &ampx</p>");
  CHECK(all_text(find(doc, "p")) == "Fish & Chips <3 caf\xc3\xa9 AB \xe2\x82\xac" "5 &x");
}

TEST_CASE("comments and the insides of script, style and template are not text") {
  Document doc = Document::parse(
      "<div>a<!-- note -->b<script>var x = 1;</script><style>p{}</style>"
      "<template><p>t</p></template><noscript>n</noscript>c</div>"
      "<svg><![CDATA[d]]></svg>");
  CHECK(all_text(find(doc, "div")) == "abnc");
  CHECK(own_text(find(doc, "div")) == "abc");
  // CDATA sections exist in foreign content only (HTML §13.2.5.69).
  CHECK(all_text(find(doc, "svg")) == "d");
  CHECK(all_text(doc.root()) == "abncd");
}

TEST_CASE("a script, style or template selected itself gives its own text") {
  // So `script[type="application/ld+json"]` extracts the JSON-LD.
  Document doc = Document::parse(
      "<script type=\"application/ld+json\">{\"name\": \"A  B\"}</script><style> p{} </style>"
      "<template><p>t  u</p></template>");
  CHECK(all_text(find(doc, "script")) == "{\"name\": \"A B\"}");
  CHECK(own_text(find(doc, "script")) == "{\"name\": \"A B\"}");
  CHECK(all_text(find(doc, "style")) == "p{}");
  CHECK(all_text(find(doc, "template")) == "t u");
}

TEST_CASE("attributes are found by case-insensitive name, with references decoded") {
  Document doc = Document::parse(
      "<a HREF=\"/p?a=1&amp;b=2\" data-Id=7 hidden title=\"\" Title=\"dup\">x</a>"
      "<svg viewBox=\"0 0 1 1\"></svg>");
  const GumboNode* link = find(doc, "a");
  CHECK(attribute(link, "href") == "/p?a=1&b=2");
  CHECK(attribute(link, "HREF") == "/p?a=1&b=2");
  CHECK(attribute(link, "data-id") == "7");
  CHECK(attribute(link, "hidden") == "");          // present, empty
  CHECK(attribute(link, "title") == "");           // HTML §13.2.5.33: the first of duplicates wins
  CHECK_FALSE(attribute(link, "rel").has_value());
  CHECK_FALSE(attribute(link, "").has_value());
  // Gumbo restores SVG's camelCase attribute names (HTML §13.2.6.5).
  CHECK(attribute(find(doc, "svg"), "viewbox") == "0 0 1 1");
  CHECK_FALSE(attribute(doc.root(), "href").has_value());
}

TEST_CASE("tag names are lower case, for known and unknown elements") {
  Document doc = Document::parse(
      "<DIV><My-Element>x</My-Element><svg><foreignObject></foreignObject><clipPath/></svg></DIV>");
  CHECK(tag_name(find(doc, "div")) == "div");
  CHECK(tag_name(find(doc, "my-element")) == "my-element");
  CHECK(tag_name(find(doc, "foreignobject")) == "foreignobject");
  CHECK(tag_name(find(doc, "clippath")) == "clippath");
  CHECK(tag_name(doc.root()) == "");
  CHECK(has_tag_name(find(doc, "my-element"), "my-element"));
  CHECK_FALSE(has_tag_name(find(doc, "my-element"), "my"));
  CHECK_FALSE(has_tag_name(doc.root(), ""));
}

TEST_CASE("all_text of a text node is its own collapsed text") {
  Document doc = Document::parse("<p>  a  b </p>");
  const GumboNode* p = find(doc, "p");
  REQUIRE(p->v.element.children.length == 1);
  CHECK(all_text(static_cast<const GumboNode*>(p->v.element.children.data[0])) == "a b");
}
