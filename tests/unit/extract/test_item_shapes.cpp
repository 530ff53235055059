#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "item_test_jobs.hpp"

using namespace gleaner;
using testing::extract_page;
using testing::field_json;
using testing::job_with_items;
using testing::record_texts;
using Texts = std::vector<std::string>;

namespace {

const char* const listing = R"html(<!doctype html>
<html><body>
<h1>Kettles</h1>
<div class="product" data-id="1">
  <h2><a href="/p/steel">Steel kettle</a></h2>
  <span class="price">£24.99</span>
  <span class="old-price">£29.99</span>
  <ul class="colours"><li>red</li><li>black</li></ul>
</div>
<div class="product" data-id="2">
  <h2><a href="/p/glass">Glass kettle</a></h2>
  <span class="price">call us</span>
</div>
<div class="product" data-id="3">
  <h2><a href="/p/copper">Copper kettle</a></h2>
  <span class="sale-price">£1,049.00</span>
</div>
</body></html>)html";

const char* const product_page = R"html(<!doctype html>
<html><body>
<h1>Steel kettle</h1>
<table class="specs">
  <tr><th colspan="2">Dimensions</th></tr>
  <tr><th>Weight</th><td>1.2 kg</td></tr>
  <tr><th> Capacity </th><td>1,700 ml</td></tr>
  <tr><td>no key</td><td>9</td></tr>
  <tr><th>Weight</th><td>99 kg</td></tr>
  <tr><th>Colour</th><td></td></tr>
</table>
<div class="variant"><b class="name">Small</b><i class="price">19.99</i></div>
<div class="variant"><b class="name">Large</b><i class="price">29.99</i></div>
<p class="seller"><a href="/s/acme">Acme</a> <span class="rating">4.5</span></p>
</body></html>)html";

}  // namespace

TEST_CASE("scope: each match is one item, in document order, with fields read below it") {
  const config::Job job = job_with_items(R"j([{"name": "product", "scope": "div.product", "fields": {
      "id": "::attr(data-id)",
      "title": "h2",
      "link": {"selector": "h2 a::attr(href)", "type": "url"},
      "price": {"selector": [".sale-price", ".price"], "type": "number"},
      "colours": {"selector": ".colours li", "all": true}}}])j");
  const extract::Page page = extract_page(job, listing, "http://shop.test/kettles");
  CHECK(record_texts(page) ==
        Texts{R"({"url":"http://shop.test/kettles","id":"1","title":"Steel kettle","link":"http://shop.test/p/steel",)"
              R"("price":24.99,"colours":["red","black"]})",
              R"({"url":"http://shop.test/kettles","id":"2","title":"Glass kettle","link":"http://shop.test/p/glass",)"
              R"("price":null,"colours":null})",
              R"({"url":"http://shop.test/kettles","id":"3","title":"Copper kettle","link":"http://shop.test/p/copper",)"
              R"("price":1049.0,"colours":null})"});
  // The glass kettle's price was not a number: counted once, for that item.
  REQUIRE(page.warnings.size() == 1);
  CHECK(page.warnings[0].field == "price");
  CHECK(page.warnings[0].found == "call us");
}

TEST_CASE("a selector made of a pseudo-element alone reads the root element itself") {
  const config::Job job = job_with_items(R"j([{"name": "p", "scope": "div.variant", "fields": {
      "own_text": "::text", "all_text": "::all-text", "everything_below": "*::text",
      "class": "::attr(class)", "missing": "::attr(data-none)"}},
    {"name": "page", "fields": {"root": {"selector": "::attr(lang)", "default": "?"}}}])j");
  CHECK(record_texts(extract_page(job, R"(<html lang="en"><div class="variant">A <b>B</b></div>)")) ==
        Texts{R"({"url":"http://shop.test/p/1","own_text":"A","all_text":"A B","everything_below":"B",)"
              R"("class":"variant","missing":null})",
              R"({"url":"http://shop.test/p/1","root":"en"})"});
}

TEST_CASE("a scope that matches nothing yields no item; without scope the page is one item") {
  const config::Job job = job_with_items(R"([
      {"name": "card", "scope": "article.card", "fields": {"t": "h2"}},
      {"name": "page", "fields": {"t": "h1"}}])");
  const extract::Page page = extract_page(job, listing);
  REQUIRE(page.records.size() == 1);
  CHECK(page.records[0].rule == 1);
  CHECK(page.records[0].value["t"] == "Kettles");
}

