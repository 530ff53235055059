// The conformance table: (spec section, document, selector, expected matches)
// rows written from Selectors Level 3/4 and the HTML Standard, run through
// parse_selector() and select_all(). Matches are named by id (by tag name for
// elements without one) and listed in document order.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/selector_parser.hpp"
#include "element_names.hpp"

using namespace gleaner::html;

namespace {

struct Row {
  const char* section;   // where the rule comes from: "S4 §16.3" is Selectors Level 4
  const char* html;
  const char* selector;
  const char* expected;  // the matches' ids (tag names without one), in document order
};

using gleaner::html::testing::names;

std::size_t rows_checked = 0;

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    const std::string section = row.section;
    const std::string selector = row.selector;
    CAPTURE(section);
    CAPTURE(selector);
    auto parsed = parse_selector(row.selector);
    REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().message));
    Document doc = Document::parse(row.html);
    CHECK(names(select_all(doc.root(), *parsed)) == row.expected);
    // The document's element index finds the same, through its buckets.
    CHECK(names(select_all(doc.root(), *parsed, &doc.index())) == row.expected);
    ++rows_checked;
  }
}

// Document order: html head body main h1 p1 a1 p2 em1 list li1 li2 li3 li4
// li5 p3 inner sp1 sp2 b1 i1 a2 a3 foot p4.
const char* const article = R"(<!DOCTYPE html>
<div id=main class="page wide" data-role="main content" lang="en-US" title="Main Page">
<h1 id=h1 class=title>Title</h1>
<p id=p1 class="intro lead">Intro <a id=a1 href="/one" hreflang=EN rel="NoFollow external">one</a></p>
<p id=p2 class="Intro">Second <em id=em1>word</em></p>
<ul id=list><li id=li1 class=odd>1</li><li id=li2 class=even>2</li><li id=li3 class=odd>3</li><li id=li4 class=even>4</li><li id=li5 class=odd>5</li></ul>
<p id=p3></p>
<div id=inner><span id=sp1>x</span><span id=sp2> </span><b id=b1></b><i id=i1><!-- only a comment --></i></div>
<a id=a2 href="https://example.com/file.PDF" class="btn btn-primary" data-id="a-2" type="Application/PDF">download</a>
<a id=a3 name=anchor>no link</a>
</div>
<footer id=foot><p id=p4>Foot</p></footer>)";

const char* const nested = R"(<!DOCTYPE html><div id=x1 class=a><div id=x2 class=b><div id=x3 class=a><p id=t1>t</p></div></div></div>)";

const char* const headings = R"(<!DOCTYPE html><div id=y><h2 id=hA></h2><p id=q1></p><h2 id=hB class=k></h2><p id=q2></p><p id=q3></p></div>)";

const char* const forms = R"(<!DOCTYPE html><form id=f>
<input id=c1 type=checkbox checked>
<input id=c2 type=checkbox>
<input id=r1 type=radio checked>
<input id=c3 type=CHECKBOX checked>
<input id=t1 type=text checked>
<input id=t2 disabled>
<button id=bt1>ok</button>
<button id=bt2 disabled>no</button>
<select id=s1><option id=o1>a<option id=o2 disabled>b</select>
<select id=s2><option id=o3 disabled>a<option id=o4>b<option id=o5>c</select>
<select id=s3><option id=o6 selected>a<option id=o7 selected>b</select>
<select id=s4 multiple><option id=o8 selected>a<option id=o9 selected>b<option id=o10>c</select>
<select id=s5 size=3><option id=o11>a</select>
<select id=s6><optgroup id=g1 disabled><option id=o12>a</optgroup><option id=o13>b</select>
<fieldset id=fs1 disabled><legend id=lg1><input id=i1></legend><legend id=lg2><input id=i2></legend><input id=i3></fieldset>
<fieldset id=fs2><input id=i4><fieldset id=fs3 disabled><input id=i5></fieldset></fieldset>
<textarea id=ta1 disabled></textarea>
</form>)";

const char* const links = R"(<!DOCTYPE html><a id=k1 href=x>a</a><a id=k2>b</a><map><area id=k3 href=y></map><link id=k4 href=z><svg><a id=k5 href=w></a></svg>)";

const char* const texts = R"(<!DOCTYPE html><div id=c1><p id=q1>In  stock</p><p id=q2>Out of <b id=qb>stock</b></p><script id=sc>var stock = 1;</script><p id=q3>PRICE: 5</p></div>)";

const char* const customs = R"(<!DOCTYPE html><div id=d><x-Item id=x1></x-Item><X-ITEM id=x2></x-item><x-other id=x3></x-other><x-item id=x4></x-item></div>)";

const char* const escapes = R"(<!DOCTYPE html><div id="1a" class="a:b 123 b.c"></div><p id="x y" class="&#xe9;t&#xe9;"></p>)";

const char* const svg = R"(<!DOCTYPE html><svg id=s><clipPath id=cp></clipPath><foreignObject id=fo><p id=pp>x</p></foreignObject></svg>)";

}  // namespace

