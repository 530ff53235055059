#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "crawl/fingerprint.hpp"
#include "crawl/frontier.hpp"

using namespace gleaner;
using crawl::Admission;
using crawl::CrawlRequest;
using crawl::Frontier;

namespace {

Url url(const std::string& text) { return *Url::parse(text); }

Frontier make_frontier(int max_depth = 10, long max_pages = 0) {
  return Frontier(crawl::Scope({}, {url("http://shop.test/")}), {max_depth, max_pages});
}

}  // namespace

TEST_CASE("frontier drops a URL it has already seen") {
  Frontier frontier = make_frontier();
  CHECK(frontier.add({url("http://shop.test/a"), 0, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/a"), 1, ""}) == Admission::seen);
  CHECK(frontier.add({url("http://SHOP.test:80/a#top"), 1, ""}) == Admission::seen);  // same canonical URL
  CHECK(frontier.pending() == 1);
  CHECK(frontier.seen() == 1);
}

TEST_CASE("frontier hands out shallow URLs before deep ones, in arrival order within a depth") {
  Frontier frontier = make_frontier();
  REQUIRE(frontier.add({url("http://shop.test/d1-a"), 1, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/d2-a"), 2, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/d1-b"), 1, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/d0"), 0, ""}) == Admission::queued);
  std::vector<std::string> order;
  while (auto request = frontier.next()) order.push_back(request->url.str());
  CHECK(order == std::vector<std::string>{"http://shop.test/d0", "http://shop.test/d1-a",
                                          "http://shop.test/d1-b", "http://shop.test/d2-a"});
  CHECK(frontier.pending() == 0);
}

TEST_CASE("frontier refuses URLs deeper than max_depth") {
  Frontier frontier = make_frontier(/*max_depth=*/1);
  CHECK(frontier.add({url("http://shop.test/1"), 1, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/2"), 2, ""}) == Admission::too_deep);
}

TEST_CASE("frontier admits no more than max_pages URLs") {
  Frontier frontier = make_frontier(10, /*max_pages=*/2);
  CHECK(frontier.add({url("http://shop.test/1"), 0, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/2"), 0, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/3"), 0, ""}) == Admission::page_limit);
  frontier.next();
  CHECK(frontier.add({url("http://shop.test/4"), 0, ""}) == Admission::page_limit);
}

TEST_CASE("frontier refuses URLs outside the job's scope") {
  Frontier frontier = make_frontier();
  CHECK(frontier.add({url("http://elsewhere.test/"), 1, ""}) == Admission::out_of_scope);
  CHECK(frontier.add({url("ftp://shop.test/file"), 1, ""}) == Admission::out_of_scope);
}

TEST_CASE("fingerprints are stable and tell URLs apart") {
  static_assert(crawl::fingerprint("http://shop.test/") == crawl::fingerprint("http://shop.test/"));
  CHECK(crawl::fingerprint("http://shop.test/a") != crawl::fingerprint("http://shop.test/b"));
  CHECK(crawl::fingerprint("") != 0);
}
