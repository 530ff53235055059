// Frontier: the URLs still to fetch, queued per host, and the fingerprints of
// every URL ever admitted. Hands out the shallowest request whose host is
// ready (HostSlots), so one slow or throttled host never holds up the others.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/url.hpp"
#include "crawl/host_slots.hpp"
#include "crawl/scope.hpp"

namespace gleaner::crawl {

struct CrawlRequest {
  Url url;
  int depth = 0;        // start URLs are 0
  std::string referer;  // the page the link was found on; empty for start URLs
  int attempt = 1;      // 2 and up: a retry
};

enum class Admission {
  queued,
  seen,          // already admitted once
  out_of_scope,
  too_deep,      // beyond max_depth
  page_limit,    // max_pages URLs already admitted
};

struct FrontierLimits {
  int max_depth = 10;
  long max_pages = 0;  // 0: no limit
};

class Frontier {
 public:
  Frontier(Scope scope, FrontierLimits limits) : scope_(std::move(scope)), limits_(limits) {}

  // A newly found URL: checked against scope, limits and the seen set.
  Admission add(CrawlRequest request);
  // A request that failed and will be tried again, not before `not_before`.
  void retry(CrawlRequest request, Clock::time_point not_before);

  // Pure: the shallowest request whose host `slots` says is ready at `now`;
  // nothing if no queued request may start yet.
  std::optional<CrawlRequest> next_ready(Clock::time_point now, const HostSlots& slots);
  // When next_ready() could next return something without any request
  // finishing first; nullopt if that needs a finish (or nothing is queued).
  std::optional<Clock::time_point> next_wakeup(const HostSlots& slots) const;

  std::size_t pending() const { return pending_ + delayed_.size(); }
  std::size_t seen() const { return seen_.size(); }

 private:
  struct HostQueue {
    std::vector<std::deque<CrawlRequest>> by_depth;  // index: depth
    std::size_t size = 0;
    int shallowest() const;
  };
  struct Delayed {
    Clock::time_point not_before;
    std::uint64_t order;
    CrawlRequest request;
    bool operator>(const Delayed& other) const {
      return not_before != other.not_before ? not_before > other.not_before : order > other.order;
    }
  };

  void enqueue(CrawlRequest request, bool front);
  void release_due_retries(Clock::time_point now);

  Scope scope_;
  FrontierLimits limits_;
  std::unordered_set<std::uint64_t> seen_;
  std::unordered_map<std::string, HostQueue> hosts_;  // only hosts with queued requests
  std::priority_queue<Delayed, std::vector<Delayed>, std::greater<>> delayed_;
  std::uint64_t delayed_order_ = 0;
  std::size_t pending_ = 0;
  long admitted_ = 0;
};

}  // namespace gleaner::crawl
