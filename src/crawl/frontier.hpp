// Frontier: the URLs still to fetch and the fingerprints of every URL ever
// admitted. Breadth-first: a URL is fetched after every shallower one.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/url.hpp"
#include "crawl/scope.hpp"

namespace gleaner::crawl {

struct CrawlRequest {
  Url url;
  int depth = 0;        // start URLs are 0
  std::string referer;  // the page the link was found on; empty for start URLs
};

enum class Admission {
  queued,
  seen,         // already admitted once
  out_of_scope,
  too_deep,     // beyond max_depth
  page_limit,   // max_pages URLs already admitted
};

struct FrontierLimits {
  int max_depth = 10;
  long max_pages = 0;  // 0: no limit
};

class Frontier {
 public:
  Frontier(Scope scope, FrontierLimits limits) : scope_(std::move(scope)), limits_(limits) {}

  Admission add(CrawlRequest request);
  // Pure: hands out the next request, or nothing when the queue is empty.
  std::optional<CrawlRequest> next();

  std::size_t pending() const { return pending_; }
  std::size_t seen() const { return seen_.size(); }

 private:
  Scope scope_;
  FrontierLimits limits_;
  std::unordered_set<std::uint64_t> seen_;
  std::vector<std::deque<CrawlRequest>> by_depth_;  // index: depth
  std::size_t pending_ = 0;
  long admitted_ = 0;
};

}  // namespace gleaner::crawl
