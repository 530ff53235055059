#include <doctest/doctest.h>

#include "crawl/host_slots.hpp"

using namespace gleaner::crawl;
using namespace std::chrono_literals;

namespace {
const Clock::time_point t0 = Clock::time_point{} + std::chrono::hours(1);
}

TEST_CASE("a host never has more requests in flight than its limit") {
  HostSlots slots(Politeness{2, {}, 0, 5min});
  CHECK(slots.ready("a.test", t0));
  slots.start("a.test", t0);
  slots.start("a.test", t0);
  CHECK_FALSE(slots.ready("a.test", t0));
  CHECK(slots.ready_at("a.test") == std::nullopt);  // waiting alone will not help
  CHECK(slots.ready("b.test", t0));                 // other hosts are unaffected
  slots.finish("a.test");
  CHECK(slots.ready("a.test", t0));
}

TEST_CASE("a per-host delay spaces request starts") {
  HostSlots slots(Politeness{8, 2s, 0, 5min});
  slots.start("a.test", t0);
  CHECK_FALSE(slots.ready("a.test", t0 + 1999ms));
  CHECK(slots.ready_at("a.test") == t0 + 2s);
  CHECK(slots.ready("a.test", t0 + 2s));
}

TEST_CASE("jitter varies the delay within its bounds") {
  HostSlots slots(Politeness{100, 1s, 0.5, 5min}, 42);
  bool saw_short = false;
  bool saw_long = false;
  Clock::time_point now = t0;
  for (int i = 0; i < 200; ++i) {
    slots.start("a.test", now);
    const auto wait = *slots.ready_at("a.test") - now;
    CHECK(wait >= 500ms);
    CHECK(wait <= 1500ms);
    saw_short |= wait < 900ms;
    saw_long |= wait > 1100ms;
    now += wait;
    slots.finish("a.test");
  }
  CHECK(saw_short);
  CHECK(saw_long);
}

TEST_CASE("Retry-After holds a host back exactly that long") {
  HostSlots slots(Politeness{8, {}, 0, 5min});
  slots.back_off("a.test", t0, 30s);
  CHECK_FALSE(slots.ready("a.test", t0 + 29s));
  CHECK(slots.ready("a.test", t0 + 30s));
}

TEST_CASE("without Retry-After the backoff doubles, and successes bring it back down") {
  HostSlots slots(Politeness{8, {}, 0, 5min});
  slots.back_off("a.test", t0, std::nullopt);
  CHECK(slots.ready_at("a.test") == t0 + 1s);
  slots.back_off("a.test", t0 + 1s, std::nullopt);
  CHECK(slots.ready_at("a.test") == t0 + 3s);
  slots.back_off("a.test", t0 + 3s, std::nullopt);
  CHECK(slots.ready_at("a.test") == t0 + 7s);
  slots.succeeded("a.test");  // 4 s -> 2 s
  slots.back_off("a.test", t0 + 7s, std::nullopt);
  CHECK(slots.ready_at("a.test") == t0 + 11s);  // 2 s doubled
}

TEST_CASE("a huge Retry-After is capped at the maximum backoff") {
  HostSlots slots(Politeness{8, {}, 0, 5min});
  slots.back_off("a.test", t0, std::chrono::hours(48));
  CHECK(slots.ready_at("a.test") == t0 + 5min);
}

TEST_CASE("robots.txt Crawl-delay raises a host's delay but never lowers it") {
  HostSlots slots(Politeness{8, 3s, 0, 5min});
  slots.set_minimum_delay("a.test", 1s);
  slots.start("a.test", t0);
  CHECK(slots.ready_at("a.test") == t0 + 3s);
  slots.set_minimum_delay("b.test", 5s);
  slots.start("b.test", t0);
  CHECK(slots.ready_at("b.test") == t0 + 5s);
}
