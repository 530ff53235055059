// outer_html(): the HTML §13.3 serialization `gleaner select` prints.
#include <doctest/doctest.h>

#include <string>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/outer_html.hpp"
#include "html/selector_parser.hpp"

using namespace gleaner::html;

namespace {

std::string first_outer_html(const std::string& html, const char* selector) {
  auto parsed = parse_selector(selector);
  REQUIRE(parsed);
  Document doc = Document::parse(html);
  auto found = select_all(doc.root(), *parsed);
  REQUIRE_FALSE(found.empty());
  return outer_html(found.front());
}

struct Row {
  const char* html;
  const char* selector;
  const char* expected;
};

}  // namespace

TEST_CASE("elements serialize as a browser's outerHTML does") {
  const Row rows[] = {
      // HTML §13.3: attribute values escape &, U+00A0 and "; text escapes &, U+00A0, < and >.
      {"<p class=a title='x\"y'>a &amp; b &lt;c&gt;&nbsp;</p>", "p",
       "<p class=\"a\" title=\"x&quot;y\">a &amp; b &lt;c&gt;&nbsp;</p>"},
      {"<p data-x='a<b'>x</p>", "p", "<p data-x=\"a&lt;b\">x</p>"},
      // Void elements have no end tag.
      {"<p>a<br>b<img src=x></p>", "p", "<p>a<br>b<img src=\"x\"></p>"},
      {"<input type=checkbox checked>", "input", "<input type=\"checkbox\" checked=\"\">"},
      // Raw-text elements are written as is.
      {"<div><script>if (a < b && c) {}</script><style>a>b{}</style></div>", "div",
       "<div><script>if (a < b && c) {}</script><style>a>b{}</style></div>"},
      {"<div>a<!-- note -->b</div>", "div", "<div>a<!-- note -->b</div>"},
      // The tree, not the markup: implied tbody, closed tags, lower-case names.
      {"<table><tr><td>1</table>", "table", "<table><tbody><tr><td>1</td></tr></tbody></table>"},
      {"<UL><LI>a<LI>b</UL>", "ul", "<ul><li>a</li><li>b</li></ul>"},
      {"<My-Widget A=1>x</My-Widget>", "my-widget", "<my-widget a=\"1\">x</my-widget>"},
      // Foreign elements and attributes keep their case and prefixes.
      {"<svg viewBox='0 0 1 1'><clipPath></clipPath><foreignObject></foreignObject></svg>", "svg",
       "<svg viewBox=\"0 0 1 1\"><clipPath></clipPath><foreignObject></foreignObject></svg>"},
      {"<svg><a xlink:href=x></a></svg>", "svg", "<svg><a xlink:href=\"x\"></a></svg>"},
      // A template shows its contents.
      {"<template id=t><p>x</p></template>", "template", "<template id=\"t\"><p>x</p></template>"},
      {"<p>caf\xc3\xa9</p>", "p", "<p>caf\xc3\xa9</p>"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.html));
    CHECK(first_outer_html(row.html, row.selector) == row.expected);
  }
}

TEST_CASE("serializing ten thousand nested elements needs no recursion") {
  std::string html;
  for (int i = 0; i < 10'000; ++i) html += "<div>";
  Document doc = Document::parse(html + "x");
  auto parsed = parse_selector("body > div");
  REQUIRE(parsed);
  std::string out = outer_html(select_all(doc.root(), *parsed).front());
  CHECK(out.size() == 10'000 * std::string("<div></div>").size() + 1);
  CHECK(out.find("<div>x</div></div>") == 9'999 * 5);
}