TEST_CASE("conformance: type and universal selectors") {
  check_rows({
      {"S4 §5.1", article, "p", "p1 p2 p3 p4"},
      {"S4 §5.1 (HTML: ASCII case-insensitive)", article, "P", "p1 p2 p3 p4"},
      {"S4 §5.1", article, "li", "li1 li2 li3 li4 li5"},
      {"S4 §5.1", article, "footer", "foot"},
      {"S4 §5.1", article, "FoOtEr", "foot"},
      {"S4 §5.1", article, "section", ""},
      {"S4 §5.1", article, "span", "sp1 sp2"},
      {"S4 §5.1", article, "a", "a1 a2 a3"},
      {"S4 §5.1", article, "html", "html"},
      {"S4 §5.1 (implied by HTML parsing)", article, "head", "head"},
      {"S4 §5.1 (implied by HTML parsing)", article, "body", "body"},
      {"S4 §5.1", article, "title", ""},
      {"S4 §5.1 (custom elements)", customs, "x-item", "x1 x2 x4"},
      {"S4 §5.1 (custom elements)", customs, "X-ITEM", "x1 x2 x4"},
      {"S4 §5.1 (custom elements)", customs, "x-ite", ""},
      {"S4 §5.1 (foreign elements, gleaner folds their case too)", svg, "clippath", "cp"},
      {"S4 §5.1 (foreign elements)", svg, "clipPath", "cp"},
      {"S4 §5.1 (foreign elements)", svg, "svg > foreignObject > p", "pp"},
      {"S4 §5.2", article, "*", "html head body main h1 p1 a1 p2 em1 list li1 li2 li3 li4 li5 p3 inner sp1 sp2 b1 i1 a2 a3 foot p4"},
      {"S4 §5.2", article, "#list > *", "li1 li2 li3 li4 li5"},
      {"S4 §5.2", article, "*#p1", "p1"},
      {"S4 §5.2", article, "*.odd", "li1 li3 li5"},
      {"S4 §5.2", article, "#foot *", "p4"},
      {"S4 §5.2", article, "* > #p4", "p4"},
      {"S4 §5.2", article, "* * * * * *", ""},
      {"S4 §5.2", article, "* * * * *", "a1 em1 li1 li2 li3 li4 li5 sp1 sp2 b1 i1"},
  });
}

TEST_CASE("conformance: attribute presence and value selectors") {
  check_rows({
      {"S4 §6.1 [att]", article, "[href]", "a1 a2"},
      {"S4 §6.1 (HTML: attribute names are case-insensitive)", article, "[HREF]", "a1 a2"},
      {"S4 §6.1 [att]", article, "[name]", "a3"},
      {"S4 §6.1 [att]", article, "[title]", "main"},
      {"S4 §6.1 [att]", article, "[data-role]", "main"},
      {"S4 §6.1 [att=val]", article, "[title=\"Main Page\"]", "main"},
      {"S4 §6.1 [att=val]", article, "[title='Main Page']", "main"},
      {"S4 §6.1 [att=val]: the whole value", article, "[title=Main]", ""},
      {"S4 §6.1 [att=val]: case-sensitive", article, "[title=\"main page\"]", ""},
      {"S4 §6.1 [att=val]", article, "[id=p1]", "p1"},
      {"S4 §6.1 [att=val]", article, "a[name=anchor]", "a3"},
      {"S4 §6.1 [att=val]", article, "[class=odd]", "li1 li3 li5"},
      {"S4 §6.1 [att=val]", article, "[class=\"intro lead\"]", "p1"},
      {"S4 §6.1 [att=val]: no word matching", article, "[class=intro]", ""},
      {"S4 §6.1 [att~=val]", article, "[data-role~=content]", "main"},
      {"S4 §6.1 [att~=val]", article, "[data-role~=main]", "main"},
      {"S4 §6.1 [att~=val]: whitespace in val never matches", article, "[data-role~=\"main content\"]", ""},
      {"S4 §6.1 [att~=val]: empty val never matches", article, "[data-role~=\"\"]", ""},
      {"S4 §6.1 [att~=val]: whole words", article, "[data-role~=mai]", ""},
      {"S4 §6.1 [att~=val]", article, "[class~=btn-primary]", "a2"},
      {"S4 §6.1 [att~=val]", article, "[class~=btn]", "a2"},
      {"S4 §6.1 [att|=val]", article, "[lang|=en]", "main"},
      {"S4 §6.1 [att|=val] (lang is case-insensitive in HTML)", article, "[lang|=EN]", "main"},
      {"S4 §6.1 [att|=val]: exactly val", article, "[lang|=en-US]", "main"},
      {"S4 §6.1 [att|=val]: val then '-'", article, "[lang|=e]", ""},
      {"S4 §6.1 [att|=val]", article, "[data-id|=a]", "a2"},
      {"S4 §6.1 [att|=val]: case-sensitive", article, "[data-id|=A]", ""},
      {"S4 §6.1 [att|=val]", article, "[data-id|=\"a-2\"]", "a2"},
      {"S4 §6.1", article, "a[href][name]", ""},
      {"S4 §6.1", article, "[id][class]", "main h1 p1 p2 li1 li2 li3 li4 li5 a2"},
  });
}

