// EventLoop: the single I/O thread. epoll for sockets, one timerfd behind a
// timer heap, and an eventfd through which other threads post work.
#pragma once

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "loop/task.hpp"

namespace gleaner::loop {

using Clock = std::chrono::steady_clock;
using TimerId = std::uint64_t;

class EventLoop {
 public:
  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs until stop(). Returns at once if stop() was already called.
  void run();
  // Loop thread only; from another thread use post([&] { loop.stop(); }).
  void stop() { stopping_ = true; }

  // Runs the loop until `task` finishes and returns its result or rethrows.
  template <class T>
  T run_until_complete(Task<T> task);

  // Starts `task` now as detached work. An exception escaping it is reported
  // on stderr with `name` and counted; the loop carries on.
  void spawn(Task<void> task, std::string name);
  std::size_t failed_tasks() const { return failed_tasks_; }

  // Loop thread: resume `handle` on a later turn, after the current batch of
  // events (never inside the caller, so callers need not be re-entrant).
  void schedule(std::coroutine_handle<> handle) { ready_.push_back(handle); }

  // Any thread: run `work` on the loop thread soon. Wakes the loop via eventfd.
  void post(std::function<void()> work);

  // Timers fire on the loop thread, in deadline order (ties: creation order).
  TimerId add_timer(Clock::time_point deadline, std::function<void()> callback);
  void cancel_timer(TimerId id);

  // Watch `fd` for EPOLLIN/EPOLLOUT (a second call changes the interest).
  // The callback receives epoll's event bits.
  void watch_fd(int fd, std::uint32_t events, std::function<void(std::uint32_t)> callback);
  void unwatch_fd(int fd);

  // co_await loop.sleep_for(100ms);
  auto sleep_for(Clock::duration duration) {
    struct Awaiter {
      EventLoop& loop;
      Clock::time_point deadline;
      bool await_ready() const noexcept { return deadline <= Clock::now(); }
      void await_suspend(std::coroutine_handle<> handle) {
        loop.add_timer(deadline, [&loop = loop, handle] { loop.schedule(handle); });
      }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this, Clock::now() + duration};
  }

 private:
  struct TimerEntry {
    Clock::time_point deadline;
    TimerId id;
    bool operator>(const TimerEntry& other) const {
      return deadline != other.deadline ? deadline > other.deadline : id > other.id;
    }
  };
  struct FdWatch {
    std::uint32_t generation;
    std::function<void(std::uint32_t)> callback;
  };

  void run_ready();
  void fire_due_timers();
  void arm_timerfd();
  void drain_posted();
  void wait_for_events(bool block);
  void compact_timers();

  int epoll_fd_ = -1;
  int timer_fd_ = -1;
  int wake_fd_ = -1;
  bool stopping_ = false;
  std::size_t failed_tasks_ = 0;

  std::vector<std::coroutine_handle<>> ready_;

  std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> timer_heap_;
  std::unordered_map<TimerId, std::function<void()>> timers_;  // live timers only
  TimerId next_timer_id_ = 1;
  std::optional<Clock::time_point> armed_deadline_;

  std::unordered_map<int, FdWatch> fd_watches_;
  std::uint32_t next_generation_ = 1;

  std::mutex posted_mutex_;
  std::vector<std::function<void()>> posted_;
};

namespace detail {

template <class T>
Detached run_and_stop(EventLoop& loop, Task<T> task, std::optional<T>& result,
                      std::exception_ptr& error) {
  try {
    result.emplace(co_await std::move(task));
  } catch (...) {
    error = std::current_exception();
  }
  loop.stop();
}

inline Detached run_and_stop(EventLoop& loop, Task<void> task, std::optional<bool>& finished,
                             std::exception_ptr& error) {
  try {
    co_await std::move(task);
    finished = true;
  } catch (...) {
    error = std::current_exception();
  }
  loop.stop();
}

}  // namespace detail

template <class T>
T EventLoop::run_until_complete(Task<T> task) {
  using Slot = std::conditional_t<std::is_void_v<T>, bool, T>;
  std::optional<Slot> result;
  std::exception_ptr error;
  detail::run_and_stop(*this, std::move(task), result, error);
  while (!result && !error) {
    stopping_ = false;
    run();
  }
  stopping_ = false;
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>) return std::move(*result);
}

}  // namespace gleaner::loop
