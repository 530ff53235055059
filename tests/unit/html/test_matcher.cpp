// Selector matching against gumbo trees: each simple selector, the
// combinators, lists, document order, and the tree HTML5 parsing builds.
#include <doctest/doctest.h>

#include <string>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/selector_parser.hpp"
#include "element_names.hpp"

using namespace gleaner::html;

namespace {

SelectorList compile(const std::string& selector) {
  auto parsed = parse_selector(selector);
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().message));
  return *parsed;
}

using gleaner::html::testing::names;

// Every row is also checked through the document's element index, which
// must find exactly what the walk finds.
std::string select(const std::string& html, const std::string& selector) {
  Document doc = Document::parse(html);
  const SelectorList compiled = compile(selector);
  std::string walked = names(select_all(doc.root(), compiled));
  CHECK(names(select_all(doc.root(), compiled, &doc.index())) == walked);
  return walked;
}

struct Row {
  const char* html;
  const char* selector;
  const char* expected;  // names() of the matches
};

void check_rows(const Row* begin, const Row* end) {
  for (const Row* row = begin; row != end; ++row) {
    CAPTURE(row->html);
    CAPTURE(row->selector);
    CHECK(select(row->html, row->selector) == row->expected);
  }
}

const char* const shop = R"(
  <div id=main class="page  wide">
    <ul id=list>
      <li id=l1 class="item sale"><a id=a1 href="/p/1" title="One">One</a></li>
      <li id=l2 class="item"><a id=a2 href="/p/2" rel="">Two</a></li>
      <li id=l3 class="item	sold-out
">Three</li>
    </ul>
    <p id=note class="Item">Note <a id=a3>here</a></p>
  </div>)";

}  // namespace

