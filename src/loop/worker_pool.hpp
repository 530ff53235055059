// WorkerPool: threads for CPU work (parsing, extraction) so the loop thread
// never blocks. `co_await pool.run(fn)` runs fn on a worker and resumes the
// awaiting coroutine back on the loop thread through EventLoop::post.
#pragma once

#include <condition_variable>
#include <coroutine>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "loop/event_loop.hpp"

namespace gleaner::loop {

class WorkerPool {
 public:
  WorkerPool(EventLoop& loop, std::size_t threads);
  ~WorkerPool();  // finishes queued work, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t size() const { return threads_.size(); }

  template <class Fn>
  auto run(Fn fn) {
    using R = std::invoke_result_t<Fn&>;
    using Slot = std::conditional_t<std::is_void_v<R>, bool, R>;
    struct Awaiter {
      WorkerPool& pool;
      Fn fn;
      std::optional<Slot> result;
      std::exception_ptr error;

      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> handle) {
        pool.submit([this, handle] {
          try {
            if constexpr (std::is_void_v<R>) {
              fn();
              result.emplace(true);
            } else {
              result.emplace(fn());
            }
          } catch (...) {
            error = std::current_exception();
          }
          pool.loop_.post([handle] { handle.resume(); });
        });
      }
      R await_resume() {
        if (error) std::rethrow_exception(error);
        if constexpr (!std::is_void_v<R>) return std::move(*result);
      }
    };
    return Awaiter{*this, std::move(fn), {}, {}};
  }

 private:
  void submit(std::function<void()> job);
  void work();

  EventLoop& loop_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gleaner::loop
