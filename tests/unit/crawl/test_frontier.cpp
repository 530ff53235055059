#include <doctest/doctest.h>
#include <re2/re2.h>

#include <memory>
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
  CHECK(frontier.add({url("http://elsewhere.test/"), 1, ""}) == Admission::out_of_scope_domain);
  CHECK(frontier.add({url("ftp://shop.test/file"), 1, ""}) == Admission::out_of_scope_scheme);
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

namespace {

std::shared_ptr<const re2::RE2> pattern(const char* text) { return std::make_shared<const re2::RE2>(text); }

Frontier frontier_with(crawl::LinkRules rules, crawl::FrontierLimits limits = {}) {
  return Frontier(crawl::Scope({"shop.test", "b.test"}, {}), limits, std::move(rules));
}

}  // namespace

TEST_CASE("deny patterns refuse links and name the pattern; deny wins over allow") {
  crawl::LinkRules rules;
  rules.allow = {pattern("/catalogue/"), pattern("/p/\\d+$")};
  rules.deny = {pattern("[?&]sort="), pattern("/catalogue/private/")};
  Frontier frontier = frontier_with(rules);
  struct Row {
    const char* link;
    Admission expected;
    const char* described;
  };
  const Row rows[] = {
      {"http://shop.test/catalogue/1", Admission::queued, "queued"},
      {"http://shop.test/p/12", Admission::queued, "queued"},
      {"http://shop.test/p/12x", Admission::not_allowed_by_pattern, "no allow pattern"},
      {"http://shop.test/about", Admission::not_allowed_by_pattern, "no allow pattern"},
      {"http://shop.test/catalogue/2?sort=price", Admission::denied_by_pattern, "pattern /[?&]sort=/"},
      {"http://shop.test/catalogue/private/x", Admission::denied_by_pattern, "pattern //catalogue/private//"},
      // Patterns see the canonical URL: %7E is "~", the host is lower case.
      {"http://SHOP.test/%63atalogue/3", Admission::queued, "queued"},
      {"http://elsewhere.test/catalogue/1", Admission::out_of_scope_domain, "domain"},
      {"ftp://shop.test/catalogue/1", Admission::out_of_scope_scheme, "scheme"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.link);
    const crawl::Verdict verdict = frontier.add({url(row.link), 1, "http://shop.test/"});
    CHECK(verdict == row.expected);
    CHECK(describe(verdict) == row.described);
  }
}

