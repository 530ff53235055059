#include "crawl/retry_policy.hpp"

#include <algorithm>

namespace gleaner::crawl {

bool RetryPolicy::should_retry(long status, bool transient_transport_failure, int attempt) const {
  if (attempt > settings_.max_retries) return false;
  if (transient_transport_failure) return true;
  return std::find(settings_.statuses.begin(), settings_.statuses.end(), status) != settings_.statuses.end();
}

Clock::duration RetryPolicy::delay_before_next(int attempt, std::optional<Clock::duration> retry_after) {
  if (retry_after) return *retry_after;
  const int doublings = std::clamp(attempt - 1, 0, 30);
  const double exponential = static_cast<double>(settings_.base_delay.count()) * static_cast<double>(1LL << doublings);
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  const double jittered = std::min(exponential * jitter(random_), static_cast<double>(settings_.max_delay.count()));
  return Clock::duration(static_cast<Clock::rep>(jittered));
}

}  // namespace gleaner::crawl
