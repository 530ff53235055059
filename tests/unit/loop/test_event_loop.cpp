#include <doctest/doctest.h>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "loop/event_loop.hpp"

using namespace gleaner::loop;
using namespace std::chrono_literals;

namespace {

Task<void> sleep_then_record(EventLoop& loop, Clock::duration delay, int id, std::vector<int>& order) {
  co_await loop.sleep_for(delay);
  order.push_back(id);
}

Task<void> sleep_all(EventLoop& loop, std::vector<int>& order) {
  loop.spawn(sleep_then_record(loop, 30ms, 3, order), "third");
  loop.spawn(sleep_then_record(loop, 10ms, 1, order), "first");
  loop.spawn(sleep_then_record(loop, 20ms, 2, order), "second");
  co_await loop.sleep_for(60ms);
}

Task<void> fails() {
  throw std::runtime_error("expected failure");
  co_return;
}

}  // namespace

TEST_CASE("timers fire in deadline order, not in the order they were set") {
  EventLoop loop;
  std::vector<int> order;
  loop.run_until_complete(sleep_all(loop, order));
  CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("timers with the same deadline fire in the order they were added") {
  EventLoop loop;
  std::vector<int> order;
  const auto deadline = Clock::now() + 5ms;
  for (int i = 0; i < 5; ++i) loop.add_timer(deadline, [&order, i] { order.push_back(i); });
  loop.add_timer(deadline + 1ms, [&loop] { loop.stop(); });
  loop.run();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("a cancelled timer never fires") {
  EventLoop loop;
  bool fired = false;
  const TimerId id = loop.add_timer(Clock::now() + 5ms, [&fired] { fired = true; });
  loop.cancel_timer(id);
  loop.add_timer(Clock::now() + 20ms, [&loop] { loop.stop(); });
  loop.run();
  CHECK_FALSE(fired);
}

TEST_CASE("many cancelled timers do not disturb the live ones") {
  EventLoop loop;
  int fired = 0;
  for (int i = 0; i < 1000; ++i) {
    loop.cancel_timer(loop.add_timer(Clock::now() + 1h, [&fired] { ++fired; }));
  }
  loop.add_timer(Clock::now() + 2ms, [&fired] { ++fired; });
  loop.add_timer(Clock::now() + 5ms, [&loop] { loop.stop(); });
  loop.run();
  CHECK(fired == 1);
}

TEST_CASE("sleep_for waits at least the requested time") {
  EventLoop loop;
  std::vector<int> order;
  const auto start = Clock::now();
  loop.run_until_complete(sleep_then_record(loop, 25ms, 7, order));
  CHECK(Clock::now() - start >= 25ms);
  CHECK(order == std::vector<int>{7});
}

TEST_CASE("work posted from another thread runs on the loop thread") {
  EventLoop loop;
  std::atomic<int> ran{0};
  std::thread::id ran_on;
  std::thread poster([&] {
    for (int i = 0; i < 100; ++i) loop.post([&] { ++ran; });
    loop.post([&] {
      ran_on = std::this_thread::get_id();
      loop.stop();
    });
  });
  loop.run();
  poster.join();
  CHECK(ran == 100);
  CHECK(ran_on == std::this_thread::get_id());
}

TEST_CASE("a coroutine suspended on the loop is resumed from another thread") {
  EventLoop loop;
  struct Handoff {
    std::coroutine_handle<> handle;
    std::atomic<bool> parked{false};
  } handoff;
  auto waiter = [](EventLoop& loop, Handoff& handoff) -> Task<int> {
    struct Park {
      Handoff& handoff;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> handle) noexcept {
        handoff.handle = handle;
        handoff.parked = true;
      }
      void await_resume() const noexcept {}
    };
    co_await Park{handoff};
    (void)loop;
    co_return 5;
  };
  std::thread resumer([&] {
    for (int i = 0; i < 2000 && !handoff.parked; ++i) std::this_thread::sleep_for(1ms);
    loop.post([&] { loop.schedule(handoff.handle); });
  });
  CHECK(loop.run_until_complete(waiter(loop, handoff)) == 5);
  resumer.join();
}

TEST_CASE("a readable file descriptor calls its watcher") {
  EventLoop loop;
  int fds[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
  std::uint32_t seen = 0;
  loop.watch_fd(fds[0], EPOLLIN, [&](std::uint32_t events) {
    seen = events;
    loop.unwatch_fd(fds[0]);
    loop.stop();
  });
  REQUIRE(write(fds[1], "x", 1) == 1);
  loop.run();
  CHECK((seen & EPOLLIN) != 0);
  close(fds[0]);
  close(fds[1]);
}

TEST_CASE("an exception escaping spawned work is counted and the loop carries on") {
  EventLoop loop;
  loop.spawn(fails(), "failing task");
  std::vector<int> order;
  loop.run_until_complete(sleep_then_record(loop, 1ms, 1, order));
  CHECK(loop.failed_tasks() == 1);
  CHECK(order == std::vector<int>{1});
}
