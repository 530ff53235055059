// ElementIndex: selections through the index find exactly what a walk of the
// whole tree finds (same elements, same order, same list member), and the
// candidates it offers are the few filed under the subject's rarest key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "html/document.hpp"
#include "html/element_index.hpp"
#include "html/matcher.hpp"
#include "html/selector_parser.hpp"
#include "element_names.hpp"
#include "support/random.hpp"

using namespace gleaner::html;
using gleaner::html::testing::names;

namespace {

SelectorList compile(const std::string& selector) {
  auto parsed = parse_selector(selector);
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().message));
  return *parsed;
}

// The same selection walked and indexed; returns the walk's names.
std::string both_ways(const Document& doc, const std::string& selector) {
  CAPTURE(selector);
  const SelectorList list = compile(selector);
  const std::vector<Match> walked = select_matches(doc.root(), list);
  const std::vector<Match> indexed = select_matches(doc.root(), list, &doc.index());
  REQUIRE(walked.size() == indexed.size());
  for (std::size_t i = 0; i < walked.size(); ++i) {
    CHECK(walked[i].element == indexed[i].element);
    CHECK(walked[i].selector == indexed[i].selector);
  }
  return names(select_all(doc.root(), list));
}

std::size_t candidate_count(const Document& doc, const std::string& selector) {
  std::vector<const GumboNode*> storage;
  return doc.index().candidates(compile(selector), storage).size();
}

const char* const page = R"(<!doctype html><html><head><base href="/b/"><title>t</title></head><body>
  <div id=main class="product info">
    <h1 id=title class="title title">Name</h1>
    <span ITEMPROP=sku class=sku>S-1</span>
    <p class="price now" data-currency=EUR>1,00</p>
    <ul class=list><li id=l1 class=a>1</li><li id=l2 class="a b">2</li><li id=l3>3</li></ul>
    <my-widget id=w class=a>custom</my-widget>
    <svg viewBox="0 0 1 1"><circle id=c class=a r=1 /></svg>
    <template id=tpl><p id=hidden class=a>inside</p></template>
    <p id=main2 class=main>id and class of one name</p>
  </div></body></html>)";

}  // namespace

TEST_CASE("the index finds what the walk finds, for every kind of subject key") {
  Document doc = Document::parse(page);
  CHECK(both_ways(doc, "li") == "l1 l2 l3");
  CHECK(both_ways(doc, ".a") == "l1 l2 w c");  // not the <template>'s content
  CHECK(both_ways(doc, "li.a.b") == "l2");
  CHECK(both_ways(doc, "#main") == "main");    // the id, not the class "main"
  CHECK(both_ways(doc, ".main") == "main2");
  CHECK(both_ways(doc, ".title") == "title");  // class="title title" once
  CHECK(both_ways(doc, "[itemprop=sku]") == "span");  // attribute names fold case
  CHECK(both_ways(doc, "[ItemProp]") == "span");
  CHECK(both_ways(doc, "[viewbox]") == "svg");  // a foreign element's camelCase name
  CHECK(both_ways(doc, "my-widget") == "w");    // a tag gumbo does not know
  CHECK(both_ways(doc, "base[href]") == "base");
  CHECK(both_ways(doc, "*:not(li):not(div) .a") == "l1 l2 w c");
  CHECK(both_ways(doc, "li:nth-child(2)") == "l2");
  CHECK(both_ways(doc, ".missing, li:first-child") == "l1");
  CHECK(both_ways(doc, ".nothing") == "");
  CHECK(both_ways(doc, "template") == "tpl");
}

TEST_CASE("a list's members merge into document order, each element once, first member reported") {
  Document doc = Document::parse(page);
  CHECK(both_ways(doc, "#l3, .a, li") == "l1 l2 l3 w c");
  const SelectorList list = compile("li, .b");
  const std::vector<Match> matches = select_matches(doc.root(), list, &doc.index());
  REQUIRE(matches.size() == 3);
  CHECK(matches[1].selector == &list.selectors[0]);  // l2 matches both: "li" comes first
}

TEST_CASE("candidates come from the subject's rarest key") {
  Document doc = Document::parse(page);
  CHECK(candidate_count(doc, "li.b") == 1);                 // .b: one element, li: three
  CHECK(candidate_count(doc, "ul li") == 3);                // only the subject compound counts
  CHECK(candidate_count(doc, ".a, #main") == 5);            // 4 + 1, merged
  CHECK(candidate_count(doc, "li.nothing") == 0);           // a key no element has
  CHECK(candidate_count(doc, "*") == doc.index().size());   // no key: everything
  CHECK(candidate_count(doc, ":not(p)") == doc.index().size());
  CHECK(candidate_count(doc, "li, *") == doc.index().size());
  // A compound further left that no element can match rules the member out.
  CHECK(candidate_count(doc, "ol.nothing li") == 0);
  CHECK(candidate_count(doc, ".nothing ~ *, li") == 3);
  CHECK(candidate_count(doc, "div > ul li") == 3);
}

