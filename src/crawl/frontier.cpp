#include "crawl/frontier.hpp"

#include "crawl/fingerprint.hpp"

namespace gleaner::crawl {

Admission Frontier::add(CrawlRequest request) {
  if (request.depth > limits_.max_depth) return Admission::too_deep;
  if (scope_.check(request.url) != OutOfScope::none) return Admission::out_of_scope;
  const std::uint64_t key = fingerprint(request.url.str());
  if (seen_.contains(key)) return Admission::seen;
  if (limits_.max_pages > 0 && admitted_ >= limits_.max_pages) return Admission::page_limit;
  seen_.insert(key);
  ++admitted_;
  // One queue per depth: with many pages in flight, a deep page can finish
  // before a shallow one, and its links must still wait their turn.
  const auto depth = static_cast<std::size_t>(request.depth);
  if (by_depth_.size() <= depth) by_depth_.resize(depth + 1);
  by_depth_[depth].push_back(std::move(request));
  ++pending_;
  return Admission::queued;
}

std::optional<CrawlRequest> Frontier::next() {
  for (auto& queue : by_depth_) {
    if (queue.empty()) continue;
    CrawlRequest request = std::move(queue.front());
    queue.pop_front();
    --pending_;
    return request;
  }
  return std::nullopt;
}

}  // namespace gleaner::crawl
