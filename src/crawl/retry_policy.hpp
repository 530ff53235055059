// RetryPolicy: which failures are worth another attempt, and how long to wait
// before it (exponential backoff with jitter, or the server's Retry-After).
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <vector>

#include "crawl/host_slots.hpp"

namespace gleaner::crawl {

struct RetrySettings {
  int max_retries = 2;  // attempts = 1 + max_retries
  std::vector<long> statuses{408, 429, 500, 502, 503, 504};
  Clock::duration base_delay = std::chrono::seconds(1);
  Clock::duration max_delay = std::chrono::seconds(60);
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetrySettings settings, std::uint64_t seed = 0x2545f4914f6cdd1dull)
      : settings_(std::move(settings)), random_(seed) {}

  // `attempt` is the one that just failed (1 for the first). A transient
  // transport failure is a timeout, refused connection or reset.
  bool should_retry(long status, bool transient_transport_failure, int attempt) const;

  // The wait before attempt + 1: base × 2^(attempt-1), times a random factor
  // in [0.5, 1.5) so that many failed requests do not return in lockstep,
  // capped at max_delay. A Retry-After from the server is used as given.
  Clock::duration delay_before_next(int attempt, std::optional<Clock::duration> retry_after);

  const RetrySettings& settings() const { return settings_; }

 private:
  RetrySettings settings_;
  std::mt19937_64 random_;
};

}  // namespace gleaner::crawl
