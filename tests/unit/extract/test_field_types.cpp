#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "item_test_jobs.hpp"
#include "support/random.hpp"

using namespace gleaner;
using testing::extract_page;
using testing::field_json;
using testing::job_with_items;

namespace {

// One item with one field `f` defined by `field` (a JSON field definition).
config::Job job_with_field(const std::string& field) {
  return job_with_items(R"([{"name": "p", "fields": {"f": )" + field + "}}]");
}

std::string value_of(const std::string& field, const std::string& html,
                     const std::string& url = "http://shop.test/p/1") {
  const config::Job job = job_with_field(field);
  return field_json(extract_page(job, html, url), "f");
}

struct Row {
  std::string field;
  std::string html;
  std::string expected;  // the value as compact JSON
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.field);
    CAPTURE(row.html);
    CHECK(value_of(row.field, row.html) == row.expected);
  }
}

}  // namespace

TEST_CASE("type number reads the first number in the text") {
  check_rows({
      {R"({"selector": "p", "type": "number"})", "<p>\u00A31,299.00</p>", "1299.0"},
      {R"({"selector": "p", "type": "number"})", "<p>Price: 12.99 (was 15.99)</p>", "12.99"},
      {R"({"selector": "p", "type": "number"})", "<p>\u22123</p>", "-3.0"},
      {R"({"selector": "p", "type": "number", "decimal": ",", "thousands": "."})", "<p>1.299,00 \u20AC</p>",
       "1299.0"},
      {R"({"selector": "p", "type": "number", "decimal": ",", "thousands": " "})", "<p>1&nbsp;299,5 \u20AC</p>",
       "1299.5"},
      // A decimal comma alone brings dots as digit groups; spaces still group too.
      {R"({"selector": "p", "type": "number", "decimal": ","})", "<p>1.299,50 \u20AC</p>", "1299.5"},
      {R"({"selector": "p", "type": "integer", "decimal": ","})", "<p>1 299 €</p>", "1299"},
      {R"({"selector": "p", "type": "number", "thousands": ""})", "<p>1,299</p>", "1.0"},
      {R"({"selector": "p", "type": "integer"})", "<p>In stock (12 available)</p>", "12"},
      {R"({"selector": "p", "type": "integer"})", "<p>1,000.00</p>", "1000"},
      {R"({"selector": "li", "type": "number", "all": true})", "<li>1</li><li>n/a</li><li>2.5</li>", "[1.0,2.5]"},
  });
}

TEST_CASE("a text that is not of the type gives null and a field warning with the text") {
  struct Case {
    std::string field;
    std::string html;
    std::string message;
    std::string found;
  };
  const std::vector<Case> cases{
      {R"({"selector": "p", "type": "number"})", "<p> call   us </p>", "not a number", "call us"},
      {R"({"selector": "p", "type": "number"})", "<p>" + std::string(400, '9') + "</p>", "number out of range",
       std::string(400, '9')},
      {R"({"selector": "p", "type": "integer"})", "<p>2.5 kg</p>", "not an integer", "2.5 kg"},
      {R"({"selector": "p", "type": "integer"})", "<p>99999999999999999999</p>", "integer out of range",
       "99999999999999999999"},
      {R"j({"selector": "a::attr(href)", "type": "url"})j", R"(<a href="http://[oops">x</a>)", "not a URL",
       "http://[oops"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const config::Job job = job_with_field(c.field);
    const extract::Page page = extract_page(job, c.html);
    CHECK(field_json(page, "f") == "null");
    REQUIRE(page.warnings.size() == 1);
    CHECK(page.warnings[0].rule == 0);
    CHECK(page.warnings[0].field == "f");
    CHECK(page.warnings[0].message == c.message);
    CHECK(page.warnings[0].found == c.found);
  }
}

TEST_CASE("type boolean: no match is false, a match is true unless its text is a false word") {
  check_rows({
      {R"({"selector": ".stock", "type": "boolean"})", "<p>none here</p>", "false"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<i class="stock"></i>)", "true"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock">In stock</b>)", "true"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock">yes</b>)", "true"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock"> No </b>)", "false"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock">FALSE</b>)", "false"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock">0</b>)", "false"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock">off</b>)", "false"},
      {R"({"selector": ".stock", "type": "boolean"})", R"(<b class="stock">n</b>)", "false"},
      {R"j({"selector": "p::attr(data-new)", "type": "boolean"})j", R"(<p data-new="false">x</p>)", "false"},
      {R"j({"selector": "p", "type": "boolean", "regex": "stock: (\\w+)"})j", "<p>stock: no</p>", "false"},
      {R"j({"selector": "p", "type": "boolean", "regex": "stock: (\\w+)"})j", "<p>stock: 4</p>", "true"},
      {R"j({"selector": "p", "type": "boolean", "regex": "stock: (\\w+)"})j", "<p>sold out</p>", "false"},
  });
}