TEST_CASE("conformance: attribute substring selectors and case-sensitivity") {
  check_rows({
      {"S4 §6.2 [att^=val]", article, "[href^=\"/\"]", "a1"},
      {"S4 §6.2 [att^=val]", article, "[href^=https]", "a2"},
      {"S4 §6.2 [att^=val]: empty never matches", article, "[href^=\"\"]", ""},
      {"S4 §6.2 [att$=val]", article, "[href$=\".PDF\"]", "a2"},
      {"S4 §6.2 [att$=val]: case-sensitive", article, "[href$=\".pdf\"]", ""},
      {"S4 §6.2 [att$=val]: empty never matches", article, "[href$=\"\"]", ""},
      {"S4 §6.2 [att*=val]", article, "[href*=example]", "a2"},
      {"S4 §6.2 [att*=val]: empty never matches", article, "[href*=\"\"]", ""},
      {"S4 §6.2 [att*=val]", article, "[href*=o]", "a1 a2"},
      {"S4 §6.2", article, "[title^=Main][title$=Page]", "main"},
      {"S4 §6.2 [att*=val]", article, "[data-role*=\"n c\"]", "main"},
      {"S4 §6.2 [att^=val]", article, "[class^=btn]", "a2"},
      {"S4 §6.2 [att$=val]", article, "[class$=lead]", "p1"},
      {"S4 §6.2 [att*=val]", article, "[class*=tro]", "p1 p2"},
      {"S4 §6.2 [att^=val]: longer than the value", article, "[href^=\"/one/two\"]", ""},
      {"S4 §6.3 i flag", article, "[title=\"main page\" i]", "main"},
      {"S4 §6.3 i flag", article, "[title=\"MAIN PAGE\" I]", "main"},
      {"S4 §6.3 s flag", article, "[title=\"main page\" s]", ""},
      {"S4 §6.3 i flag", article, "[href$=\".pdf\" i]", "a2"},
      {"S4 §6.3 i flag", article, "[href*=EXAMPLE i]", "a2"},
      {"S4 §6.3 i flag", article, "[href^=HTTPS i]", "a2"},
      {"S4 §6.3 i flag", article, "[data-id=A-2 i]", "a2"},
      {"S4 §6.3 i flag", article, "[data-id|=A i]", "a2"},
      {"S4 §6.3 i flag", article, "[class=INTRO i]", "p2"},
      {"S4 §6.3 i flag", article, "[class~=INTRO i]", "p1 p2"},
      {"S4 §6.3 i flag", article, "[id=P1 i]", "p1"},
      {"S4 §6.3", article, "[id=P1]", ""},
      {"S4 §6.3", article, "[data-id=A-2]", ""},
      {"HTML §4.16.2 hreflang is case-insensitive", article, "[hreflang=en]", "a1"},
      {"HTML §4.16.2 unless s is given", article, "[hreflang=en s]", ""},
      {"HTML §4.16.2", article, "[hreflang=EN s]", "a1"},
      {"HTML §4.16.2 rel", article, "[rel~=nofollow]", "a1"},
      {"HTML §4.16.2 rel", article, "[rel~=NOFOLLOW]", "a1"},
      {"HTML §4.16.2 type", article, "[type=\"application/pdf\"]", "a2"},
      {"HTML §4.16.2 lang", article, "[lang=EN-us]", "main"},
      {"HTML §4.16.2 only on HTML elements", "<svg><g id=g1 type=Big></g></svg><p id=p type=Big>", "[type=big]", "p"},
  });
}

TEST_CASE("conformance: class and id selectors") {
  check_rows({
      {"S4 §6.6", article, ".odd", "li1 li3 li5"},
      {"S4 §6.6", article, ".even", "li2 li4"},
      {"S4 §6.6: case-sensitive", article, ".intro", "p1"},
      {"S4 §6.6: case-sensitive", article, ".Intro", "p2"},
      {"S4 §6.6", article, ".intro.lead", "p1"},
      {"S4 §6.6", article, ".lead.intro", "p1"},
      {"S4 §6.6", article, ".page.wide", "main"},
      {"S4 §6.6", article, ".btn.btn-primary", "a2"},
      {"S4 §6.6: whole words", article, ".btn-", ""},
      {"S4 §6.6", article, "p.intro", "p1"},
      {"S4 §6.6", article, "li.odd.even", ""},
      {"S4 §6.6", article, ".title", "h1"},
      {"S4 §6.6: any ASCII whitespace separates", "<p id=p class=\"a\tb\nc\fd\re\">", ".a.b.c.d.e", "p"},
      {"S4 §6.6: U+00A0 does not separate", "<p id=p class=\"a&nbsp;b\">", ".a", ""},
      {"S4 §6.7", article, "#p1", "p1"},
      {"S4 §6.7: case-sensitive", article, "#P1", ""},
      {"S4 §6.7", article, "p#p1", "p1"},
      {"S4 §6.7", article, "li#p1", ""},
      {"S4 §6.7", article, "#main #li3", "li3"},
      {"S4 §6.7", article, "#li3#li3", "li3"},
      {"S4 §6.7: one id per element", article, "#li3#li4", ""},
      {"S4 §6.7", article, "#foot > #p4", "p4"},
      {"S4 §6.7: duplicate ids all match", "<p id=x class=one></p><p id=x class=two></p>", "#x.two", "x"},
  });
}

TEST_CASE("conformance: CSS escapes and comments in selectors") {
  check_rows({
      {"CSS Syntax §4.3.7 hex escape", escapes, "#\\31 a", "1a"},
      {"CSS Syntax §4.3.7", escapes, "#\\31 A", ""},
      {"CSS Syntax §4.3.7", escapes, "DIV#\\31 a", "1a"},
      {"CSS Syntax §4.3.7 literal escape", escapes, ".a\\:b", "1a"},
      {"CSS Syntax §4.3.7", escapes, ".\\31 23", "1a"},
      {"CSS Syntax §4.3.7: six hex digits at most", escapes, ".\\00003123", "1a"},
      {"CSS Syntax §4.3.7", escapes, ".b\\.c", "1a"},
      {"CSS Syntax §4.3.7", escapes, ".\\61\\:b", "1a"},
      {"CSS Syntax §4.3.7", escapes, "#x\\ y", "x y"},
      {"CSS Syntax §4.3.7 in strings", escapes, "[id='x\\20y']", "x y"},
      {"CSS Syntax §4.3.7", escapes, "[class~=\"a:b\"]", "1a"},
      {"CSS Syntax §4.3.7 non-ASCII", escapes, ".\\E9t\\E9", "x y"},
      {"CSS Syntax §4.3.7 non-ASCII", escapes, ".\xc3\xa9t\xc3\xa9", "x y"},
      {"CSS Syntax §4.3.2 comments", article, "li/**/:first-child", "li1"},
      {"CSS Syntax §4.3.2 comments", article, "#list /* c */ > li:nth-child( 2 )", "li2"},
      {"S4 §16: whitespace around combinators is optional", article, "#list>li+li", "li2 li3 li4 li5"},
      {"S4 §18: leading and trailing whitespace", article, " \tli:first-child\n ", "li1"},
  });
}