TEST_CASE("a rarer ancestor compound narrows the candidates to its subtrees") {
  Document doc = Document::parse(page);
  CHECK(candidate_count(doc, ".a") == 4);             // l1 l2 w c (the template's p is not filed)
  CHECK(candidate_count(doc, "ul.list .a") == 2);     // l1 l2: inside the one ul
  CHECK(candidate_count(doc, "svg > .a") == 1);       // c
  CHECK(candidate_count(doc, "li .a") == 0);          // no .a inside an li
  CHECK(candidate_count(doc, "ul.list *") == 3);      // no subject key: the ul's subtree
  CHECK(candidate_count(doc, "template *") == 0);     // its contents are not selectable
  // After a sibling combinator the compound is no ancestor: no narrowing.
  CHECK(candidate_count(doc, "ul.list ~ .a") == 4);
  CHECK(candidate_count(doc, "ul.list + *") == doc.index().size());
  // Ancestors further left count too, through sibling combinators on the right.
  CHECK(candidate_count(doc, "ul.list #l1 ~ li") == 3);
  CHECK(candidate_count(doc, "svg * ~ .a, ul.list .a") == 3);  // c, then l1 l2: merged
  for (const char* selector : {"ul.list .a", "svg > .a", "li .a", "ul.list *", "ul.list #l1 ~ li", "div p.price ~ ul li.b",
                               "#main *", "template *", "svg * ~ .a, ul.list .a", "div li, svg .a, p"}) {
    both_ways(doc, selector);
  }
}

TEST_CASE("an index of one node is ignored for selections scoped elsewhere") {
  Document doc = Document::parse(page);
  const GumboNode* list = select_all(doc.root(), compile("ul"), &doc.index()).front();
  CHECK(names(select_all(list, compile(".a"), &doc.index())) == "l1 l2");
}

// Random pages from a small vocabulary of tags, classes and ids, so that
// buckets overlap and collide in every way, against random selectors built
// from the same words.
TEST_CASE("random pages and selectors: indexed and walked selections agree") {
  gleaner::testing::Random random(20261130);
  const std::vector<std::string> tags = {"div", "p", "a", "li", "ul", "span", "x-card", "b"};
  const std::vector<std::string> words = {"a", "b", "c", "main", "x"};
  auto pick = [&random](const std::vector<std::string>& from) { return from[random.below(from.size())]; };

  for (int round = 0; round < 40; ++round) {
    std::string html = "<!doctype html><body>";
    int open = 0;
    for (int i = 0; i < 60; ++i) {
      if (open > 0 && random.below(3) == 0) {
        html += "</div>";
        --open;
        continue;
      }
      const std::string tag = random.below(4) == 0 ? "div" : pick(tags);
      html += "<" + tag;
      if (random.below(2) == 0) html += " class=\"" + pick(words) + " " + pick(words) + "\"";
      if (random.below(4) == 0) html += " id=" + pick(words);
      if (random.below(4) == 0) html += " DATA-" + pick(words) + "=" + pick(words);
      html += ">t";
      if (tag == "div") ++open;
    }
    const Document doc = Document::parse(html);
    for (int i = 0; i < 30; ++i) {
      std::string selector;
      const std::size_t members = 1 + random.below(3);
      for (std::size_t m = 0; m < members; ++m) {
        if (m > 0) selector += ", ";
        // Up to two compounds before the subject, joined by any combinator,
        // so that the ancestor compounds (before ' ' and '>') narrow.
        for (std::size_t left = random.below(3); left > 0; --left) {
          static const std::vector<std::string> combinators = {" ", " > ", " + ", " ~ "};
          selector += (random.below(2) == 0 ? pick(tags) : "." + pick(words)) + pick(combinators);
        }
        switch (random.below(5)) {
          case 0: selector += pick(tags); break;
          case 1: selector += "." + pick(words); break;
          case 2: selector += "#" + pick(words); break;
          case 3: selector += "[data-" + pick(words) + "]"; break;
          default: selector += pick(tags) + "." + pick(words) + ":nth-child(odd)"; break;
        }
      }
      both_ways(doc, selector);
    }
  }
}