TEST_CASE("type url resolves against the page URL and <base href>") {
  check_rows({
      {R"j({"selector": "img::attr(src)", "type": "url"})j", R"(<img src="../media/a.jpg">)",
       R"("http://shop.test/media/a.jpg")"},
      {R"j({"selector": "a::attr(href)", "type": "url"})j", R"(<a href="  https://cdn.test/x?a=1#top ">)",
       R"("https://cdn.test/x?a=1")"},
      {R"j({"selector": "a::attr(href)", "type": "url"})j", R"(<base href="/other/"><a href="z.html">)",
       R"("http://shop.test/other/z.html")"},
      {R"j({"selector": "a::attr(href)", "type": "url", "all": true})j",
       R"(<a href="/1">1</a><a href="">empty</a><a href="/2">2</a>)", R"(["http://shop.test/1","http://shop.test/2"])"},
  });
}

TEST_CASE("type html gives outer HTML, or the string for ::text and ::attr(), whitespace kept") {
  check_rows({
      {R"({"selector": "div.d", "type": "html"})", "<div class=\"d\">\n  <b>bold</b> &amp; <i>it</i>\n</div>",
       R"("<div class=\"d\">\n  <b>bold</b> &amp; <i>it</i>\n</div>")"},
      {R"({"selector": "div.d", "type": "html", "normalize_whitespace": true})",
       "<div class=\"d\">\n  <b>x</b>\n</div>", R"("<div class=\"d\"> <b>x</b> </div>")"},
      {R"j({"selector": "a::attr(title)", "type": "html"})j", R"(<a title=" a  b ">x</a>)", R"(" a  b ")"},
      {R"({"selector": "p::text", "type": "html"})", "<p>one <b>two</b></p>", R"("one")"},
      {R"({"selector": "p::all-text", "type": "html"})", "<p>one <b>two</b></p>", R"("one two")"},
  });
}

TEST_CASE("string fields: whitespace normalised by default, kept when asked") {
  check_rows({
      {R"j("p::attr(title)")j", "<p title=\" a\u00A0 \u202F b \">x</p>", R"("a b")"},
      {R"j({"selector": "p::attr(title)", "normalize_whitespace": false})j", R"(<p title=" a  b ">x</p>)",
       R"(" a  b ")"},
      {R"({"selector": "h1", "case": "upper"})", "<h1>Caf\u00E9 x</h1>", "\"CAF\u00C9 X\""},
  });
}

TEST_CASE("extraction never throws on random bytes, whatever the field types") {
  const config::Job job = job_with_items(R"j([{"name": "p", "scope": "p", "fields": {
      "n": {"selector": "::text", "type": "number", "decimal": ",", "thousands": " "},
      "i": {"selector": "b", "type": "integer", "all": true},
      "u": {"selector": "a::attr(href)", "type": "url", "case": "upper"},
      "t": {"selector": "::all-text", "split": "\u00A0", "join": "|", "regex": "(.+)"},
      "h": {"selector": "b", "type": "html"},
      "y": {"selector": "i", "type": "boolean"}}}])j");
  const extract::Extractor extractor(job);
  testing::Random random(99);
  const std::string pieces[] = {"<p>", "</p>", "<b>", "<a href=\"", "\">", "1,5", "\xE2\x88\x92", "\xC2\xA0",
                                "9999999999999999999999", "<i>", "no", "\xFF", "&nbsp;", "http://[", "-"};
  for (int round = 0; round < 300; ++round) {
    std::string html;
    for (std::size_t i = random.below(60); i > 0; --i) {
      html += random.below(3) == 0 ? std::string(1, static_cast<char>(random.below(256)))
                                   : pieces[random.below(std::size(pieces))];
    }
    CAPTURE(html);
    const extract::Page page = extractor.extract(*Url::parse("http://shop.test/p/1"), html);
    for (const auto& record : page.records) CHECK(record.value.size() == 7);  // "url" and the six fields
  }
}