TEST_CASE("start URLs skip allow and deny patterns") {
  crawl::LinkRules rules;
  rules.allow = {pattern("/only-this/")};
  rules.deny = {pattern("start")};
  Frontier frontier = frontier_with(rules);
  CHECK(frontier.add({url("http://shop.test/start"), 0, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/start2"), 1, "http://shop.test/start"}) == Admission::denied_by_pattern);
}

TEST_CASE("check() tells what add() would decide without admitting anything") {
  crawl::LinkRules rules;
  rules.deny = {pattern("private")};
  Frontier frontier = frontier_with(rules);
  CHECK(frontier.check({url("http://shop.test/a"), 1, ""}) == Admission::queued);
  CHECK(frontier.check({url("http://shop.test/a"), 1, ""}) == Admission::queued);
  CHECK(frontier.check({url("http://shop.test/private"), 1, ""}).rule == "private");
  CHECK(frontier.pending() == 0);
  CHECK(frontier.seen() == 0);
  REQUIRE(frontier.add({url("http://shop.test/a"), 1, ""}) == Admission::queued);
  CHECK(frontier.check({url("http://shop.test/a"), 1, ""}) == Admission::seen);
}

TEST_CASE("URLs longer than max_url_length are refused, measured canonical") {
  crawl::LinkRules rules;
  rules.max_url_length = 30;
  Frontier frontier = frontier_with(rules);
  const std::string base = "http://shop.test/";  // 17 bytes
  CHECK(frontier.add({url(base + std::string(13, 'x')), 1, ""}) == Admission::queued);  // 30
  CHECK(frontier.add({url(base + std::string(14, 'y')), 1, ""}) == Admission::url_too_long);
  // "%7E" counts as the one "~" it becomes.
  CHECK(frontier.add({url(base + "%7E" + std::string(12, 'z')), 1, ""}) == Admission::queued);
  CHECK(describe(Admission::url_too_long) == "url length");
}

TEST_CASE("max_pages_per_host caps each host's admitted URLs, not the others'") {
  Frontier frontier = frontier_with({}, {10, 0, /*max_pages_per_host=*/2});
  CHECK(frontier.add({url("http://shop.test/1"), 0, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/2"), 1, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/3"), 1, ""}) == Admission::host_page_limit);
  CHECK(frontier.add({url("http://www.shop.test/1"), 1, ""}) == Admission::queued);  // a host of its own
  CHECK(frontier.add({url("http://b.test/1"), 1, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://b.test/2"), 1, ""}) == Admission::queued);
  drain(frontier);
  CHECK(frontier.add({url("http://b.test/3"), 1, ""}) == Admission::host_page_limit);
  CHECK(frontier.add({url("http://shop.test/1"), 1, ""}) == Admission::seen);  // seen is said first
}

TEST_CASE("depth-first order hands out the deepest ready request first") {
  Frontier frontier = frontier_with({}, {10, 0, 0, crawl::CrawlOrder::depth_first});
  REQUIRE(frontier.add({url("http://shop.test/d1-a"), 1, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/d3"), 3, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/d0"), 0, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://b.test/d2"), 2, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/d1-b"), 1, ""}) == Admission::queued);
  CHECK(drain(frontier) == std::vector<std::string>{"http://shop.test/d3", "http://b.test/d2", "http://shop.test/d1-a",
                                                    "http://shop.test/d1-b", "http://shop.test/d0"});
}

TEST_CASE("depth-first crawling follows a page's links before its siblings") {
  Frontier frontier = frontier_with({}, {10, 0, 0, crawl::CrawlOrder::depth_first});
  auto slots = unlimited();
  REQUIRE(frontier.add({url("http://shop.test/"), 0, ""}) == Admission::queued);
  std::vector<std::string> order;
  while (auto request = frontier.next_ready(t0, slots)) {
    const std::string path(request->url.path());
    order.push_back(path);
    // A binary tree two levels deep: "/" -> /a, /b; /a -> /aa, /ab ...
    if (path.size() < 3) {
      const std::string stem = path == "/" ? "/" : path;
      for (const char* child : {"a", "b"}) {
        (void)frontier.add({url("http://shop.test" + stem + child), request->depth + 1, request->url.str()});
      }
    }
  }
  CHECK(order == std::vector<std::string>{"/", "/a", "/aa", "/ab", "/b", "/ba", "/bb"});
}

TEST_CASE("the job's query rules apply before the seen set: one fingerprint per canonical URL") {
  crawl::LinkRules rules;
  rules.query = crawl::QueryRules({"utm_*", "sessionid"}, /*sort=*/true);
  Frontier frontier = frontier_with(rules);
  CHECK(frontier.add({url("http://shop.test/p?b=2&a=1&utm_source=x"), 1, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://shop.test/p?a=1&SessionId=9&b=2"), 1, ""}) == Admission::seen);
  CHECK(frontier.add({url("http://shop.test/p?a=%31&b=2#x"), 1, ""}) == Admission::seen);
  CHECK(frontier.canonical(url("http://shop.test/p?utm_medium=y")).str() == "http://shop.test/p");
  const auto queued = drain(frontier);
  CHECK(queued == std::vector<std::string>{"http://shop.test/p?a=1&b=2"});  // fetched canonical
  CHECK(frontier.seen() == 1);
}

TEST_CASE("every admission has a short description") {
  CHECK(describe(Admission::seen) == "seen");
  CHECK(describe(Admission::out_of_scope_domain) == "domain");
  CHECK(describe(Admission::too_deep) == "depth");
  CHECK(describe(Admission::trap) == "trap");
  CHECK(describe(Admission::page_limit) == "max_pages");
  CHECK(describe(Admission::host_page_limit) == "max_pages_per_host");
}

TEST_CASE("priority rules put matching URLs first, whatever their depth, and keep depth order among equals") {
  crawl::LinkRules rules;
  rules.priority = {{std::make_shared<re2::RE2>("/product/"), 10}, {std::make_shared<re2::RE2>("/archive/"), -5},
                    {std::make_shared<re2::RE2>("/product/old"), 99}};  // never reached: the first match counts
  Frontier frontier = frontier_with(rules);
  REQUIRE(frontier.add({url("http://shop.test/"), 0, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/archive/1"), 1, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/list/2"), 1, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://b.test/product/old-9"), 3, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/product/7"), 2, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/list/3"), 1, ""}) == Admission::queued);
  CHECK(drain(frontier) == std::vector<std::string>{
                               "http://shop.test/product/7",    // priority 10, depth 2
                               "http://b.test/product/old-9",   // priority 10, depth 3
                               "http://shop.test/",             // priority 0, breadth-first
                               "http://shop.test/list/2", "http://shop.test/list/3",
                               "http://shop.test/archive/1",    // priority -5: last
                           });
}

TEST_CASE("a retried request keeps its priority") {
  crawl::LinkRules rules;
  rules.priority = {{std::make_shared<re2::RE2>("/urgent"), 1}};
  Frontier frontier = frontier_with(rules);
  auto slots = unlimited();
  REQUIRE(frontier.add({url("http://shop.test/urgent"), 1, ""}) == Admission::queued);
  REQUIRE(frontier.add({url("http://shop.test/a"), 1, ""}) == Admission::queued);
  auto first = frontier.next_ready(t0, slots);
  REQUIRE(first);
  CHECK(first->url.str() == "http://shop.test/urgent");
  CHECK(first->priority == 1);
  frontier.retry(std::move(*first), t0);
  CHECK(drain(frontier) == std::vector<std::string>{"http://shop.test/urgent", "http://shop.test/a"});
}

// The queue keeps a request as its URL's text, its host once and its referer
// shared by the links of one page; what comes out must be what went in.
TEST_CASE("a queued request comes back whole: URL parts, referer, depth, priority") {
  Frontier frontier(crawl::Scope({"shop.test", "b.test"}, {}), {10, 0});
  const std::vector<std::pair<std::string, std::string>> links = {
      {"https://shop.test:8443/p/1?x=1", "http://shop.test/list?page=1"},
      {"http://b.test/p/2", "http://shop.test/list?page=1"},
      {"https://shop.test:8443/p/3", "http://shop.test/list?page=2"},
      {"http://b.test/p/4", "http://shop.test/list?page=1"},
  };
  for (const auto& [link, referer] : links) REQUIRE(frontier.add_link(url(link), 1, referer) == Admission::queued);
  REQUIRE(frontier.add({url("http://b.test/"), 0, ""}) == Admission::queued);

  crawl::HostSlots slots = unlimited();
  std::vector<CrawlRequest> out;
  while (auto request = frontier.next_ready(t0, slots)) out.push_back(std::move(*request));
  REQUIRE(out.size() == 5);
  CHECK(out[0].url.str() == "http://b.test/");
  CHECK(out[0].referer.empty());
  CHECK(out[0].depth == 0);
  for (const CrawlRequest& request : out) {
    CAPTURE(request.url.str());
    const Url reparsed = url(request.url.str());
    CHECK(request.url.scheme() == reparsed.scheme());
    CHECK(request.url.host() == reparsed.host());
    CHECK(request.url.origin() == reparsed.origin());
    CHECK(request.attempt == 1);
    if (request.depth == 0) continue;
    bool found = false;
    for (const auto& [link, referer] : links) {
      if (link == request.url.str()) {
        found = true;
        CHECK(request.referer == referer);
      }
    }
    CHECK(found);
  }
}