TEST_CASE("records come out by item rule in job order, then in document order") {
  const config::Job job = job_with_items(R"([
      {"name": "heading", "scope": "h2", "metadata": ["item"], "fields": {"t": "a"}},
      {"name": "page", "metadata": ["item"], "fields": {"t": "h1"}}])");
  CHECK(record_texts(extract_page(job, listing)) ==
        Texts{R"({"item":"heading","t":"Steel kettle"})", R"({"item":"heading","t":"Glass kettle"})",
              R"({"item":"heading","t":"Copper kettle"})", R"({"item":"page","t":"Kettles"})"});
}

TEST_CASE("when: the item applies only to pages where a selector matches, and with url_pattern") {
  const config::Job job = job_with_items(R"([
      {"name": "product", "when": "table.specs", "fields": {"t": "h1"}},
      {"name": "either", "when": ["table.nothing", "div.product"], "fields": {"t": "h1"}},
      {"name": "both", "url_pattern": "/p/", "when": "h1", "fields": {"t": "h1"}}])");
  const auto rules_of = [](const extract::Page& page) {
    std::vector<std::size_t> rules;
    for (const auto& record : page.records) rules.push_back(record.rule);
    return rules;
  };
  CHECK(rules_of(extract_page(job, product_page, "http://shop.test/p/1")) == std::vector<std::size_t>{0, 2});
  CHECK(rules_of(extract_page(job, listing, "http://shop.test/p/1")) == std::vector<std::size_t>{1, 2});
  CHECK(rules_of(extract_page(job, listing, "http://shop.test/list")) == std::vector<std::size_t>{1});
}

TEST_CASE("nested fields: an object from the first match, a list of objects with all") {
  const config::Job job = job_with_items(R"j([{"name": "p", "fields": {
      "seller": {"selector": "p.seller", "fields": {
          "name": "a", "rating": {"selector": ".rating", "type": "number"},
          "link": {"fields": {"href": {"selector": "a::attr(href)", "type": "url"}}}}},
      "variants": {"selector": "div.variant", "all": true, "fields": {
          "name": ".name", "price": {"selector": ".price", "type": "number"}}},
      "page": {"fields": {"title": "h1"}},
      "absent": {"selector": "div.none", "fields": {"x": "b"}},
      "absent_list": {"selector": "div.none", "all": true, "fields": {"x": "b"}, "default": []}}}])j");
  const extract::Page page = extract_page(job, product_page);
  CHECK(field_json(page, "seller") ==
        R"({"name":"Acme","rating":4.5,"link":{"href":"http://shop.test/s/acme"}})");
  CHECK(field_json(page, "variants") == R"([{"name":"Small","price":19.99},{"name":"Large","price":29.99}])");
  CHECK(field_json(page, "page") == R"({"title":"Steel kettle"})");
  CHECK(field_json(page, "absent") == "null");
  CHECK(field_json(page, "absent_list") == "[]");
}

TEST_CASE("key/value rows: keys from the page, first of a repeated key wins, keyless rows skipped") {
  const config::Job job = job_with_items(R"([{"name": "p", "fields": {
      "specs": {"selector": "table.specs tr", "key": "th", "value": "td"},
      "numbers": {"selector": "table.specs tr", "key": "th::text",
                  "value": {"selector": "td", "type": "number"}},
      "none": {"selector": "table.nothing tr", "key": "th", "value": "td"}}}])");
  const extract::Page page = extract_page(job, product_page);
  // "Dimensions" has no <td>: its value is missing, so null.
  CHECK(field_json(page, "specs") ==
        R"({"Dimensions":null,"Weight":"1.2 kg","Capacity":"1,700 ml","Colour":null})");
  CHECK(field_json(page, "numbers") == R"({"Dimensions":null,"Weight":1.2,"Capacity":1700.0,"Colour":null})");
  CHECK(field_json(page, "none") == "null");
  CHECK(page.warnings.empty());  // nothing to convert is not a conversion failure
}

TEST_CASE("metadata: the listed page facts come first, in the listed order") {
  const config::Job job = job_with_items(R"([{"name": "product",
      "metadata": ["item", "status", "final_url", "url", "depth", "referer", "fetched_at"],
      "fields": {"title": "h1"}}])");
  extract::PageContext context(*Url::parse("http://shop.test/p/1"));
  context.final_url = "http://shop.test/p/1-steel";
  context.status = 203;
  context.fetched_at = "2026-11-30T02:00:00Z";
  context.depth = 2;
  context.referer = "http://shop.test/kettles";
  const extract::Page page = extract::Extractor(job).extract(context, product_page);
  CHECK(record_texts(page) == Texts{R"({"item":"product","status":203,"final_url":"http://shop.test/p/1-steel",)"
                                    R"("url":"http://shop.test/p/1","depth":2,"referer":"http://shop.test/kettles",)"
                                    R"("fetched_at":"2026-11-30T02:00:00Z","title":"Steel kettle"})"});

  // A start URL fetched without redirects: final_url is the URL, referer null.
  const extract::PageContext start(*Url::parse("http://shop.test/"));
  CHECK(record_texts(extract::Extractor(job).extract(start, "<h1>Home</h1>")) ==
        Texts{R"({"item":"product","status":200,"final_url":"http://shop.test/","url":"http://shop.test/",)"
              R"("depth":0,"referer":null,"fetched_at":null,"title":"Home"})"});
}

