#include "crawl/frontier.hpp"

#include <limits>

#include "crawl/fingerprint.hpp"

namespace gleaner::crawl {

int Frontier::HostQueue::shallowest() const {
  for (std::size_t depth = 0; depth < by_depth.size(); ++depth) {
    if (!by_depth[depth].empty()) return static_cast<int>(depth);
  }
  return std::numeric_limits<int>::max();
}

Admission Frontier::add(CrawlRequest request) {
  if (request.depth > limits_.max_depth) return Admission::too_deep;
  if (scope_.check(request.url) != OutOfScope::none) return Admission::out_of_scope;
  const std::uint64_t key = fingerprint(request.url.str());
  if (seen_.contains(key)) return Admission::seen;
  if (limits_.max_pages > 0 && admitted_ >= limits_.max_pages) return Admission::page_limit;
  seen_.insert(key);
  ++admitted_;
  enqueue(std::move(request), /*front=*/false);
  return Admission::queued;
}

void Frontier::retry(CrawlRequest request, Clock::time_point not_before) {
  delayed_.push(Delayed{not_before, delayed_order_++, std::move(request)});
}

void Frontier::enqueue(CrawlRequest request, bool front) {
  HostQueue& queue = hosts_[request.url.host()];
  // One queue per depth: with many pages in flight, a deep page can finish
  // before a shallow one, and its links must still wait their turn.
  const auto depth = static_cast<std::size_t>(request.depth);
  if (queue.by_depth.size() <= depth) queue.by_depth.resize(depth + 1);
  if (front) {
    queue.by_depth[depth].push_front(std::move(request));
  } else {
    queue.by_depth[depth].push_back(std::move(request));
  }
  ++queue.size;
  ++pending_;
}

void Frontier::release_due_retries(Clock::time_point now) {
  while (!delayed_.empty() && delayed_.top().not_before <= now) {
    // priority_queue::top is const; the element is popped right after.
    CrawlRequest request = std::move(const_cast<Delayed&>(delayed_.top()).request);
    delayed_.pop();
    enqueue(std::move(request), /*front=*/true);  // a retry keeps its place in line
  }
}

std::optional<CrawlRequest> Frontier::next_ready(Clock::time_point now, const HostSlots& slots) {
  release_due_retries(now);
  HostQueue* best = nullptr;
  int best_depth = std::numeric_limits<int>::max();
  for (auto& [host, queue] : hosts_) {
    const int depth = queue.shallowest();
    if (depth < best_depth && slots.ready(host, now)) {
      best = &queue;
      best_depth = depth;
    }
  }
  if (!best) return std::nullopt;

  auto& lane = best->by_depth[static_cast<std::size_t>(best_depth)];
  CrawlRequest request = std::move(lane.front());
  lane.pop_front();
  --best->size;
  --pending_;
  if (best->size == 0) hosts_.erase(request.url.host());
  return request;
}

std::optional<Clock::time_point> Frontier::next_wakeup(const HostSlots& slots) const {
  std::optional<Clock::time_point> earliest;
  auto consider = [&earliest](Clock::time_point when) {
    if (!earliest || when < *earliest) earliest = when;
  };
  if (!delayed_.empty()) consider(delayed_.top().not_before);
  for (const auto& [host, queue] : hosts_) {
    if (auto when = slots.ready_at(host)) consider(*when);
  }
  return earliest;
}

}  // namespace gleaner::crawl