TEST_CASE("conformance: descendant and child combinators") {
  check_rows({
      {"S4 §16.1", article, "#main p", "p1 p2 p3"},
      {"S4 §16.1", article, "div p", "p1 p2 p3"},
      {"S4 §16.1", article, "body p", "p1 p2 p3 p4"},
      {"S4 §16.1", article, "#main a", "a1 a2 a3"},
      {"S4 §16.1", article, "p a", "a1"},
      {"S4 §16.1", article, "div span", "sp1 sp2"},
      {"S4 §16.1", article, "ul p", ""},
      {"S4 §16.1", article, "div div span", "sp1 sp2"},
      {"S4 §16.1", article, "div div div", ""},
      {"S4 §16.1", article, "html body div ul li", "li1 li2 li3 li4 li5"},
      {"S4 §16.2", article, "#main > p", "p1 p2 p3"},
      {"S4 §16.2", article, "body > p", ""},
      {"S4 §16.2", article, "footer > p", "p4"},
      {"S4 §16.2", article, "#main > a", "a2 a3"},
      {"S4 §16.2", article, "div > span", "sp1 sp2"},
      {"S4 §16.2", article, "#main > span", ""},
      {"S4 §16.2", article, "body > * > li", ""},
      {"S4 §16.2", article, "body > * > ul > li", "li1 li2 li3 li4 li5"},
      {"S4 §16.2", article, "html > body > footer", "foot"},
      {"S4 §16.2: the root has no parent element", article, "* > html", ""},
      {"S4 §16.1 backtracking: nearest .b fails, none higher", nested, ".a > .b p", "t1"},
      {"S4 §16.2", nested, ".b > .a > p", "t1"},
      {"S4 §16.2", nested, ".a > .a p", ""},
      {"S4 §16.1", nested, ".a .a p", "t1"},
      {"S4 §16.1", nested, ".b .b p", ""},
      {"S4 §16.1 backtracking", nested, ".a > .b > .a p", "t1"},
      {"S4 §16.1 backtracking", nested, "#x1 > div div > p", "t1"},
      {"S4 §16.1", nested, "#x2 .a > p", "t1"},
  });
}

TEST_CASE("conformance: sibling combinators") {
  check_rows({
      {"S4 §16.3", article, "h1 + p", "p1"},
      {"S4 §16.3", article, "p + p", "p2"},
      {"S4 §16.3", article, "li + li", "li2 li3 li4 li5"},
      {"S4 §16.3", article, "#li2 + li", "li3"},
      {"S4 §16.3", article, "#li5 + *", ""},
      {"S4 §16.3", article, "ul + p", "p3"},
      {"S4 §16.3", article, "p + ul", "list"},
      {"S4 §16.3", article, "#p3 + div", "inner"},
      {"S4 §16.3", article, "span + b", "b1"},
      {"S4 §16.3: only the nearest element", article, "#sp2 + i", ""},
      {"S4 §16.3: comments and text are not elements", article, "b + i", "i1"},
      {"S4 §16.3: text between is skipped", "<p><b id=b>x</b> text <i id=i>y</i></p>", "b + i", "i"},
      {"S4 §16.3", article, "#main + footer", "foot"},
      {"S4 §16.3", article, "h1 + #p2", ""},
      {"S4 §16.3: head and body are siblings", article, "head + body", "body"},
      {"S4 §16.4", article, "h1 ~ p", "p1 p2 p3"},
      {"S4 §16.4", article, "#li3 ~ li", "li4 li5"},
      {"S4 §16.4", article, "#li5 ~ li", ""},
      {"S4 §16.4", article, "#p2 ~ *", "list p3 inner a2 a3"},
      {"S4 §16.4", article, "ul ~ a", "a2 a3"},
      {"S4 §16.4", article, "span ~ span", "sp2"},
      {"S4 §16.4", article, "#sp1 ~ i", "i1"},
      {"S4 §16.4: siblings only", article, "p ~ footer", ""},
      {"S4 §16.4", article, "div ~ footer", "foot"},
      {"S4 §16.4: preceding only", article, "#li3 ~ #li2", ""},
      {"S4 §16", article, "h1 ~ ul > li + li", "li2 li3 li4 li5"},
      {"S4 §16", article, "h1 + p ~ p > em", "em1"},
      {"S4 §16", article, "#p1 ~ p a", ""},
      {"S4 §16", article, "h1 ~ * a", "a1"},
      {"S4 §16 backtracking over siblings", article, "li.odd + li.even ~ li.odd", "li3 li5"},
      {"S4 §16", article, "#main > p + p + ul", "list"},
      {"S4 §16", article, "div > p ~ div span", "sp1 sp2"},
      {"S4 §16", article, "body > div p ~ ul", "list"},
      {"S4 §16", article, "body > div > ul ~ div > span + span", "sp2"},
      {"S4 §16.4 backtracking", headings, "h2.k ~ p", "q2 q3"},
      {"S4 §16.3", headings, "h2.k + p", "q2"},
      {"S4 §16.4 backtracking", headings, "h2 + p ~ p", "q2 q3"},
      {"S4 §16.3", headings, "h2.k + p + p", "q3"},
      {"S4 §16.4", headings, "h2.k ~ p ~ p", "q3"},
      {"S4 §16.4", headings, "h2 ~ h2 ~ p", "q2 q3"},
      {"S4 §16.4", headings, "p ~ h2 + p", "q2"},
      {"S4 §16.4 then §16.1", headings, "h2 ~ p", "q1 q2 q3"},
  });
}

