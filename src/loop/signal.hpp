// Signal: an auto-reset wake-up for one waiting coroutine, e.g. the engine's
// dispatcher waiting for "a request finished or new links arrived".
#pragma once

#include <cassert>
#include <coroutine>

#include "loop/event_loop.hpp"

namespace gleaner::loop {

class Signal {
 public:
  explicit Signal(EventLoop& loop) : loop_(loop) {}

  // Completes at once if notify() came since the last wait; one waiter at a time.
  auto wait() {
    struct Awaiter {
      Signal& signal;
      bool await_ready() const noexcept { return signal.pending_; }
      void await_suspend(std::coroutine_handle<> handle) noexcept {
        assert(!signal.waiter_);
        signal.waiter_ = handle;
      }
      void await_resume() const noexcept { signal.pending_ = false; }
    };
    return Awaiter{*this};
  }

  void notify() {
    pending_ = true;
    if (waiter_) {
      loop_.schedule(waiter_);
      waiter_ = nullptr;
    }
  }

 private:
  EventLoop& loop_;
  bool pending_ = false;
  std::coroutine_handle<> waiter_;
};

}  // namespace gleaner::loop
