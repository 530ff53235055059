#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "crawl/host_schedule.hpp"

using namespace gleaner::crawl;
using std::chrono::seconds;

namespace {

const Clock::time_point t0 = Clock::time_point{} + std::chrono::hours(1);

std::string next(HostSchedule& schedule, Clock::time_point now, const HostSlots& slots) {
  const std::string* host = schedule.next_ready(now, slots);
  return host ? *host : "(none)";
}

}  // namespace

TEST_CASE("the schedule serves the best-ranked ready host; among equals, the first to queue") {
  HostSchedule schedule;
  HostSlots slots(Politeness{1, {}, 0, {}});
  schedule.update("b.test", {0, 2});
  schedule.update("a.test", {0, 1});
  schedule.update("c.test", {0, 1});
  CHECK(next(schedule, t0, slots) == "a.test");
  slots.start("a.test", t0);  // at its limit now
  CHECK(next(schedule, t0, slots) == "c.test");
  slots.start("c.test", t0);
  CHECK(next(schedule, t0, slots) == "b.test");
  // A better request on b.test moves it ahead of a freed a.test.
  schedule.update("b.test", {-1, 0});
  slots.finish("a.test");
  CHECK(next(schedule, t0, slots) == "b.test");
  schedule.remove("b.test");
  CHECK(next(schedule, t0, slots) == "a.test");
  CHECK(schedule.hosts() == 2);
}

TEST_CASE("a host waiting out its delay sleeps until its time, and the wakeup says when") {
  HostSchedule schedule;
  HostSlots slots(Politeness{4, seconds(10), 0, {}});
  schedule.update("a.test", {0, 0});
  schedule.update("b.test", {0, 1});
  slots.start("a.test", t0);
  slots.start("b.test", t0 + seconds(3));
  CHECK(next(schedule, t0 + seconds(5), slots) == "(none)");
  CHECK(schedule.next_wakeup() == t0 + seconds(10));
  CHECK(next(schedule, t0 + seconds(10), slots) == "a.test");
  slots.start("a.test", t0 + seconds(10));
  CHECK(next(schedule, t0 + seconds(12), slots) == "(none)");
  CHECK(schedule.next_wakeup() == t0 + seconds(13));
  CHECK(next(schedule, t0 + seconds(13), slots) == "b.test");
}

TEST_CASE("a host backed off while asleep is looked at again at its old time and sleeps on") {
  HostSchedule schedule;
  HostSlots slots(Politeness{4, seconds(1), 0, std::chrono::minutes(5)});
  schedule.update("a.test", {0, 0});
  slots.start("a.test", t0);
  CHECK(next(schedule, t0, slots) == "(none)");
  CHECK(schedule.next_wakeup() == t0 + seconds(1));
  slots.back_off("a.test", t0, seconds(30));
  CHECK(next(schedule, t0 + seconds(1), slots) == "(none)");
  CHECK(schedule.next_wakeup() == t0 + seconds(30));
  CHECK(next(schedule, t0 + seconds(30), slots) == "a.test");
}

TEST_CASE("a host at its concurrency limit has no wakeup time; a finish makes it ready") {
  HostSchedule schedule;
  HostSlots slots(Politeness{1, {}, 0, {}});
  schedule.update("a.test", {0, 0});
  slots.start("a.test", t0);
  CHECK(next(schedule, t0, slots) == "(none)");
  CHECK_FALSE(schedule.next_wakeup());
  slots.finish("a.test");
  CHECK(next(schedule, t0, slots) == "a.test");
}

TEST_CASE("removing hosts in every standing leaves nothing behind") {
  HostSchedule schedule;
  HostSlots slots(Politeness{1, seconds(5), 0, {}});
  schedule.update("timed.test", {0, 0});
  schedule.update("busy.test", {0, 0});
  schedule.update("fresh.test", {0, 5});
  slots.start("timed.test", t0);
  slots.finish("timed.test");
  slots.start("busy.test", t0);
  CHECK(next(schedule, t0, slots) == "fresh.test");
  schedule.remove("timed.test");
  schedule.remove("busy.test");
  schedule.remove("fresh.test");
  CHECK(schedule.hosts() == 0);
  CHECK(next(schedule, t0 + seconds(60), slots) == "(none)");
  CHECK_FALSE(schedule.next_wakeup());
}