TEST_CASE("conformance: selector lists") {
  check_rows({
      {"S4 §4.1", article, "h1, footer", "h1 foot"},
      {"S4 §4.1: document order, not list order", article, "footer, h1", "h1 foot"},
      {"S4 §4.1: no duplicates", article, "li, #li3", "li1 li2 li3 li4 li5"},
      {"S4 §4.1", article, "nope, #p4", "p4"},
      {"S4 §4.1", article, "p, p a", "p1 a1 p2 p3 p4"},
      {"S4 §4.1", article, ".odd, .even", "li1 li2 li3 li4 li5"},
      {"S4 §4.1: no duplicates", article, "li, li:first-child, .odd", "li1 li2 li3 li4 li5"},
      {"S4 §4.1", article, "#li5, #li1", "li1 li5"},
      {"S4 §4.1", article, "* > li, ul li", "li1 li2 li3 li4 li5"},
  });
}

TEST_CASE("conformance: :is(), :where() and :not()") {
  check_rows({
      {"S4 §4.2", article, ":is(h1, footer)", "h1 foot"},
      {"S4 §4.2", article, "p:is(.intro, .Intro)", "p1 p2"},
      {"S4 §4.2", article, ":is(#main, #foot) > p", "p1 p2 p3 p4"},
      {"S4 §4.2", article, ":is(ul, ol) > li:is(.odd)", "li1 li3 li5"},
      {"S4 §4.2: complex arguments", article, ":is(div p) a", "a1"},
      {"S4 §4.2: context outside the argument", article, "a:is(p a)", "a1"},
      {"S4 §4.2", article, ":is(p, li) :is(a, em)", "a1 em1"},
      {"S4 §4.2", article, "li:is(:first-child, :last-child)", "li1 li5"},
      {"S4 §4.2", article, ":is(:is(:is(#p4)))", "p4"},
      {"S4 §4.2", article, "p:is(*)", "p1 p2 p3 p4"},
      {"S4 §4.2", article, ":is(h1 + p)", "p1"},
      {"S4 §4.2", article, ":is(footer p, #inner span)", "sp1 sp2 p4"},
      {"S4 §4.2", article, ":is(li, li)", "li1 li2 li3 li4 li5"},
      {"S4 §4.2", article, "ul :is(li:nth-child(2) + li)", "li3"},
      {"S4 §4.4", article, ":where(h1, footer)", "h1 foot"},
      {"S4 §4.4", article, "li:where(.even)", "li2 li4"},
      {"S4 §4.4", article, ":where(#inner) > *", "sp1 sp2 b1 i1"},
      {"S4 §4.4", article, ":where(ul) li:where(:nth-child(2))", "li2"},
      {"S4 §4.4", article, ":where(:not(li)):where(.odd)", ""},
      {"S4 §4.3", article, "li:not(.odd)", "li2 li4"},
      {"S4 §4.3: a list", article, "li:not(.odd, #li2)", "li4"},
      {"S4 §4.3", article, "li:not(:first-child):not(:last-child)", "li2 li3 li4"},
      {"S4 §4.3", article, "#main > :not(p, ul, div, a)", "h1"},
      {"S4 §4.3: complex arguments", article, "p:not(#main > p)", "p4"},
      {"S4 §4.3", article, "p:not(div p)", "p4"},
      {"S4 §4.3", article, "a:not([href])", "a3"},
      {"S4 §4.3", article, ":not(*)", ""},
      {"S4 §4.3", article, "#list > :not(li)", ""},
      {"S4 §4.3: double negation", article, "li:not(:not(.even))", "li2 li4"},
      {"S4 §4.3", article, "#inner > :not(span)", "b1 i1"},
      {"S4 §4.3", article, "p:not(.intro):not(.Intro)", "p3 p4"},
      {"S4 §4.3", article, "#main > :not(:is(p, a)):not(ul)", "h1 inner"},
      {"S4 §4.3", article, ":not(html, head, body, div, p, li, ul, a, span, em, footer)", "h1 b1 i1"},
      {"S4 §4.3", article, "footer :not(p)", ""},
      {"S4 §4.3: sibling context", article, "li:not(li + li)", "li1"},
  });
}

