#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "config/job_loader.hpp"
#include "extract/extractor.hpp"

using namespace gleaner;

namespace {

config::Job job_from(const std::string& text) {
  auto job = config::parse_job(text, "test.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  return std::move(*job);
}

const char* const listing_page = R"html(<!doctype html>
<html><head><title>Books</title></head><body>
<nav><a href="/">Home</a> <a href="../about.html">About</a></nav>
<article class="book"><h3><a href="book-1.html">One</a></h3></article>
<article class="book"><h3><a href=" book-2.html#reviews ">Two</a></h3></article>
<ul class="pager"><li class="next"><a href="?page=2">next</a></li></ul>
<a href="mailto:shop@example.com">mail</a>
</body></html>)html";

const char* const book_page = R"html(<!doctype html>
<h1>  The   Café &amp; the
  Sea </h1>
<p class="price">£51.77</p>
<p class="star-rating Three"><i></i></p>
<ul class="tags"><li>sea</li><li> travel </li><li></li></ul>
<img class="cover" src="../media/cafe.jpg">
)html";

}  // namespace

TEST_CASE("follow rules yield resolved links, in page order, fragments dropped") {
  const config::Job job = job_from(R"json({"name": "t", "start_urls": ["http://shop.test/"],
    "follow": ["article.book h3 a", "li.next a"]})json");
  const extract::Extractor extractor(job);
  const auto page = extractor.extract(*Url::parse("http://shop.test/catalogue/list.html"), listing_page);
  REQUIRE(page.links.size() == 3);
  CHECK(page.links[0].str() == "http://shop.test/catalogue/book-1.html");
  CHECK(page.links[1].str() == "http://shop.test/catalogue/book-2.html");
  CHECK(page.links[2].str() == "http://shop.test/catalogue/list.html?page=2");
  CHECK(page.records.empty());
}

TEST_CASE("a follow rule with ::attr() takes the link from that attribute") {
  const config::Job job = job_from(R"json({"name": "t", "start_urls": ["http://shop.test/"],
    "follow": ["img.cover::attr(src)"]})json");
  const auto page = extract::Extractor(job).extract(*Url::parse("http://shop.test/b/1/"), book_page);
  REQUIRE(page.links.size() == 1);
  CHECK(page.links[0].str() == "http://shop.test/b/media/cafe.jpg");
}

TEST_CASE("<base href> changes what relative links resolve against") {
  const config::Job job = job_from(R"json({"name": "t", "start_urls": ["http://shop.test/"], "follow": ["a"]})json");
  const auto page = extract::Extractor(job).extract(*Url::parse("http://shop.test/x/y.html"),
                                                    R"(<base href="/other/"><a href="z.html">z</a>)");
  REQUIRE(page.links.size() == 1);
  CHECK(page.links[0].str() == "http://shop.test/other/z.html");
}

TEST_CASE("an item record has the page URL then the fields in job order; empty strings leave lists") {
  const config::Job job = job_from(R"json({"name": "t", "start_urls": ["http://shop.test/"],
    "items": [{"name": "book", "url_pattern": "/book/",
      "fields": {"title": "h1", "price": "p.price::text", "rating": "p.star-rating::attr(class)",
                 "tags": {"selector": "ul.tags li", "all": true},
                 "missing": "span.nothing", "image": "img.cover::attr(src)"}}]})json");
  const auto page = extract::Extractor(job).extract(*Url::parse("http://shop.test/book/1"), book_page);
  REQUIRE(page.records.size() == 1);
  CHECK(page.records[0].value.dump() ==
        R"({"url":"http://shop.test/book/1","title":"The Café & the Sea","price":"£51.77",)"
        R"("rating":"star-rating Three","tags":["sea","travel"],"missing":null,"image":"../media/cafe.jpg"})");
}

TEST_CASE("pages whose URL does not match the item pattern yield no record") {
  const config::Job job = job_from(R"json({"name": "t", "start_urls": ["http://shop.test/"],
    "items": [{"name": "book", "url_pattern": "/book/[0-9]+$", "fields": {"title": "h1"}}]})json");
  const extract::Extractor extractor(job);
  CHECK(extractor.extract(*Url::parse("http://shop.test/book/1"), book_page).records.size() == 1);
  CHECK(extractor.extract(*Url::parse("http://shop.test/book/1/reviews"), book_page).records.empty());
  CHECK(extractor.extract(*Url::parse("http://shop.test/list"), book_page).records.empty());
}

TEST_CASE("invalid UTF-8 in a page is replaced, and the record is kept") {
  const config::Job job = job_from(R"json({"name": "t", "start_urls": ["http://shop.test/"],
    "items": [{"name": "any", "fields": {"title": "h1"}}]})json");
  const auto page = extract::Extractor(job).extract(*Url::parse("http://shop.test/"), "<h1>caf\xe9</h1>");
  REQUIRE(page.records.size() == 1);
  // The value holds the bytes as found; encoding for the dataset replaces them.
  const auto line = page.records[0].value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  CHECK(nlohmann::json::parse(line)["title"] == "caf\xef\xbf\xbd");  // U+FFFD
}
