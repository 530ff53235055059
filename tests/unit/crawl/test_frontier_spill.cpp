#include <doctest/doctest.h>

#include <algorithm>
#include <climits>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "crawl/fingerprint.hpp"
#include "crawl/frontier.hpp"

using namespace gleaner;
using crawl::Admission;
using crawl::CrawlRequest;
using crawl::Frontier;

namespace {

// A spill in a map, with failures on demand.
struct MapSpill final : crawl::FrontierSpill {
  std::map<std::tuple<std::string, crawl::QueueRank, std::uint64_t, int>, crawl::SpilledRequest> rows;
  int next_row = 0;
  bool fail_puts = false;
  bool fail_takes = false;

  Result<void> put(const crawl::SpilledRequest& spilled) override {
    if (fail_puts) return make_error(ErrorKind::io, "spill: disk full");
    rows.emplace(std::tuple{spilled.request.url.host(), spilled.rank, spilled.sequence, next_row++}, spilled);
    return {};
  }
  Result<std::vector<crawl::SpilledRequest>> take_best(const std::string& host, std::size_t count) override {
    if (fail_takes) return make_error(ErrorKind::io, "spill: read error");
    std::vector<crawl::SpilledRequest> taken;
    auto it = rows.lower_bound(std::tuple{host, crawl::QueueRank{INT_MIN, INT_MIN}, 0, 0});
    while (taken.size() < count && it != rows.end() && std::get<0>(it->first) == host) {
      taken.push_back(it->second);
      it = rows.erase(it);
    }
    return taken;
  }
  std::optional<crawl::QueueRank> best_rank(const std::string& host) const override {
    auto it = rows.lower_bound(std::tuple{host, crawl::QueueRank{INT_MIN, INT_MIN}, 0, 0});
    if (it == rows.end() || std::get<0>(it->first) != host) return std::nullopt;
    return std::get<1>(it->first);
  }
  std::size_t size() const override { return rows.size(); }
};

Url url(const std::string& text) { return *Url::parse(text); }

const crawl::Clock::time_point t0 = crawl::Clock::time_point{} + std::chrono::hours(1);
crawl::HostSlots unlimited() { return crawl::HostSlots(crawl::Politeness{1000, {}, 0, {}}); }

Frontier frontier_with_budget(std::size_t budget, crawl::CrawlOrder order, const std::vector<std::string>& hosts,
                              MapSpill*& spill_out) {
  Frontier frontier(crawl::Scope(hosts, {}), crawl::FrontierLimits{100'000, 0, 0, order, budget});
  if (budget > 0) {
    frontier.spill_to([&spill_out]() -> Result<std::unique_ptr<crawl::FrontierSpill>> {
      auto spill = std::make_unique<MapSpill>();
      spill_out = spill.get();
      return std::unique_ptr<crawl::FrontierSpill>(std::move(spill));
    });
  }
  return frontier;
}

// One host, a budget of 100 queued in RAM, a MapSpill (set in `spill` when opened).
Frontier one_host_frontier(MapSpill*& spill, bool fail_puts = false) {
  Frontier frontier(crawl::Scope({"a.test"}, {}), crawl::FrontierLimits{50, 0, 0, crawl::CrawlOrder::breadth_first, 100});
  frontier.spill_to([&spill, fail_puts]() -> Result<std::unique_ptr<crawl::FrontierSpill>> {
    auto made = std::make_unique<MapSpill>();
    made->fail_puts = fail_puts;
    spill = made.get();
    return std::unique_ptr<crawl::FrontierSpill>(std::move(made));
  });
  return frontier;
}

struct Taken {
  std::string url;
  int depth;
};

struct CrawlOutcome {
  std::vector<Taken> taken;
  std::size_t most_in_memory = 0;
  bool every_take_was_best = true;  // the depth taken was the best depth queued
};

// A crawl of a made-up site: each page taken links to 0-7 new pages on the
// given hosts, chosen from its URL's fingerprint, so two frontiers that hand
// out the same pages are offered the same links. Tracks every queued depth
// to check that each page handed out was of the best depth queued.
CrawlOutcome crawl_site(Frontier& frontier, const std::vector<char>& hosts, crawl::CrawlOrder order) {
  CrawlOutcome outcome;
  std::multiset<int> queued_depths{0};
  frontier.add({url(std::string("http://") + hosts[0] + ".test/0"), 0, ""});
  auto slots = unlimited();
  int next_page = 1;
  while (auto request = frontier.next_ready(t0, slots)) {
    const int best = order == crawl::CrawlOrder::breadth_first ? *queued_depths.begin() : *queued_depths.rbegin();
    if (request->depth != best) outcome.every_take_was_best = false;
    queued_depths.erase(queued_depths.find(request->depth));
    outcome.taken.push_back({request->url.str(), request->depth});
    const std::uint64_t seed = crawl::fingerprint(request->url.str());
    const int links = static_cast<int>(seed % 8);
    for (int i = 0; i < links && next_page < 3000; ++i) {
      const char host = hosts[(seed >> (8 + 2 * i)) % hosts.size()];
      const crawl::Verdict verdict = frontier.add(
          {url(std::string("http://") + host + ".test/" + std::to_string(next_page++)), request->depth + 1,
           request->url.str()});
      if (verdict == Admission::queued) queued_depths.insert(request->depth + 1);
    }
    outcome.most_in_memory = std::max(outcome.most_in_memory, frontier.queued_in_memory());
  }
  return outcome;
}

// Within one host and depth, pages must leave in the order they were queued,
// which is the order of their numbers.
bool in_arrival_order_per_host_and_depth(const std::vector<Taken>& taken) {
  std::map<std::pair<char, int>, int> last_number;
  for (const Taken& page : taken) {
    const int number = std::stoi(page.url.substr(page.url.rfind('/') + 1));
    auto [it, first] = last_number.try_emplace({page.url[7], page.depth}, number);
    if (!first && number < it->second) return false;
    it->second = number;
  }
  return true;
}

std::vector<std::string> urls(const std::vector<Taken>& taken) {
  std::vector<std::string> result;
  for (const Taken& page : taken) result.push_back(page.url);
  return result;
}

}  // namespace

TEST_CASE("with a memory budget the frontier spills, yet hands out the best request first, in arrival order") {
  for (const auto order : {crawl::CrawlOrder::breadth_first, crawl::CrawlOrder::depth_first}) {
    CAPTURE(static_cast<int>(order));
    MapSpill* spill = nullptr;
    Frontier bounded = frontier_with_budget(100, order, {"a.test", "b.test", "c.test"}, spill);
    const CrawlOutcome outcome = crawl_site(bounded, {'a', 'b', 'c'}, order);
    CHECK(outcome.taken.size() == 3000);
    REQUIRE(spill != nullptr);
    CHECK(outcome.most_in_memory <= 100);
    CHECK(outcome.every_take_was_best);
    CHECK(in_arrival_order_per_host_and_depth(outcome.taken));
    CHECK(bounded.pending() == 0);
    CHECK(spill->size() == 0);
  }
}

TEST_CASE("on one host, a frontier with a memory budget hands out exactly what an unbounded one does") {
  for (const auto order : {crawl::CrawlOrder::breadth_first, crawl::CrawlOrder::depth_first}) {
    CAPTURE(static_cast<int>(order));
    MapSpill* unused = nullptr;
    MapSpill* spill = nullptr;
    Frontier unbounded = frontier_with_budget(0, order, {"a.test"}, unused);
    Frontier bounded = frontier_with_budget(100, order, {"a.test"}, spill);
    const CrawlOutcome expected = crawl_site(unbounded, {'a'}, order);
    const CrawlOutcome actual = crawl_site(bounded, {'a'}, order);
    CHECK(expected.most_in_memory > 500);  // the budget mattered
    REQUIRE(spill != nullptr);
    CHECK(actual.most_in_memory <= 100);
    CHECK(urls(actual.taken) == urls(expected.taken));
  }
}

TEST_CASE("a request ranked above everything in RAM pushes the worst one out to the spill") {
  MapSpill* spill = nullptr;
  Frontier frontier = one_host_frontier(spill);
  for (int i = 0; i < 150; ++i) REQUIRE(frontier.add({url("http://a.test/d3-" + std::to_string(i)), 3, "r"}) == Admission::queued);
  CHECK(frontier.queued_in_memory() == 100);
  CHECK(frontier.spilled() == 50);
  CHECK(frontier.pending() == 150);
  REQUIRE(frontier.add({url("http://a.test/d1"), 1, "r"}) == Admission::queued);
  CHECK(frontier.queued_in_memory() == 100);
  CHECK(frontier.spilled() == 51);
  auto slots = unlimited();
  CHECK(frontier.next_ready(t0, slots)->url.str() == "http://a.test/d1");
  std::vector<std::string> rest;
  while (auto request = frontier.next_ready(t0, slots)) rest.push_back(request->url.str());
  REQUIRE(rest.size() == 150);
  for (int i = 0; i < 150; ++i) CHECK(rest[static_cast<std::size_t>(i)] == "http://a.test/d3-" + std::to_string(i));
}

TEST_CASE("a spill that cannot be written keeps everything in RAM and says why") {
  MapSpill* spill = nullptr;
  Frontier frontier = one_host_frontier(spill, /*fail_puts=*/true);
  for (int i = 0; i < 300; ++i) REQUIRE(frontier.add({url("http://a.test/" + std::to_string(i)), 1, "r"}) == Admission::queued);
  REQUIRE(frontier.spill_error());
  CHECK(*frontier.spill_error() == "spill: disk full");
  CHECK(frontier.spill_lost() == 0);
  CHECK(frontier.queued_in_memory() == 300);
  auto slots = unlimited();
  int taken = 0;
  while (frontier.next_ready(t0, slots)) ++taken;
  CHECK(taken == 300);
}

TEST_CASE("a spill that cannot be opened keeps everything in RAM and says why") {
  Frontier frontier(crawl::Scope({"a.test"}, {}), crawl::FrontierLimits{50, 0, 0, crawl::CrawlOrder::breadth_first, 100});
  frontier.spill_to([]() -> Result<std::unique_ptr<crawl::FrontierSpill>> {
    return make_error(ErrorKind::io, "/nowhere: cannot create the frontier's spill file");
  });
  for (int i = 0; i < 150; ++i) REQUIRE(frontier.add({url("http://a.test/" + std::to_string(i)), 1, "r"}) == Admission::queued);
  REQUIRE(frontier.spill_error());
  CHECK(frontier.pending() == 150);
  CHECK(frontier.queued_in_memory() == 150);
}

TEST_CASE("a spill that cannot be read back counts what it lost") {
  MapSpill* spill = nullptr;
  Frontier frontier = one_host_frontier(spill);
  for (int i = 0; i < 250; ++i) REQUIRE(frontier.add({url("http://a.test/" + std::to_string(i)), 1, "r"}) == Admission::queued);
  REQUIRE(spill);
  spill->fail_takes = true;
  auto slots = unlimited();
  int taken = 0;
  while (frontier.next_ready(t0, slots)) ++taken;
  CHECK(taken == 100);
  REQUIRE(frontier.spill_error());
  CHECK(frontier.spill_lost() == 150);
  CHECK(frontier.pending() == 0);
  CHECK(spill->size() == 150);  // still there, but unreadable: counted as lost
}

TEST_CASE("with more hosts than the memory budget, every host keeps its head in RAM and can be served") {
  MapSpill* spill = nullptr;
  Frontier frontier(crawl::Scope({"test"}, {}), crawl::FrontierLimits{50, 0, 0, crawl::CrawlOrder::breadth_first, 100});
  frontier.spill_to([&spill]() -> Result<std::unique_ptr<crawl::FrontierSpill>> {
    auto made = std::make_unique<MapSpill>();
    spill = made.get();
    return std::unique_ptr<crawl::FrontierSpill>(std::move(made));
  });
  // 300 hosts, 10 URLs each, queued host after host: most of every host's
  // line goes to the spill, its head stays.
  for (int host = 0; host < 300; ++host) {
    for (int i = 0; i < 10; ++i) {
      const std::string link = "http://h" + std::to_string(host) + ".test/" + std::to_string(i);
      REQUIRE(frontier.add({url(link), 1, "r"}) == Admission::queued);
    }
  }
  CHECK(frontier.queued_in_memory() == 300);
  CHECK(frontier.spilled() == 2700);
  // One request per host per 10 s: the first 300 handed out are 300 hosts.
  crawl::HostSlots slots(crawl::Politeness{1, std::chrono::seconds(10), 0, {}});
  std::set<std::string> hosts;
  for (int i = 0; i < 300; ++i) {
    auto request = frontier.next_ready(t0, slots);
    REQUIRE(request);
    CHECK(request->url.path() == "/0");
    slots.start(request->url.host(), t0);
    slots.finish(request->url.host());
    hosts.insert(request->url.host());
  }
  CHECK(hosts.size() == 300);
  CHECK_FALSE(frontier.next_ready(t0, slots));
  // Every host read the next part of its line back, in order.
  auto later = frontier.next_ready(t0 + std::chrono::seconds(10), slots);
  REQUIRE(later);
  CHECK(later->url.path() == "/1");
  CHECK(frontier.pending() == 2699);
}