TEST_CASE("conformance: :has()") {
  check_rows({
      {"S4 §4.5", article, "p:has(a)", "p1"},
      {"S4 §4.5", article, "p:has(> em)", "p2"},
      {"S4 §4.5", article, "div:has(span)", "main inner"},
      {"S4 §4.5", article, "div:has(> span)", "inner"},
      {"S4 §4.5", article, "div:has(> p)", "main"},
      {"S4 §4.5", article, "#main:has(> ul > li.odd)", "main"},
      {"S4 §4.5", article, "ul:has(> li + li)", "list"},
      {"S4 §4.5 next-sibling", article, "li:has(+ li.even)", "li1 li3"},
      {"S4 §4.5 subsequent-sibling", article, "li:has(~ #li4)", "li1 li2 li3"},
      {"S4 §4.5", article, "h1:has(+ p)", "h1"},
      {"S4 §4.5", article, "h1:has(+ ul)", ""},
      {"S4 §4.5", article, "h1:has(~ ul)", "h1"},
      {"S4 §4.5 sibling then descendant", article, "h1:has(~ div span)", "h1"},
      {"S4 §4.5", article, "h1:has(+ p a)", "h1"},
      {"S4 §4.5", article, "h1:has(+ p em)", ""},
      {"S4 §4.5", article, ":has(> #p4)", "foot"},
      {"S4 §4.5", article, "body > :has(p)", "main foot"},
      {"S4 §4.5", article, "div:has(footer)", ""},
      {"S4 §4.5: a list", article, "p:has(em, a)", "p1 p2"},
      {"S4 §4.5", article, ":has(#h1) :has(em)", "body main p2"},
      {"S4 §4.5", article, "li:has(*)", ""},
      {"S4 §4.5", article, ":has(> li:nth-child(5))", "list"},
      {"S4 §4.5", article, "p:not(:has(*))", "p3 p4"},
      {"S4 §4.5", article, "div:has(p) p", "p1 p2 p3"},
      {"S4 §4.5", article, "p:has(+ p)", "p1"},
      {"S4 §4.5", article, "a:has(~ a)", "a2"},
      {"S4 §4.5", article, ":is(h1, p):has(+ p)", "h1 p1"},
      {"S4 §4.5", article, "#main:has(h1 + p)", "main"},
      {"S4 §4.5", article, "#main:has(p + p ~ div > span)", "main"},
      {"S4 §4.5", article, "#foot:has(+ *)", ""},
      {"S4 §4.5: the relative selector starts below the anchor", nested, "#x2:has(.a p)", "x2"},
      {"S4 §4.5: ... not above it", nested, "#x3:has(.b p)", ""},
      {"S4 §4.5", nested, "#x3:has(.a p)", ""},
      {"S4 §4.5", nested, ".a:has(> .b)", "x1"},
      {"S4 §4.5", headings, "h2:has(+ p + h2)", "hA"},
      {"S4 §4.5", headings, "h2:has(~ p + p)", "hA hB"},
      {"S4 §4.5", headings, "p:has(~ .k)", "q1"},
      {"HTML §4.12.3: template contents are not descendants", "<template id=t><p>x</p></template>", "template:has(p)", ""},
  });
}

TEST_CASE("conformance: :root, :empty and :scope") {
  check_rows({
      {"S4 §13.1", article, ":root", "html"},
      {"S4 §13.1", article, "html:root", "html"},
      {"S4 §13.1", article, "body:root", ""},
      {"S4 §13.1", article, ":root > body", "body"},
      {"S4 §13.1", article, ":root > *", "head body"},
      {"S4 §13.1: implied html is the root", "<p id=p>", ":root > body > p", "p"},
      {"S4 §13.3: no scoping root, so the document root", article, ":scope", "html"},
      {"S4 §13.3", article, ":scope > head", "head"},
      {"S4 §13.2", article, "p:empty", "p3"},
      {"S4 §13.2: comments do not count, whitespace does (as in browsers)", article, "#inner > :empty", "b1 i1"},
      {"S4 §13.2", article, "span:empty", ""},
      {"S4 §13.2", article, "li:empty", ""},
      {"S4 §13.2", article, ":empty", "head p3 b1 i1"},
      {"S4 §13.2: void elements are empty", "<p><img id=i><br id=b>x</p>", ":empty", "head i b"},
      {"S4 §13.2: entities are text", "<p id=p>&amp;</p><p id=q></p>", "p:empty", "q"},
      {"S4 §13.2", article, "div:not(:empty)", "main inner"},
      {"HTML §4.12.3: a template's contents are not its children", "<template id=t><p>x</p></template>", "template:empty", "t"},
  });
}

