// Semaphore: a counting semaphore for coroutines on the loop thread, e.g. the
// global concurrency limit. acquire() yields a Permit that releases on destruction.
#pragma once

#include <coroutine>
#include <cstddef>
#include <deque>
#include <utility>

#include "loop/event_loop.hpp"

namespace gleaner::loop {

class Semaphore {
 public:
  class Permit {
   public:
    Permit() = default;
    explicit Permit(Semaphore* owner) : owner_(owner) {}
    Permit(Permit&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    Permit& operator=(Permit&& other) noexcept {
      if (this != &other) {
        reset();
        owner_ = std::exchange(other.owner_, nullptr);
      }
      return *this;
    }
    ~Permit() { reset(); }
    void reset() {
      if (owner_) std::exchange(owner_, nullptr)->release();
    }
    bool held() const { return owner_ != nullptr; }

   private:
    Semaphore* owner_ = nullptr;
  };

  Semaphore(EventLoop& loop, std::size_t count) : loop_(loop), available_(count) {}
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  // Waiters are served first come, first served.
  auto acquire() {
    struct Awaiter {
      Semaphore& semaphore;
      bool await_ready() const noexcept {
        if (semaphore.available_ > 0 && semaphore.waiters_.empty()) {
          --semaphore.available_;
          return true;
        }
        return false;
      }
      void await_suspend(std::coroutine_handle<> handle) { semaphore.waiters_.push_back(handle); }
      Permit await_resume() const noexcept { return Permit(&semaphore); }
    };
    return Awaiter{*this};
  }

  std::size_t available() const { return available_; }
  std::size_t waiting() const { return waiters_.size(); }

 private:
  // The unit passes straight to the first waiter, resumed on a later turn.
  void release() {
    if (waiters_.empty()) {
      ++available_;
      return;
    }
    auto next = waiters_.front();
    waiters_.pop_front();
    loop_.schedule(next);
  }

  EventLoop& loop_;
  std::size_t available_;
  std::deque<std::coroutine_handle<>> waiters_;
};

}  // namespace gleaner::loop
