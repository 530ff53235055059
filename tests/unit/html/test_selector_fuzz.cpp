// Robustness: deterministic pseudo-random and pathological selectors and pages
// must parse, match and extract without crashing, hanging or overflowing.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/node_tree.hpp"
#include "html/select_values.hpp"
#include "html/selector_parser.hpp"
#include "support/random.hpp"

using namespace gleaner::html;

namespace {

using gleaner::testing::Random;

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// Parses `selector`; on success runs it over `doc`. Errors must be parse
// errors that quote the selector.
void exercise(const std::string& selector, const Document& doc) {
  auto parsed = parse_selector(selector);
  if (!parsed) {
    CHECK(parsed.error().kind == gleaner::ErrorKind::parse);
    CHECK(parsed.error().message.rfind("invalid selector \"" + selector + "\" at ", 0) == 0);
    return;
  }
  CHECK(parsed->text == selector);
  CHECK_FALSE(parsed->selectors.empty());
  auto all = select_all(doc.root(), *parsed);
  CHECK(select_all(doc.root(), *parsed, &doc.index()) == all);
  auto values = select_values(doc.root(), *parsed);
  CHECK(values.size() <= all.size());
}

const char* const sample = R"(<!doctype html><title>t</title>
  <div id=main class="a b"><ul><li class=a><a href="/x" title='q'>x &amp; y</a></li>
  <li><p>text<!-- c --><b>bold</b></p></li></ul><table><tr><td>1</td></tr></table>
  <my-el data-x=1>custom</my-el><script>s</script></div>)";

}  // namespace

TEST_CASE("thousands of pseudo-random selectors parse or fail cleanly") {
  Document doc = Document::parse(sample);
  // Mostly characters that mean something to the grammar, some arbitrary bytes.
  const std::string alphabet = "abdilnopv*#.[]=\"' >,:()-_\\|+~/\t\n1^$";
  Random random(20240601);
  for (int i = 0; i < 4000; ++i) {
    std::string selector;
    std::size_t length = random.below(48);
    for (std::size_t j = 0; j < length; ++j) {
      selector += random.below(8) == 0 ? static_cast<char>(random.below(256))
                                       : alphabet[random.below(alphabet.size())];
    }
    CAPTURE(selector);
    exercise(selector, doc);
  }
}

TEST_CASE("random byte strings, any of the 256 values, parse or fail cleanly") {
  Document doc = Document::parse(sample);
  Random random(0xC55);
  for (int i = 0; i < 5000; ++i) {
    std::string selector;
    for (std::size_t j = random.below(64); j > 0; --j) selector += static_cast<char>(random.below(256));
    CAPTURE(selector);
    exercise(selector, doc);
  }
}

TEST_CASE("pseudo-random mutations of valid selectors parse or fail cleanly") {
  Document doc = Document::parse(sample);
  const char* const seeds[] = {
      "div#main > ul li.a a[href=\"/x\"]::attr(href)", "ul > li p::text, my-el[data-x], table > tbody td",
      "*[title='q'], .a.b, #main a::text",
      "li:nth-child(2n+1 of .a) + li ~ p:not(:first-of-type):is(p, b)",
      "div:has(> ul li:last-child, + table) [title^=q i]:contains('x')",
      ":where(ul, ol) > :nth-last-of-type(-n+3):not(:empty, :root)::all-text"};
  const std::string pieces[] = {"", " ", ">", ",", "::text", "::attr(", ")", "[", "]", "=", "\"", "#", ".", "*", "a",
                                "+", "~", ":is(", ":not(", ":has(", ":nth-child(", "2n+1", " of ", "\\", "-", "n",
                                "i]", "^=", "|"};
  Random random(7);
  for (int i = 0; i < 3000; ++i) {
    std::string selector = seeds[random.below(std::size(seeds))];
    for (int edits = 1 + static_cast<int>(random.below(3)); edits > 0; --edits) {
      std::size_t at = random.below(selector.size() + 1);
      std::size_t erase = random.below(3);
      selector.replace(at, erase, pieces[random.below(std::size(pieces))]);
    }
    CAPTURE(selector);
    exercise(selector, doc);
  }
}

