#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crawl/fingerprint.hpp"
#include "crawl/frontier.hpp"
#include "crawl/trap_guard.hpp"

using namespace gleaner;
using crawl::Admission;
using crawl::TrapGuard;
using crawl::TrapKind;

namespace {

Url url(const std::string& text) { return *Url::parse(text); }

const crawl::Clock::time_point t0 = crawl::Clock::time_point{} + std::chrono::hours(1);

crawl::HostSlots unlimited() { return crawl::HostSlots(crawl::Politeness{1000, {}, 0, {}}); }

constexpr int may_2024 = 2024 * 12 + 4;  // months since year 0

// "/cal/2024/5" for offset 0 (May 2024), counting months either way.
std::string month_path(int offset) {
  const int months = may_2024 + offset;
  return "/cal/" + std::to_string(months / 12) + "/" + std::to_string(months % 12 + 1);
}

int month_offset(const std::string& path) {  // "/cal/YYYY/M"
  const int year = std::stoi(path.substr(5, 4));
  const int month = std::stoi(path.substr(10));
  return year * 12 + month - 1 - may_2024;
}

// Crawls a site in memory: `links(path)` are the hrefs of the page at path.
// Returns every path fetched, in order.
template <class Links>
std::vector<std::string> crawl_in_memory(crawl::Frontier& frontier, const std::string& start, Links links) {
  std::vector<std::string> fetched;
  REQUIRE(frontier.add({url("http://site.test" + start), 0, ""}) == Admission::queued);
  auto slots = unlimited();
  while (auto request = frontier.next_ready(t0, slots)) {
    fetched.emplace_back(request->url.path_and_query());
    REQUIRE(fetched.size() < 10000);  // the guard failed: the crawl would not end
    for (const std::string& href : links(std::string(request->url.path_and_query()))) {
      auto link = request->url.resolve(href);
      REQUIRE(link);
      (void)frontier.add({*link, request->depth + 1, request->url.str()});
    }
  }
  return fetched;
}

crawl::Frontier open_frontier(bool trap_guard = true) {
  crawl::LinkRules rules;
  rules.trap_guard = trap_guard;
  return crawl::Frontier(crawl::Scope({"site.test"}, {}), {100000, 0}, rules);
}

}  // namespace

TEST_CASE("paths that repeat segments or grow too long are traps") {
  struct Row {
    const char* path;
    TrapKind expected;
  };
  const Row rows[] = {
      {"/a/b/c/", TrapKind::none},
      {"/a/b/a/b/", TrapKind::none},                   // twice may be a real path
      {"/a/b/a/b/a/b/", TrapKind::repeated_segments},  // three times back to back
      {"/x/a/b/c/a/b/c/a/b/c/y", TrapKind::repeated_segments},
      {"/a/x/a/y/a/z/a", TrapKind::repeated_segments},  // one segment 4 times
      {"/a/x/a/y/a/z", TrapKind::none},                 // 3 times is allowed
      {"/a/a/a", TrapKind::none},
      {"/a/a/a/a", TrapKind::repeated_segments},
      {"/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20", TrapKind::none},
      {"/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/21", TrapKind::too_many_segments},
      {"/", TrapKind::none},
  };
  const TrapGuard guard;
  for (const Row& row : rows) {
    CAPTURE(row.path);
    CHECK(guard.check(url(std::string("http://site.test") + row.path), "http://site.test/").trap == row.expected);
  }
}

TEST_CASE("a link differing from its page only in a date is a calendar step; others are not") {
  struct Row {
    const char* referer;
    const char* link;
    int steps;
  };
  const Row rows[] = {
      {"http://s.test/cal/2024/5", "http://s.test/cal/2024/6", 1},
      {"http://s.test/cal?year=2024&month=5", "http://s.test/cal?year=2024&month=6", 1},
      {"http://s.test/day/20240501", "http://s.test/day/20240502", 1},  // yyyymmdd
      {"http://s.test/events/2024-05", "http://s.test/events/2024-06", 1},
      {"http://s.test/list?page=2", "http://s.test/list?page=3", 0},     // pagination: no year
      {"http://s.test/p/1234", "http://s.test/p/1235", 0},               // 1234 is no year
      {"http://s.test/cal/2024/5", "http://s.test/news/2024/6", 0},      // a different shape
      {"http://s.test/cal/2024/5", "http://t.test/cal/2024/6", 0},       // another origin
      {"http://s.test/cal/2024/5", "http://s.test/cal/2024/5?x", 0},
      {"", "http://s.test/cal/2024/6", 0},                                // a start URL
  };
  const TrapGuard guard;
  for (const Row& row : rows) {
    CAPTURE(row.link);
    const auto check = guard.check(url(row.link), row.referer);
    CHECK(check.trap == TrapKind::none);
    CHECK(check.calendar_steps == row.steps);
  }
}

