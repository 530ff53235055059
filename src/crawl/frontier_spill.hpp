// FrontierSpill: where the frontier keeps the queued requests that do not fit
// in its memory budget (FrontierLimits::max_queued_in_memory), so that RAM
// stays flat however many URLs a crawl queues. The frontier decides what goes
// out and when it comes back; a spill only stores requests and returns a
// host's best-ranked first (rank, then arrival sequence). state/ implements it on a
// temporary SQLite file; tests use a map.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crawl/crawl_request.hpp"
#include "crawl/queue_rank.hpp"

namespace gleaner::crawl {

struct SpilledRequest {
  CrawlRequest request;
  QueueRank rank;
  std::uint64_t sequence = 0;  // arrival order among equal ranks
};

class FrontierSpill {
 public:
  virtual ~FrontierSpill() = default;

  virtual Result<void> put(const SpilledRequest& spilled) = 0;
  // Removes and returns up to `count` of the host's requests (the host of
  // their URLs), the smallest (rank, sequence) first.
  virtual Result<std::vector<SpilledRequest>> take_best(const std::string& host, std::size_t count) = 0;
  // The smallest rank held for the host; nullopt when none.
  virtual std::optional<QueueRank> best_rank(const std::string& host) const = 0;
  // Requests held, of all hosts.
  virtual std::size_t size() const = 0;
};

}  // namespace gleaner::crawl
