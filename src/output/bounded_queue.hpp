// BoundedQueue<T>: records travel from crawl coroutines (loop thread) to the
// writer thread. push() suspends while the queue is full, so a slow disk slows
// the crawl instead of growing memory.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "loop/event_loop.hpp"

namespace gleaner::output {

template <class T>
class BoundedQueue {
 public:
  class PushAwaiter;

  BoundedQueue(loop::EventLoop& loop, std::size_t capacity)
      : loop_(loop), capacity_(capacity ? capacity : 1) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Loop thread: `bool queued = co_await queue.push(value)`. Resolves to true
  // once the value is queued, false if the queue was closed (value dropped).
  PushAwaiter push(T value) { return PushAwaiter(*this, std::move(value)); }

  // Consumer thread. Blocks until a value arrives; nullopt once closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    readable_.wait(lock, [this] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T value = std::move(items_.front());
    items_.pop_front();
    admit_blocked_locked();
    return value;
  }

  // Consumer thread: the batch form of pop(). Blocks until a value arrives,
  // then moves every queued value (at most capacity()) to the end of `out`.
  // False once closed and drained.
  bool pop_all(std::vector<T>& out) {
    std::unique_lock lock(mutex_);
    readable_.wait(lock, [this] { return !items_.empty() || closed_; });
    if (items_.empty()) return false;
    for (T& value : items_) out.push_back(std::move(value));
    items_.clear();
    admit_blocked_locked();
    return true;
  }

  // Any thread. Values already queued are still delivered by pop(); blocked
  // producers resume with false.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (PushAwaiter* waiter : blocked_) resume_on_loop(waiter->handle_);
    blocked_.clear();
    readable_.notify_all();
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  std::size_t capacity() const { return capacity_; }
  // The most values ever queued at once: never above capacity().
  std::size_t high_water() const {
    std::lock_guard lock(mutex_);
    return high_water_;
  }

  class PushAwaiter {
   public:
    PushAwaiter(BoundedQueue& queue, T value) : queue_(queue), value_(std::move(value)) {}

    bool await_ready() {
      std::lock_guard lock(queue_.mutex_);
      return queue_.closed_ || try_enqueue_locked();
    }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      std::lock_guard lock(queue_.mutex_);
      // The consumer may have made room, or closed, since await_ready.
      if (queue_.closed_ || try_enqueue_locked()) return false;
      handle_ = awaiting;
      queue_.blocked_.push_back(this);
      return true;
    }
    bool await_resume() const noexcept { return accepted_; }

   private:
    friend class BoundedQueue;

    // Blocked producers go first, so records keep the order they were pushed in.
    bool try_enqueue_locked() {
      if (queue_.items_.size() >= queue_.capacity_ || !queue_.blocked_.empty()) return false;
      queue_.items_.push_back(std::move(value_));
      queue_.note_size_locked();
      accepted_ = true;
      queue_.readable_.notify_one();
      return true;
    }

    BoundedQueue& queue_;
    T value_;
    bool accepted_ = false;
    std::coroutine_handle<> handle_;
  };

 private:
  void admit_blocked_locked() {
    while (!blocked_.empty() && items_.size() < capacity_) {
      PushAwaiter* waiter = blocked_.front();
      blocked_.pop_front();
      items_.push_back(std::move(waiter->value_));
      note_size_locked();
      waiter->accepted_ = true;
      resume_on_loop(waiter->handle_);
    }
  }

  void note_size_locked() { high_water_ = std::max(high_water_, items_.size()); }

  void resume_on_loop(std::coroutine_handle<> handle) {
    loop_.post([handle] { handle.resume(); });
  }

  loop::EventLoop& loop_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable readable_;
  std::deque<T> items_;
  std::deque<PushAwaiter*> blocked_;  // each lives in its suspended coroutine's frame
  std::size_t high_water_ = 0;
  bool closed_ = false;
};

}  // namespace gleaner::output