TEST_CASE("each simple selector matches the elements it names") {
  const Row rows[] = {
      {shop, "li", "l1 l2 l3"},                // §5.1 type selector
      {shop, "LI", "l1 l2 l3"},                // §5.1: case-insensitive in HTML
      {shop, "ul *", "l1 a1 l2 a2 l3"},        // §5.2 universal selector
      {shop, "#l2", "l2"},                     // §6.7 id selector
      {shop, "#L2", ""},                       // §6.7: ids compare case-sensitively
      {shop, "#l2#l2", "l2"},
      {shop, "#l1#l2", ""},                    // an element has one id
      {shop, ".item", "l1 l2 l3"},             // §6.6: class is a whitespace-separated list
      {shop, ".sold-out", "l3"},               // separated by a tab and a newline
      {shop, ".item.sale", "l1"},
      {shop, ".Item", "note"},                 // §6.6: class names compare case-sensitively
      {shop, ".page.wide", "main"},            // two spaces between the classes
      {shop, ".ite", ""},                      // whole tokens only
      {shop, "[href]", "a1 a2"},               // §6.1 [att]
      {shop, "[HREF]", "a1 a2"},               // attribute names are case-insensitive in HTML
      {shop, "[rel]", "a2"},                   // present though empty
      {shop, "[rel=\"\"]", "a2"},
      {shop, "[href=\"/p/2\"]", "a2"},         // §6.1 [att=val]: the whole value
      {shop, "[title=One]", "a1"},
      {shop, "[title=one]", ""},               // values compare case-sensitively
      {shop, "[href='/p']", ""},
      {shop, "li.item[id=l2]", "l2"},          // a compound needs all of its parts
      {shop, "a.item", ""},
      {shop, "*", "html head body main list l1 a1 l2 a2 l3 note a3"},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("the descendant and child combinators look at ancestors and parents") {
  const Row rows[] = {
      {shop, "div a", "a1 a2 a3"},             // §16.1 descendant combinator
      {shop, "ul a", "a1 a2"},
      {shop, "div > a", ""},                   // §16.2 child combinator
      {shop, "p > a", "a3"},
      {shop, "ul > li > a", "a1 a2"},
      {shop, "div > ul a", "a1 a2"},
      {shop, "div li > a", "a1 a2"},
      {shop, "body div ul li a", "a1 a2"},
      {shop, "li li", ""},
      {shop, "a a", ""},
      // The nearest matching ancestor fails ("div > ul" needs the outer ul),
      // so matching must retry with a higher one.
      {"<div><ul id=outer><li><ul id=inner><li><span id=t></span></ul></ul></div>",
       "div > ul span", "t"},
      {"<div><ul id=outer><li><ul id=inner><li><span id=t></span></ul></ul></div>",
       "div > ul > li > ul span", "t"},
      {"<div><ul id=outer><li><ul id=inner><li><span id=t></span></ul></ul></div>",
       "div > ul > li > span", ""},
      {"<section><div><section><p id=t>", "section > div p", "t"},
      {"<section><div><section><p id=t>", "section > section p", ""},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("a selector list matches each element once, in document order") {
  const Row rows[] = {
      // §4.1: an element matches a list if it matches any member.
      {shop, "a, li", "l1 a1 l2 a2 l3 a3"},
      {shop, "li, a", "l1 a1 l2 a2 l3 a3"},
      {shop, ".item, li, #l1, ul > *", "l1 l2 l3"},
      {shop, "#a3, #note", "note a3"},
      {shop, "nav, #l2", "l2"},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("matching sees the tree HTML5 parsing builds, not the markup as written") {
  const Row rows[] = {
      // HTML §13.2.6: html, head and body are implied.
      {"<p id=x>hi", "html > body > p", "x"},
      {"<title>t</title><p id=x>", "html > head > title", "title"},
      // §13.2.6.4.9 "in table": rows go into an implied tbody.
      {"<table><tr id=r><td>1</table>", "table > tr", ""},
      {"<table><tr id=r><td>1</table>", "table > tbody > tr", "r"},
      {"<table><tr id=r><td id=c>1</table>", "table td", "c"},
      // A <p> is closed by a block element, so the div is not inside it.
      {"<p id=p><div id=d></div>", "p div", ""},
      {"<p id=p><div id=d></div>", "body > div", "d"},
      // Misnested formatting elements are repaired (the adoption agency algorithm).
      {"<b id=b><i id=i>x</b>y</i>", "b > i", "i"},
      // Unclosed tags are closed at the end of input.
      {"<div id=a><span id=s>x", "div > span", "s"},
      {"<ul><li id=1>a<li id=2>b</ul>", "li", "1 2"},
      {"<ul><li id=1>a<li id=2>b</ul>", "li li", ""},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("type selectors match any element name case-insensitively, including unknown ones") {
  const Row rows[] = {
      {"<DIV id=d></DIV>", "div", "d"},
      {"<My-Widget id=w></My-Widget>", "my-widget", "w"},
      {"<My-Widget id=w></My-Widget>", "MY-WIDGET", "w"},
      {"<My-Widget id=w></My-Widget>", "my-widge", ""},
      {"<svg><foreignObject id=f></foreignObject></svg>", "svg > foreignobject", "f"},
      {"<svg><clipPath id=c></clipPath></svg>", "clippath", "c"},
      {"<template id=t><p id=inside>x</p></template>", "template", "t"},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("select_all excludes the scope itself but ancestors outside it still count") {
  Document doc = Document::parse(shop);
  auto lists = select_all(doc.root(), compile("#list"));
  REQUIRE(lists.size() == 1);
  CHECK(names(select_all(lists[0], compile("ul"))) == "");
  CHECK(names(select_all(lists[0], compile("li"))) == "l1 l2 l3");
  // As in querySelectorAll(): `div` is above the scope, and still matches.
  CHECK(names(select_all(lists[0], compile("div li > a"))) == "a1 a2");
  CHECK(names(select_all(lists[0], compile("*"))) == "l1 a1 l2 a2 l3");
}

TEST_CASE("matches() checks one element against one complex selector") {
  Document doc = Document::parse(shop);
  auto links = select_all(doc.root(), compile("a"));
  REQUIRE(links.size() == 3);
  CHECK(matches(links[0], compile("li.sale > a").selectors[0]));
  CHECK_FALSE(matches(links[1], compile("li.sale > a").selectors[0]));
  CHECK(matches(links[2], compile("#main a::text").selectors[0]));  // pseudo-elements do not filter
  CHECK_FALSE(matches(doc.root(), compile("*").selectors[0]));      // the document node is no element
}

TEST_CASE("select_matches reports the first list member that matched each element") {
  Document doc = Document::parse(shop);
  SelectorList list = compile("#nothing, li > a, a");
  auto found = select_matches(doc.root(), list);
  REQUIRE(found.size() == 3);
  CHECK(found[0].selector == &list.selectors[1]);
  CHECK(found[1].selector == &list.selectors[1]);
  CHECK(found[2].selector == &list.selectors[2]);
}

TEST_CASE("matching handles ten thousand levels of nesting without recursion") {
  constexpr int depth = 10'000;
  std::string html;
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += "<span id=leaf>x</span>";
  Document doc = Document::parse(html);
  CHECK(select_all(doc.root(), compile("div")).size() == depth);
  CHECK(select(html, "div > div div > span") == "leaf");
  // Each compound fails everywhere; the "fails completely" rule keeps this
  // from trying every choice of ancestors.
  CHECK(select(html, "p div div div div div div div div span").empty());
  CHECK(select(html, "div p div div div div div div div span").empty());
}

TEST_CASE("sibling chains that fail do not backtrack exponentially") {
  // Selectors Level 4 §16.4: each `~` may try every earlier sibling. Without
  // the "fails all siblings" rule this selector would take about 2000^8 steps.
  std::string html = "<div>";
  for (int i = 0; i < 2'000; ++i) html += "<a></a>";
  html += "</div>";
  CHECK(select(html, "x ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a").empty());
  CHECK(select(html, "div > x ~ a ~ a ~ a ~ a a").empty());
  CHECK(select(html, "a:has(~ a ~ a ~ a ~ x)").empty());
}

TEST_CASE("nth-child on ten thousand siblings counts each position once per selection") {
  std::string html = "<ul>";
  for (int i = 0; i < 10'000; ++i) html += "<li></li>";
  Document doc = Document::parse(html);
  CHECK(select_all(doc.root(), compile("li:nth-child(2n+1)")).size() == 5'000);
  CHECK(select_all(doc.root(), compile("li:nth-last-child(-n+3)")).size() == 3);
  CHECK(select_all(doc.root(), compile("li:nth-of-type(1000n)")).size() == 10);
  CHECK(select_all(doc.root(), compile("li:nth-child(odd of :nth-child(3n))")).size() == 1'667);
}