TEST_CASE("conformance: child-indexed pseudo-classes") {
  check_rows({
      {"S4 §14.3.3", article, "li:first-child", "li1"},
      {"S4 §14.3.4", article, "li:last-child", "li5"},
      {"S4 §14.3.5", article, "li:only-child", ""},
      {"S4 §14.3.5", article, "#foot > :only-child", "p4"},
      {"S4 §14.3.5: the root is its document's only element child", article, ":only-child", "html a1 em1 p4"},
      {"S4 §14.3.3", article, "#main > :first-child", "h1"},
      {"S4 §14.3.4", article, "#main > :last-child", "a3"},
      {"S4 §14.3.3: text before does not count", "<p>text <b id=b>x</b></p>", "b:first-child", "b"},
      {"S4 §14.3.1", article, "li:nth-child(2)", "li2"},
      {"S4 §14.3.1 odd", article, "li:nth-child(odd)", "li1 li3 li5"},
      {"S4 §14.3.1 even", article, "li:nth-child(even)", "li2 li4"},
      {"S4 §14.3.1", article, "li:nth-child(2n+1)", "li1 li3 li5"},
      {"S4 §14.3.1", article, "li:nth-child(2n)", "li2 li4"},
      {"S4 §14.3.1", article, "li:nth-child(n)", "li1 li2 li3 li4 li5"},
      {"S4 §14.3.1", article, "li:nth-child(n+3)", "li3 li4 li5"},
      {"S4 §14.3.1", article, "li:nth-child(-n+3)", "li1 li2 li3"},
      {"S4 §14.3.1", article, "li:nth-child(-n+0)", ""},
      {"S4 §14.3.1", article, "li:nth-child(0)", ""},
      {"S4 §14.3.1", article, "li:nth-child(-2n+5)", "li1 li3 li5"},
      {"S4 §14.3.1", article, "li:nth-child(3n+2)", "li2 li5"},
      {"S4 §14.3.1", article, "li:nth-child(3n-1)", "li2 li5"},
      {"S4 §14.3.1", article, "li:nth-child(-n-1)", ""},
      {"S4 §14.3.1", article, "li:nth-child(6)", ""},
      {"S4 §14.3.1", article, "li:nth-child(5)", "li5"},
      {"S4 §14.3.1", article, "li:nth-child(0n+1)", "li1"},
      {"S4 §14.3.1", article, "li:nth-child(4n+ 1)", "li1 li5"},
      {"S4 §14.3.1", article, "li:nth-child( -n + 2 )", "li1 li2"},
      {"S4 §14.3.1: negative B", article, "li:nth-child(2n-5)", "li1 li3 li5"},
      {"S4 §14.3.1: huge A", article, "li:nth-child(99999999999n+1)", "li1"},
      {"S4 §14.3.2", article, "li:nth-last-child(1)", "li5"},
      {"S4 §14.3.2", article, "li:nth-last-child(2)", "li4"},
      {"S4 §14.3.2", article, "li:nth-last-child(odd)", "li1 li3 li5"},
      {"S4 §14.3.2", article, "li:nth-last-child(-n+2)", "li4 li5"},
      {"S4 §14.3.2", article, "li:nth-last-child(n+4)", "li1 li2"},
      {"S4 §14.3", article, "li:nth-child(2):nth-last-child(4)", "li2"},
      {"S4 §14.3", article, "li:nth-child(2):nth-last-child(2)", ""},
      {"S4 §14.3.1", article, "#main > :nth-child(3)", "p2"},
      {"S4 §14.3.2", article, "#main > :nth-last-child(3)", "inner"},
      {"S4 §14.3.1", article, "#main > :nth-child(n+7)", "a2 a3"},
      {"S4 §14.3.1 of S", article, "li:nth-child(2 of .odd)", "li3"},
      {"S4 §14.3.1 of S", article, "li:nth-child(1 of .even)", "li2"},
      {"S4 §14.3.1 of S", article, "li:nth-child(odd of .even)", "li2"},
      {"S4 §14.3.2 of S", article, "li:nth-last-child(1 of .odd)", "li5"},
      {"S4 §14.3.2 of S", article, "li:nth-last-child(2 of .odd)", "li3"},
      {"S4 §14.3.1 of S", article, "li:nth-child(2 of :not(#li1))", "li3"},
      {"S4 §14.3.1 of S", article, "#main > :nth-child(2 of p)", "p2"},
      {"S4 §14.3.1 of S", article, "#main > :nth-child(1 of a, h1)", "h1"},
      {"S4 §14.3.2 of S", article, "#main > :nth-last-child(1 of p)", "p3"},
      {"S4 §14.3.1: the element must match S", article, ".even:nth-child(1 of .odd)", ""},
      {"S4 §14.3.1 of S", article, "li:nth-child(n of .nope)", ""},
      {"S4 §14.3.1 of S: complex S", article, "#main > :nth-child(1 of h1 ~ p)", "p1"},
      {"S4 §14.3.1: the root's siblings are the document's children", article, "html:nth-child(1)", "html"},
      {"S4 §14.3.1", article, "body:nth-child(2)", "body"},
      {"S4 §14.3.1: the even rows of a table", "<table><tr id=r1><tr id=r2><tr id=r3><tr id=r4></table>", "tr:nth-child(even)", "r2 r4"},
  });
}

TEST_CASE("conformance: typed child-indexed pseudo-classes") {
  check_rows({
      {"S4 §14.4.3", article, "p:first-of-type", "p1 p4"},
      {"S4 §14.4.4", article, "p:last-of-type", "p3 p4"},
      {"S4 §14.4.5", article, "p:only-of-type", "p4"},
      {"S4 §14.4.3", article, "a:first-of-type", "a1 a2"},
      {"S4 §14.4.4", article, "a:last-of-type", "a1 a3"},
      {"S4 §14.4.5", article, "a:only-of-type", "a1"},
      {"S4 §14.4.3", article, "#inner > span:first-of-type", "sp1"},
      {"S4 §14.4.3", article, "#inner > :first-of-type", "sp1 b1 i1"},
      {"S4 §14.4.4", article, "#inner > :last-of-type", "sp2 b1 i1"},
      {"S4 §14.4.5", article, "#main > :only-of-type", "h1 list inner"},
      {"S4 §14.4.1", article, "p:nth-of-type(2)", "p2"},
      {"S4 §14.4.1", article, "p:nth-of-type(odd)", "p1 p3 p4"},
      {"S4 §14.4.2", article, "p:nth-last-of-type(1)", "p3 p4"},
      {"S4 §14.4.2", article, "p:nth-last-of-type(3)", "p1"},
      {"S4 §14.4.1", article, "#main > :nth-of-type(2)", "p2 a3"},
      {"S4 §14.4.2", article, "#main > :nth-last-of-type(2)", "p2 a2"},
      {"S4 §14.4.1", article, "li:nth-of-type(2n)", "li2 li4"},
      {"S4 §14.4.1", article, "p:nth-of-type(-n+2)", "p1 p2 p4"},
      {"S4 §14.4: custom element types compare case-insensitively", customs, "x-item:nth-of-type(2)", "x2"},
      {"S4 §14.4.4", customs, "x-item:last-of-type", "x4"},
      {"S4 §14.4.5", customs, "x-other:only-of-type", "x3"},
      {"S4 §14.4.3", customs, "#d > :first-of-type", "x1 x3"},
      {"S4 §14.4.1: alternating types", "<dl><dt id=t1><dd id=d1><dt id=t2><dd id=d2><dt id=t3><dd id=d3></dl>", "dd:nth-of-type(2), dt:nth-of-type(3)", "d2 t3"},
      {"S4 §14.4.2: alternating types", "<dl><dt id=t1><dd id=d1><dt id=t2><dd id=d2><dt id=t3><dd id=d3></dl>", "dt:nth-last-of-type(1), dd:nth-last-of-type(3)", "d1 t3"},
  });
}

