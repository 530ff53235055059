// when_all: run several tasks concurrently on the loop and wait for all of
// them. Results keep the input order; the first exception is rethrown after all end.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <vector>

#include "loop/task.hpp"

namespace gleaner::loop {
namespace detail {

struct WhenAllLatch {
  std::size_t remaining = 0;
  std::coroutine_handle<> waiter;
  std::exception_ptr first_error;

  void arrive() {
    if (--remaining == 0 && waiter) std::exchange(waiter, nullptr).resume();
  }
  auto wait() {
    struct Awaiter {
      WhenAllLatch& latch;
      bool await_ready() const noexcept { return latch.remaining == 0; }
      void await_suspend(std::coroutine_handle<> handle) noexcept { latch.waiter = handle; }
      void await_resume() const {
        if (latch.first_error) std::rethrow_exception(latch.first_error);
      }
    };
    return Awaiter{*this};
  }
};

template <class T>
Detached when_all_child(Task<T> task, std::optional<T>* slot, WhenAllLatch* latch) {
  try {
    slot->emplace(co_await std::move(task));
  } catch (...) {
    if (!latch->first_error) latch->first_error = std::current_exception();
  }
  latch->arrive();
}

inline Detached when_all_child(Task<void> task, WhenAllLatch* latch) {
  try {
    co_await std::move(task);
  } catch (...) {
    if (!latch->first_error) latch->first_error = std::current_exception();
  }
  latch->arrive();
}

}  // namespace detail

template <class T>
Task<std::vector<T>> when_all(std::vector<Task<T>> tasks) {
  std::vector<std::optional<T>> slots(tasks.size());
  detail::WhenAllLatch latch{tasks.size() + 1, {}, {}};
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    detail::when_all_child(std::move(tasks[i]), &slots[i], &latch);
  }
  // The extra count keeps a child that finishes synchronously from resuming
  // us before we have suspended.
  --latch.remaining;
  co_await latch.wait();
  std::vector<T> results;
  results.reserve(slots.size());
  for (auto& slot : slots) results.push_back(std::move(*slot));
  co_return results;
}

inline Task<void> when_all(std::vector<Task<void>> tasks) {
  detail::WhenAllLatch latch{tasks.size() + 1, {}, {}};
  for (auto& task : tasks) detail::when_all_child(std::move(task), &latch);
  --latch.remaining;
  co_await latch.wait();
}

}  // namespace gleaner::loop