TEST_CASE("deeply repeated selector text neither overflows the stack nor hangs") {
  Document doc = Document::parse(sample);
  const char* const pieces[] = {"(", ")", " > ", "[", "[a", ":", "::", "::attr(", "\"", "/*", ",", "#", ".", "\\",
                                ":is(", ":not(", ":has(", ":nth-child(1 of ", "+", " ~ ", ":has(+", "\\31 "};
  for (const char* piece : pieces) {
    CAPTURE(piece);
    exercise(repeat(piece, 10'000), doc);
  }
  // Valid and ten thousand compounds long.
  exercise(repeat("div ", 10'000) + "a", doc);
  exercise(repeat("* > ", 10'000) + "a", doc);
  exercise("a" + repeat(", a", 10'000), doc);
  exercise(repeat("a + ", 10'000) + "a", doc);
  exercise(repeat("* ~ ", 10'000) + "a", doc);
  exercise(repeat(":is(", 10'000) + "a" + repeat(")", 10'000), doc);
  exercise(repeat("a:not(b)", 5'000), doc);
  exercise(":has(" + repeat("a ~ ", 2'000) + "a)", doc);
}

TEST_CASE("select_all with its shared caches agrees with matches() element by element") {
  // The nth-child cache of one selection must never change an answer:
  // compare against a fresh matcher per element, on pseudo-random pages.
  const char* const selectors[] = {
      "li:nth-child(2n+1)", "li:nth-last-child(-n+2)", ":nth-of-type(2)", "p:nth-last-of-type(odd)",
      ":nth-child(2 of .a)", ":nth-last-child(odd of p, .a)", "*:first-of-type:last-of-type",
      "li:nth-child(3n) ~ li", ":nth-child(odd) > :nth-last-child(even)", ":has(> :nth-child(2 of .a))",
      ":nth-of-type(2n+1):not(:nth-child(3))", "b:only-of-type, p:nth-child(n+2 of p)"};
  const char* const pieces[] = {"<ul>", "</ul>", "<li>", "<li class=a>", "<p>", "<p class=a>", "</p>", "<b>", "</b>",
                                "<div>", "</div>", "<i class=a>", "x", "<!--c-->", "<dl><dt>", "<dd class=a>"};
  Random random(99);
  for (int i = 0; i < 300; ++i) {
    std::string html;
    for (std::size_t j = 20 + random.below(100); j > 0; --j) html += pieces[random.below(std::size(pieces))];
    Document doc = Document::parse(html);
    for (const char* text : selectors) {
      auto parsed = parse_selector(text);
      REQUIRE(parsed);
      std::vector<const GumboNode*> expected;
      PreorderWalk walk(doc.root());
      while (const GumboNode* node = walk.next()) {
        if (!is_element(node)) continue;
        for (const ComplexSelector& member : parsed->selectors) {
          if (matches(node, member)) {
            expected.push_back(node);
            break;
          }
        }
      }
      CAPTURE(html);
      CAPTURE(std::string(text));
      CHECK(select_all(doc.root(), *parsed) == expected);
    }
  }
}

TEST_CASE("a selector of a thousand compounds matches a page ten thousand levels deep") {
  // Every element is tried, and each try climbs up to a thousand ancestors.
  std::string html = repeat("<div>", 10'000);
  Document doc = Document::parse(html);
  auto chain = parse_selector(repeat("div > ", 999) + "div");
  REQUIRE(chain);
  CHECK(select_all(doc.root(), *chain).size() == 10'000 - 999);
  auto missing = parse_selector("p div");
  REQUIRE(missing);
  CHECK(select_all(doc.root(), *missing).empty());
}

TEST_CASE("pseudo-random tag soup parses, matches and yields text") {
  const char* const pieces[] = {
      "<div>", "</div>", "<p class=a>", "</p>", "<table>", "<tr>", "<td>", "</table>", "<!--", "-->",
      "&amp;", "&#", "<script>", "</script>", "<a href=x>", "</a>", "<svg>", "<![CDATA[", "]]>",
      "<template>", "</template>", "<b>", "<i>", "</b>", "text", " ", "\n", "<", ">", "\"", "<x-y>"};
  auto selectors = parse_selector("div p, a::attr(href), table > tbody td::text, b i, x-y, *");
  REQUIRE(selectors);
  Random random(42);
  for (int i = 0; i < 1500; ++i) {
    std::string html;
    for (std::size_t j = random.below(64); j > 0; --j) {
      if (random.below(10) == 0) {
        html += static_cast<char>(random.below(256));
      } else {
        html += pieces[random.below(std::size(pieces))];
      }
    }
    CAPTURE(html);
    Document doc = Document::parse(html);
    REQUIRE(doc.root() != nullptr);
    auto all = select_all(doc.root(), *selectors);
    CHECK_FALSE(all.empty());  // `*` matches at least html, head and body
    (void)select_values(doc.root(), *selectors);
    (void)all_text(doc.root());
  }
}

TEST_CASE("ten thousand levels of nested markup parse, match and yield text") {
  const char* const openers[] = {"<div>", "<b>", "<span><i>", "<table><tr><td>", "<x-a>", "<template>"};
  auto selector = parse_selector("* *::text, div, td > table");
  REQUIRE(selector);
  for (std::string opener : openers) {
    CAPTURE(opener);
    Document doc = Document::parse(repeat(opener, 10'000) + "leaf");
    // Template contents are not text of the page around them.
    CHECK(all_text(doc.root()) == (opener == "<template>" ? "" : "leaf"));
    (void)select_values(doc.root(), *selector);
  }
}