TEST_CASE("calendar steps add up along a chain and stop after the limit") {
  TrapGuard guard;
  std::string referer = "http://s.test/cal/2024/1";
  for (int step = 1; step <= TrapGuard::max_calendar_steps; ++step) {
    const Url link = url("http://s.test/cal/" + std::to_string(2024 + step) + "/1");
    const auto check = guard.check(link, referer);
    REQUIRE(check.trap == TrapKind::none);
    CHECK(check.calendar_steps == step);
    guard.admitted(crawl::fingerprint(link.str()), check);
    referer = link.str();
  }
  const auto last = guard.check(url("http://s.test/cal/2100/1"), referer);
  CHECK(last.trap == TrapKind::calendar);
  CHECK(describe(last.trap) == "endless calendar");
}

TEST_CASE("an endless calendar crawl ends by itself, 24 months each way") {
  // Every month page links the previous and the next month, forever.
  auto calendar = [](const std::string& path) -> std::vector<std::string> {
    if (path == "/") return {month_path(0)};
    const int offset = month_offset(path);
    return {month_path(offset - 1), month_path(offset + 1)};
  };
  crawl::Frontier frontier = open_frontier();
  const auto fetched = crawl_in_memory(frontier, "/", calendar);
  // "/", May 2024 (reached from "/": not a step), then 24 steps each way.
  CHECK(fetched.size() == 1 + 1 + 2 * TrapGuard::max_calendar_steps);
  CHECK(std::find(fetched.begin(), fetched.end(), month_path(24)) != fetched.end());
  CHECK(std::find(fetched.begin(), fetched.end(), month_path(-24)) != fetched.end());
  CHECK(std::find(fetched.begin(), fetched.end(), month_path(25)) == fetched.end());
  CHECK(frontier.check({url("http://site.test" + month_path(25)), 26, "http://site.test" + month_path(24)}) ==
        Admission::trap);
}

TEST_CASE("relative links that keep growing the path stop at the repeated segments") {
  // Each page links "a/b/" relative to itself: /a/b/, /a/b/a/b/, ... forever.
  auto growing = [](const std::string&) -> std::vector<std::string> { return {"a/b/", "c/"}; };
  crawl::Frontier frontier = open_frontier();
  const auto fetched = crawl_in_memory(frontier, "/", growing);
  CHECK(fetched.size() < 100);  // ends by itself: every path mixes a/b/ and c/ without a triple repeat
  for (const std::string& path : fetched) CHECK(path.find("a/b/a/b/a/b") == std::string::npos);

  const auto verdict = frontier.check({url("http://site.test/a/b/a/b/a/b/"), 3, "http://site.test/a/b/a/b/"});
  CHECK(verdict == Admission::trap);
  CHECK(describe(verdict) == "trap (repeated path segments)");
}

TEST_CASE("without the trap guard an endless calendar runs until another limit") {
  auto calendar = [](const std::string& path) -> std::vector<std::string> {
    return {month_path(month_offset(path) + 1)};
  };
  crawl::LinkRules rules;
  rules.trap_guard = false;
  crawl::Frontier frontier(crawl::Scope({"site.test"}, {}), {/*max_depth=*/100, 0}, rules);
  const auto fetched = crawl_in_memory(frontier, month_path(0), calendar);
  CHECK(fetched.size() == 101);  // only max_depth ended it
}

TEST_CASE("a start URL is never taken for a trap") {
  crawl::Frontier frontier = open_frontier();
  CHECK(frontier.add({url("http://site.test/a/a/a/a/a/"), 0, ""}) == Admission::queued);
  CHECK(frontier.add({url("http://site.test/b/b/b/b/b/"), 1, "http://site.test/a/a/a/a/a/"}) == Admission::trap);
}