TEST_CASE("metadata [] leaves only the fields, and frees the name \"url\" for a field") {
  const config::Job job = job_with_items(
      R"j([{"name": "p", "metadata": [], "fields": {"url": {"selector": "h2 a::attr(href)", "type": "url"}}}])j");
  CHECK(record_texts(extract_page(job, listing)) == Texts{R"({"url":"http://shop.test/p/steel"})"});
}

TEST_CASE("a missing required field drops the item with its path as the reason") {
  const config::Job job = job_with_items(R"([{"name": "product", "scope": "div.product", "fields": {
      "title": "h2",
      "price": {"selector": ".price", "type": "number", "required": true}}},
    {"name": "spec", "fields": {
      "specs": {"selector": "table.specs tr", "key": "th", "value": {"selector": "td", "required": true}}}},
    {"name": "seller", "fields": {
      "seller": {"selector": "p.seller", "fields": {"email": {"selector": ".email", "required": true}}}}}])");
  // Steel has a price; glass's is not a number; copper has only a sale price.
  // No specs table and no seller: those objects are missing, and not required.
  const extract::Page listing_page = extract_page(job, listing);
  CHECK(record_texts(listing_page) == Texts{R"({"url":"http://shop.test/p/1","title":"Steel kettle","price":24.99})",
                                            R"({"url":"http://shop.test/p/1","specs":null})",
                                            R"({"url":"http://shop.test/p/1","seller":null})"});
  REQUIRE(listing_page.dropped.size() == 2);
  CHECK(listing_page.dropped[0].rule == 0);
  CHECK(listing_page.dropped[0].reason == R"(missing required field "price")");
  CHECK(listing_page.dropped[1].rule == 0);
  CHECK(listing_page.warnings.size() == 1);  // glass's "call us" is still reported

  // Nested paths: the key/value row's key, the nested field's name.
  const extract::Page product = extract_page(job, product_page);
  CHECK(product.records.empty());
  REQUIRE(product.dropped.size() == 2);
  CHECK(product.dropped[0].rule == 1);
  CHECK(product.dropped[0].reason == R"(missing required field "specs/*")");
  CHECK(product.dropped[1].rule == 2);
  CHECK(product.dropped[1].reason == R"(missing required field "seller/email")");
}

TEST_CASE("default replaces a missing value: no match, no regex match, empty, not of the type") {
  const config::Job job = job_with_items(R"([{"name": "p", "fields": {
      "no_match": {"selector": ".nothing", "default": "n/a"},
      "no_regex_match": {"selector": "h1", "regex": "\\d+", "default": 0},
      "empty": {"selector": "table.specs tr:last-child td", "default": "unknown"},
      "not_number": {"selector": "h1", "type": "number", "default": -1},
      "empty_list": {"selector": ".nothing", "all": true, "default": []},
      "present": {"selector": "h1", "default": "unused"}}}])");
  const extract::Page page = extract_page(job, product_page);
  CHECK(record_texts(page) == Texts{R"({"url":"http://shop.test/p/1","no_match":"n/a","no_regex_match":0,)"
                                    R"("empty":"unknown","not_number":-1,"empty_list":[],"present":"Steel kettle"})"});
  REQUIRE(page.warnings.size() == 1);  // the conversion still failed
  CHECK(page.warnings[0].message == "not a number");
}

TEST_CASE("selector fallbacks: the first selector that yields a value wins") {
  const config::Job job = job_with_items(R"([{"name": "p", "scope": "div.product", "fields": {
      "price": {"selector": [".sale-price", ".price", "h2"]},
      "colours": {"selector": [".nothing li", ".colours li", "h2"], "all": true, "join": ", "}}}])");
  CHECK(record_texts(extract_page(job, listing)) ==
        Texts{R"({"url":"http://shop.test/p/1","price":"£24.99","colours":"red, black"})",
              R"({"url":"http://shop.test/p/1","price":"call us","colours":"Glass kettle"})",
              R"({"url":"http://shop.test/p/1","price":"£1,049.00","colours":"Copper kettle"})"});
}
