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
  return Frontier(crawl::Scope({"shop.test", "b.test"}, {}), {max_depth, max_pages});
}

const crawl::Clock::time_point t0 = crawl::Clock::time_point{} + std::chrono::hours(1);

// No politeness: every host is always ready.
crawl::HostSlots unlimited() { return crawl::HostSlots(crawl::Politeness{1000, {}, 0, {}}); }

std::vector<std::string> drain(Frontier& frontier, crawl::HostSlots slots = unlimited()) {
  std::vector<std::string> order;
  while (auto request = frontier.next_ready(t0, slots)) order.push_back(request->url.str());
  return order;
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
  CHECK(drain(frontier) == std::vector<std::string>{"http://shop.test/d0", "http://shop.test/d1-a",
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
  drain(frontier);
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

TEST_CASE("a host that is not ready does not hold up another host's requests") {
  Frontier frontier = make_frontier();
  REQUIRE(frontier.add({url("http://shop.test/1"), 0, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/2"), 0, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://b.test/1"), 1, ""}) == Admission::queued);
  crawl::HostSlots slots(crawl::Politeness{1, std::chrono::seconds(10), 0, {}});
  auto first = frontier.next_ready(t0, slots);
  REQUIRE(first);
  CHECK(first->url.str() == "http://shop.test/1");
  slots.start("shop.test", t0);
  // shop.test is busy (limit 1) and then delayed; b.test goes next although deeper.
  auto second = frontier.next_ready(t0, slots);
  REQUIRE(second);
  CHECK(second->url.str() == "http://b.test/1");
  slots.start("b.test", t0);
  CHECK_FALSE(frontier.next_ready(t0, slots));
  slots.finish("shop.test");
  CHECK_FALSE(frontier.next_ready(t0 + std::chrono::seconds(9), slots));
  CHECK(frontier.next_wakeup(slots) == t0 + std::chrono::seconds(10));
  auto third = frontier.next_ready(t0 + std::chrono::seconds(10), slots);
  REQUIRE(third);
  CHECK(third->url.str() == "http://shop.test/2");
}

TEST_CASE("a retried request waits until its time, then goes ahead of its depth's queue") {
  Frontier frontier = make_frontier();
  REQUIRE(frontier.add({url("http://shop.test/a"), 1, ""}) == Admission::queued);
  frontier.retry({url("http://shop.test/failed"), 1, "", 2}, t0 + std::chrono::seconds(5));
  CHECK(frontier.pending() == 2);
  auto slots = unlimited();
  auto first = frontier.next_ready(t0, slots);
  REQUIRE(first);
  CHECK(first->url.str() == "http://shop.test/a");
  CHECK_FALSE(frontier.next_ready(t0 + std::chrono::seconds(4), slots));
  CHECK(frontier.next_wakeup(slots) == t0 + std::chrono::seconds(5));
  auto retried = frontier.next_ready(t0 + std::chrono::seconds(5), slots);
  REQUIRE(retried);
  CHECK(retried->url.str() == "http://shop.test/failed");
  CHECK(retried->attempt == 2);
  CHECK(frontier.pending() == 0);
}
