#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "loop/event_loop.hpp"
#include "loop/when_all.hpp"
#include "output/bounded_queue.hpp"

using namespace gleaner;
using loop::Task;
using namespace std::chrono_literals;
using output::BoundedQueue;

namespace {

Task<void> produce(BoundedQueue<int>& queue, int first, int count, std::vector<bool>& accepted) {
  for (int i = first; i < first + count; ++i) accepted.push_back(co_await queue.push(i));
}

}  // namespace

TEST_CASE("a full queue suspends the producer until the consumer makes room") {
  loop::EventLoop loop;
  BoundedQueue<int> queue(loop, 2);
  std::vector<bool> accepted;
  std::atomic<std::size_t> most_queued{0};
  std::vector<int> consumed;
  std::thread consumer([&] {
    while (auto value = queue.pop()) {
      most_queued = std::max(most_queued.load(), queue.size());
      consumed.push_back(*value);
      std::this_thread::sleep_for(1ms);  // a slow disk
    }
  });
  loop.run_until_complete(produce(queue, 0, 50, accepted));
  queue.close();
  consumer.join();

  CHECK(accepted == std::vector<bool>(50, true));
  CHECK(most_queued == 2);  // full, never over
  std::vector<int> expected(50);
  for (int i = 0; i < 50; ++i) expected[static_cast<std::size_t>(i)] = i;
  CHECK(consumed == expected);  // order kept, nothing lost
}

TEST_CASE("values queued before close are still delivered") {
  loop::EventLoop loop;
  BoundedQueue<int> queue(loop, 8);
  std::vector<bool> accepted;
  loop.run_until_complete(produce(queue, 1, 3, accepted));
  queue.close();
  std::vector<int> drained;
  while (auto value = queue.pop()) drained.push_back(*value);
  CHECK(drained == std::vector<int>{1, 2, 3});
}

TEST_CASE("closing the queue releases blocked producers with false") {
  loop::EventLoop loop;
  BoundedQueue<int> queue(loop, 1);
  std::vector<bool> accepted;
  auto close_soon = [](loop::EventLoop& loop, BoundedQueue<int>& queue) -> Task<void> {
    co_await loop.sleep_for(5ms);
    queue.close();
  };
  std::vector<loop::Task<void>> tasks;
  tasks.push_back(produce(queue, 0, 3, accepted));
  tasks.push_back(close_soon(loop, queue));
  loop.run_until_complete(loop::when_all(std::move(tasks)));
  CHECK(accepted == std::vector<bool>{true, false, false});
}

TEST_CASE("several producers interleave without losing or duplicating values") {
  loop::EventLoop loop;
  BoundedQueue<int> queue(loop, 3);
  std::vector<bool> accepted_a;
  std::vector<bool> accepted_b;
  std::vector<int> consumed;
  std::thread consumer([&] {
    while (auto value = queue.pop()) consumed.push_back(*value);
  });
  std::vector<loop::Task<void>> tasks;
  tasks.push_back(produce(queue, 0, 100, accepted_a));
  tasks.push_back(produce(queue, 1000, 100, accepted_b));
  loop.run_until_complete(loop::when_all(std::move(tasks)));
  queue.close();
  consumer.join();
  REQUIRE(consumed.size() == 200);
  std::vector<int> from_a;
  std::vector<int> from_b;
  for (int value : consumed) (value < 1000 ? from_a : from_b).push_back(value);
  CHECK(from_a.size() == 100);
  CHECK(std::is_sorted(from_a.begin(), from_a.end()));
  CHECK(std::is_sorted(from_b.begin(), from_b.end()));
}

TEST_CASE("pop_all takes every queued value in one batch, never more than the capacity") {
  loop::EventLoop loop;
  BoundedQueue<int> queue(loop, 4);
  std::vector<bool> accepted;
  std::vector<std::size_t> batch_sizes;
  std::vector<int> consumed;
  std::thread consumer([&] {
    std::vector<int> batch;
    while (queue.pop_all(batch)) {
      batch_sizes.push_back(batch.size());
      consumed.insert(consumed.end(), batch.begin(), batch.end());
      batch.clear();
      std::this_thread::sleep_for(1ms);  // a slow disk: producers fill the queue meanwhile
    }
  });
  loop.run_until_complete(produce(queue, 0, 60, accepted));
  queue.close();
  consumer.join();

  CHECK(accepted == std::vector<bool>(60, true));
  std::vector<int> expected(60);
  for (int i = 0; i < 60; ++i) expected[static_cast<std::size_t>(i)] = i;
  CHECK(consumed == expected);
  CHECK(*std::max_element(batch_sizes.begin(), batch_sizes.end()) <= 4);
  CHECK(batch_sizes.size() < 60);  // some batches held more than one value
  CHECK(queue.high_water() == 4);
}
