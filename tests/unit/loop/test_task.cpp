#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "loop/event_loop.hpp"
#include "loop/task.hpp"

using namespace gleaner::loop;

namespace {

Task<int> forty_two() { co_return 42; }

Task<int> add_one(int value) {
  const int base = co_await forty_two();
  co_return base + value;
}

Task<std::string> throws_after_await() {
  co_await forty_two();
  throw std::runtime_error("boom");
}

Task<void> records(bool& started) {
  started = true;
  co_return;
}

Task<long> deep_chain(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await deep_chain(depth - 1);
}

}  // namespace

TEST_CASE("a task does not start until it is awaited") {
  EventLoop loop;
  bool started = false;
  Task<void> task = records(started);
  CHECK_FALSE(started);
  loop.run_until_complete(std::move(task));
  CHECK(started);
}

TEST_CASE("a task hands its value to the awaiter") {
  EventLoop loop;
  CHECK(loop.run_until_complete(add_one(1)) == 43);
}

TEST_CASE("an exception in a task propagates to the awaiter") {
  EventLoop loop;
  CHECK_THROWS_WITH_AS(loop.run_until_complete(throws_after_await()), "boom", std::runtime_error);
}

// Symmetric transfer keeps the stack flat in optimised builds; sanitizer
// builds disable the tail calls it relies on, so the depth stays modest.
TEST_CASE("a chain of thousands of nested tasks completes with the right value") {
  EventLoop loop;
  CHECK(loop.run_until_complete(deep_chain(5000)) == 5000);
}

TEST_CASE("a task that is never awaited is destroyed without running") {
  bool started = false;
  { Task<void> task = records(started); }
  CHECK_FALSE(started);
}
