#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "loop/event_loop.hpp"
#include "loop/when_all.hpp"

using namespace gleaner::loop;
using namespace std::chrono_literals;

namespace {

Task<int> value_after(EventLoop& loop, Clock::duration delay, int value) {
  co_await loop.sleep_for(delay);
  co_return value;
}

Task<int> immediate(int value) { co_return value; }

Task<int> fail_after(EventLoop& loop, Clock::duration delay) {
  co_await loop.sleep_for(delay);
  throw std::runtime_error("child failed");
}

}  // namespace

TEST_CASE("when_all returns results in input order, whatever order they finish in") {
  EventLoop loop;
  std::vector<Task<int>> tasks;
  tasks.push_back(value_after(loop, 20ms, 1));
  tasks.push_back(immediate(2));
  tasks.push_back(value_after(loop, 5ms, 3));
  const auto results = loop.run_until_complete(when_all(std::move(tasks)));
  CHECK(results == std::vector<int>{1, 2, 3});
}

TEST_CASE("when_all of nothing completes at once") {
  EventLoop loop;
  CHECK(loop.run_until_complete(when_all(std::vector<Task<int>>{})).empty());
}

TEST_CASE("when_all rethrows a child's exception after every child has finished") {
  EventLoop loop;
  int finished = 0;
  auto counted = [](EventLoop& loop, int& finished) -> Task<void> {
    co_await loop.sleep_for(10ms);
    ++finished;
  };
  auto failing = [](EventLoop& loop) -> Task<void> {
    co_await fail_after(loop, 1ms);
  };
  std::vector<Task<void>> tasks;
  tasks.push_back(failing(loop));
  tasks.push_back(counted(loop, finished));
  CHECK_THROWS_WITH(loop.run_until_complete(when_all(std::move(tasks))), "child failed");
  CHECK(finished == 1);
}
