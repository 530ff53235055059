#include <doctest/doctest.h>

#include <dirent.h>

#include <filesystem>
#include <string>
#include <vector>

#include "state/sqlite_frontier_spill.hpp"

using namespace gleaner;
using crawl::CrawlRequest;
using crawl::SpilledRequest;
using state::SqliteFrontierSpill;

namespace {

SpilledRequest spilled(const std::string& path, crawl::QueueRank rank, std::uint64_t sequence, int attempt = 1,
                       const std::string& host = "shop.test") {
  return {CrawlRequest{*Url::parse("http://" + host + path), rank.second, "http://shop.test/from", attempt, -rank.first},
          rank, sequence};
}

std::vector<std::string> paths(const std::vector<SpilledRequest>& requests) {
  std::vector<std::string> result;
  for (const auto& request : requests) result.emplace_back(request.request.url.path_and_query());
  return result;
}

std::size_t entries_in(const std::filesystem::path& directory) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory), {}));
}

}  // namespace

TEST_CASE("the SQLite spill returns a host's requests best rank first, then in arrival order, whole") {
  auto spill = SqliteFrontierSpill::open("");
  REQUIRE(spill);
  auto& store = **spill;
  CHECK_FALSE(store.best_rank("shop.test"));
  REQUIRE(store.put(spilled("/other-host", {-9, 0}, 1, 1, "other.test")));
  REQUIRE(store.put(spilled("/d2-late", {0, 2}, 9)));
  REQUIRE(store.put(spilled("/d2-early", {0, 2}, 3)));
  REQUIRE(store.put(spilled("/retry", {0, 2}, 0, 3)));
  REQUIRE(store.put(spilled("/urgent?q=1", {-5, 4}, 12)));
  REQUIRE(store.put(spilled("/d1", {0, 1}, 20)));
  CHECK(store.size() == 6);
  CHECK(store.best_rank("shop.test") == crawl::QueueRank{-5, 4});
  CHECK(store.best_rank("other.test") == crawl::QueueRank{-9, 0});

  auto first = store.take_best("shop.test", 2);
  REQUIRE(first);
  CHECK(paths(*first) == std::vector<std::string>{"/urgent?q=1", "/d1"});
  const CrawlRequest& urgent = (*first)[0].request;
  CHECK(urgent.url.str() == "http://shop.test/urgent?q=1");
  CHECK(urgent.url.host() == "shop.test");
  CHECK(urgent.url.scheme() == "http");
  CHECK(urgent.depth == 4);
  CHECK(urgent.priority == 5);
  CHECK(urgent.referer == "http://shop.test/from");
  CHECK((*first)[0].sequence == 12);
  CHECK(store.size() == 4);
  CHECK(store.best_rank("shop.test") == crawl::QueueRank{0, 2});

  auto rest = store.take_best("shop.test", 10);
  REQUIRE(rest);
  CHECK(paths(*rest) == std::vector<std::string>{"/retry", "/d2-early", "/d2-late"});
  CHECK((*rest)[0].request.attempt == 3);
  CHECK(store.size() == 1);
  CHECK_FALSE(store.best_rank("shop.test"));
  auto other = store.take_best("other.test", 10);
  REQUIRE(other);
  CHECK(paths(*other) == std::vector<std::string>{"/other-host"});
  CHECK(store.size() == 0);
}

TEST_CASE("the SQLite spill holds 100,000 requests across its write batches") {
  auto spill = SqliteFrontierSpill::open("");
  REQUIRE(spill);
  for (std::uint64_t i = 0; i < 100'000; ++i) {
    REQUIRE((*spill)->put(spilled("/p/" + std::to_string(i), {0, static_cast<int>(i % 7)}, i)));
  }
  CHECK((*spill)->size() == 100'000);
  std::size_t taken = 0;
  int last_depth = 0;
  while ((*spill)->size() > 0) {
    auto batch = (*spill)->take_best("shop.test", 5000);
    REQUIRE(batch);
    REQUIRE_FALSE(batch->empty());
    CHECK(batch->front().rank.second >= last_depth);
    last_depth = batch->back().rank.second;
    taken += batch->size();
  }
  CHECK(taken == 100'000);
}

TEST_CASE("the SQLite spill's file is unlinked at once, and a bad directory is named") {
  const auto directory = std::filesystem::temp_directory_path() / "gleaner-spill-test";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  {
    auto spill = SqliteFrontierSpill::open(directory.string());
    REQUIRE(spill);
    REQUIRE((*spill)->put(spilled("/a", {0, 1}, 1)));
    CHECK(entries_in(directory) == 0);
  }
  std::filesystem::remove_all(directory);

  auto missing = SqliteFrontierSpill::open("/nonexistent-gleaner-dir");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("/nonexistent-gleaner-dir/gleaner-frontier-") == 0);
  CHECK(missing.error().message.find("cannot create the frontier's spill file") != std::string::npos);
}
