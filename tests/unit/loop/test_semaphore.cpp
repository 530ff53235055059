#include <doctest/doctest.h>

#include <chrono>
#include <vector>

#include "loop/event_loop.hpp"
#include "loop/semaphore.hpp"
#include "loop/signal.hpp"
#include "loop/when_all.hpp"

using namespace gleaner::loop;
using namespace std::chrono_literals;

namespace {

Task<void> hold(EventLoop& loop, Semaphore& semaphore, int& inside, int& most_inside,
                std::vector<int>& entered, int id) {
  auto permit = co_await semaphore.acquire();
  entered.push_back(id);
  ++inside;
  most_inside = std::max(most_inside, inside);
  co_await loop.sleep_for(2ms);
  --inside;
}

Task<void> notify_later(EventLoop& loop, Signal& signal, bool& notified) {
  co_await loop.sleep_for(2ms);
  notified = true;
  signal.notify();
}

Task<void> wait_for(Signal& signal, bool& notified, bool& saw_notification) {
  co_await signal.wait();
  saw_notification = notified;
}

}  // namespace

TEST_CASE("a semaphore never lets more than its count in at once") {
  EventLoop loop;
  Semaphore semaphore(loop, 3);
  int inside = 0;
  int most_inside = 0;
  std::vector<int> entered;
  std::vector<Task<void>> tasks;
  for (int i = 0; i < 10; ++i) tasks.push_back(hold(loop, semaphore, inside, most_inside, entered, i));
  loop.run_until_complete(when_all(std::move(tasks)));
  CHECK(most_inside == 3);
  CHECK(entered == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});  // first come, first served
  CHECK(semaphore.available() == 3);
}

TEST_CASE("a semaphore permit released early returns the unit at once") {
  EventLoop loop;
  Semaphore semaphore(loop, 1);
  auto take_and_release = [](Semaphore& semaphore) -> Task<void> {
    auto permit = co_await semaphore.acquire();
    CHECK(semaphore.available() == 0);
    permit.reset();
    CHECK(semaphore.available() == 1);
  };
  loop.run_until_complete(take_and_release(semaphore));
}

TEST_CASE("a signal wakes its waiter, and a notification before the wait is not lost") {
  EventLoop loop;
  Signal signal(loop);
  bool notified = false;
  bool saw_notification = false;
  std::vector<Task<void>> tasks;
  tasks.push_back(wait_for(signal, notified, saw_notification));
  tasks.push_back(notify_later(loop, signal, notified));
  loop.run_until_complete(when_all(std::move(tasks)));
  CHECK(saw_notification);

  signal.notify();
  saw_notification = false;
  loop.run_until_complete(wait_for(signal, notified, saw_notification));
  CHECK(saw_notification);
}