TEST_CASE("conformance: :link, :checked, :disabled and :enabled") {
  check_rows({
      {"S4 §8.1 / HTML §4.16.3", links, ":link", "k1 k3"},
      {"S4 §8.1", links, ":any-link", "k1 k3"},
      {"S4 §8.1", links, "a:not(:link)", "k2 k5"},
      {"S4 §8.1", links, "a:link", "k1"},
      {"S4 §8.1: link elements are not hyperlinks", links, ":link:not(a)", "k3"},
      {"S4 §11.3 / HTML §4.16.3", forms, "input:checked", "c1 r1 c3"},
      {"HTML §4.16.3: selected options, with HTML's selectedness rules", forms, "option:checked", "o1 o4 o7 o8 o9 o13"},
      {"HTML §4.10.7", forms, "option:not(:checked)", "o2 o3 o5 o6 o10 o11 o12"},
      {"S4 §11.3", forms, ":checked", "c1 r1 c3 o1 o4 o7 o8 o9 o13"},
      {"HTML §4.16.3: only checkboxes and radio buttons", forms, "#t1:checked", ""},
      {"S4 §11.1 / HTML §4.16.3", forms, ":disabled", "t2 bt2 o2 o3 g1 o12 fs1 i2 i3 fs3 i5 ta1"},
      {"HTML §4.10.18.5: a disabled fieldset's first legend is exempt", forms, "legend input:enabled", "i1"},
      {"S4 §11.1", forms, "input:enabled", "c1 c2 r1 c3 t1 i1 i4"},
      {"S4 §11.1", forms, "button:enabled", "bt1"},
      {"S4 §11.1", forms, "select:enabled", "s1 s2 s3 s4 s5 s6"},
      {"S4 §11.1", forms, "fieldset:enabled", "fs2"},
      {"S4 §11.1: only form controls", forms, "form:enabled, form:disabled, legend:disabled", ""},
      {"S4 §11.1", forms, "optgroup:disabled, option:disabled", "o2 o3 g1 o12"},
  });
}

TEST_CASE("conformance: :contains() (a gleaner extension)") {
  check_rows({
      {"gleaner :contains()", texts, "p:contains(stock)", "q1 q2"},
      {"gleaner :contains(): whitespace collapsed", texts, "p:contains('In stock')", "q1"},
      {"gleaner :contains(): across elements", texts, "p:contains('of stock')", "q2"},
      {"gleaner :contains(): case-sensitive", texts, "p:contains('Stock')", ""},
      {"gleaner :contains(): a script's own text", texts, ":contains('var stock')", "sc"},
      {"gleaner :contains()", texts, "b:contains(stock)", "qb"},
      {"gleaner :contains(): ancestors contain it too", texts, ":contains('stockOut')", "html body c1"},
      {"gleaner :contains(): the empty string is everywhere", texts, "p:contains('')", "q1 q2 q3"},
      {"gleaner :contains(): any of several", texts, "p:contains(nope, PRICE)", "q3"},
      {"gleaner :contains()", texts, "p:contains(' stock')", "q1 q2"},
      {"gleaner :contains(): the text is trimmed", texts, "p:contains('stock ')", ""},
      {"gleaner :contains()", texts, ":contains('5'):not(:has(*))", "q3"},
      {"gleaner :contains(): entities decoded", "<p id=p>Fish &amp; Chips</p>", "p:contains('Fish & Chips')", "p"},
      {"gleaner :contains(): overlapping prefix", "<p id=p>aaab</p><p id=q>abab</p>", "p:contains(aab)", "p"},
  });
}

TEST_CASE("conformance: matching follows the tree HTML parsing builds") {
  check_rows({
      {"HTML §13.2.6.4.9: tbody is implied", "<table id=t><tr id=r><td id=c>1</td></tr></table>", "table > tbody > tr > td", "c"},
      {"HTML §13.2.6.4.9", "<table id=t><tr id=r><td id=c>1</td></tr></table>", "table > tr", ""},
      {"HTML §13.2.6.1 foster parenting", "<table id=t><b id=bb>x</b><tr><td>1</td></tr></table>", "body > b + table", "t"},
      {"HTML §13.2.6.1 foster parenting", "<table id=t><b id=bb>x</b><tr><td>1</td></tr></table>", "table b", ""},
      {"HTML §13.2.6.4.7: a div closes a p", "<p id=p>a<div id=d>b</div>", "p + div", "d"},
      {"HTML §13.2.6.4.7: li closes li", "<ul><li id=a>1<li id=b>2</ul>", "li + li", "b"},
      {"HTML §13.2.6.4.16", "<select id=s><option id=a>1<option id=b>2</select>", "option:last-child", "b"},
      {"HTML §13.2.6.4.7: dt closes dd", "<dl><dt id=t1>a<dd id=d1>b<dt id=t2>c</dl>", "dt ~ dt", "t2"},
      {"HTML §13.2.6.4.7: a heading closes a heading", "<h1 id=x>a<h2 id=y>b", "h1 + h2", "y"},
      {"HTML §13.2.6.4.7: an a closes an open a", "<a id=a1 href=1>x<a id=a2 href=2>y", "a + a", "a2"},
      {"HTML §13.2.6.4.7: a late title lands in body", "text<title id=t>x</title>", "body > title", "t"},
      {"HTML §4.12.3: template contents are not selected", "<template id=t><p id=x>in</p></template><p id=y>out</p>", "p", "y"},
      {"HTML §13.2.6.4.7: misnested formatting is repaired", "<b id=b><i id=i>x</b>y</i>", "b > i", "i"},
      {"HTML §13.2.6.4.7: an image tag is an img", "<image id=m src=x>", "img", "m"},
  });
}

TEST_CASE("the conformance table has at least 300 rows") {
  // doctest runs test cases in file order by default; this one comes last.
  CHECK(rows_checked >= 300);
}
