#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "loop/event_loop.hpp"
#include "loop/when_all.hpp"
#include "loop/worker_pool.hpp"

using namespace gleaner::loop;

namespace {

Task<bool> runs_elsewhere_and_returns(WorkerPool& pool) {
  const auto loop_thread = std::this_thread::get_id();
  const auto worker_thread = co_await pool.run([] { return std::this_thread::get_id(); });
  co_return worker_thread != loop_thread && std::this_thread::get_id() == loop_thread;
}

Task<int> square(WorkerPool& pool, int value) {
  co_return co_await pool.run([value] { return value * value; });
}

}  // namespace

TEST_CASE("work runs on a worker thread and the coroutine resumes on the loop thread") {
  EventLoop loop;
  WorkerPool pool(loop, 2);
  CHECK(loop.run_until_complete(runs_elsewhere_and_returns(pool)));
}

TEST_CASE("many jobs complete with their own results") {
  EventLoop loop;
  WorkerPool pool(loop, 2);
  std::vector<Task<int>> tasks;
  for (int i = 0; i < 200; ++i) tasks.push_back(square(pool, i));
  const auto results = loop.run_until_complete(when_all(std::move(tasks)));
  for (int i = 0; i < 200; ++i) CHECK(results[static_cast<std::size_t>(i)] == i * i);
}

TEST_CASE("an exception thrown on a worker reaches the awaiting coroutine") {
  EventLoop loop;
  WorkerPool pool(loop, 1);
  auto failing = [](WorkerPool& pool) -> Task<void> {
    co_await pool.run([] { throw std::runtime_error("worker failed"); });
  };
  CHECK_THROWS_WITH(loop.run_until_complete(failing(pool)), "worker failed");
}
