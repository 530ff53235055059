#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <unordered_set>

#include "crawl/fingerprint.hpp"
#include "crawl/fingerprint_set.hpp"

using gleaner::crawl::FingerprintSet;

TEST_CASE("the fingerprint set agrees with std::unordered_set over 200,000 random keys and repeats") {
  FingerprintSet set;
  std::unordered_set<std::uint64_t> reference;
  std::mt19937_64 random(7);
  for (int i = 0; i < 200'000; ++i) {
    // Every third key repeats an earlier one's low bits, so probe chains form.
    const std::uint64_t key = i % 3 == 0 ? (random() & 0xffff) : random();
    CHECK(set.insert(key) == reference.insert(key).second);
  }
  CHECK(set.size() == reference.size());
  for (const std::uint64_t key : reference) REQUIRE(set.contains(key));
  std::mt19937_64 other(8);
  for (int i = 0; i < 10'000; ++i) {
    const std::uint64_t key = other();
    CHECK(set.contains(key) == reference.contains(key));
  }
}

TEST_CASE("the fingerprint set keeps the key 0 and a key whose low bits collide with it") {
  FingerprintSet set;
  CHECK_FALSE(set.contains(0));
  CHECK(set.insert(0));
  CHECK_FALSE(set.insert(0));
  CHECK(set.contains(0));
  CHECK(set.insert(1ull << 40));  // slot 0 of the table
  CHECK(set.contains(1ull << 40));
  CHECK(set.size() == 2);
}

TEST_CASE("the fingerprint set stays within 21 bytes a key at any size") {
  FingerprintSet set;
  for (std::uint64_t i = 1; i <= 1'000'000; ++i) {
    set.insert(gleaner::crawl::fingerprint(std::to_string(i)));
    if (i % 50'000 == 0) {
      const double bytes_per_key = static_cast<double>(set.memory_bytes()) / static_cast<double>(set.size());
      CHECK(bytes_per_key <= 21.4);
    }
  }
  CHECK(set.size() == 1'000'000);
}
