#include <doctest/doctest.h>

#include <ctime>

#include "crawl/retry_after.hpp"
#include "crawl/retry_policy.hpp"

using namespace gleaner::crawl;
using namespace std::chrono_literals;

TEST_CASE("configured statuses and transient transport failures are retried, up to the limit") {
  const RetryPolicy policy(RetrySettings{});
  CHECK(policy.should_retry(503, false, 1));
  CHECK(policy.should_retry(429, false, 2));
  CHECK_FALSE(policy.should_retry(503, false, 3));  // 1 + max_retries (2) attempts made
  CHECK_FALSE(policy.should_retry(404, false, 1));
  CHECK_FALSE(policy.should_retry(200, false, 1));
  CHECK(policy.should_retry(0, true, 1));
}

TEST_CASE("backoff doubles per attempt within ±50% jitter and stops at the cap") {
  RetrySettings settings;
  settings.max_delay = 10s;
  RetryPolicy policy(settings, 7);
  for (int round = 0; round < 50; ++round) {
    const auto first = policy.delay_before_next(1, std::nullopt);
    CHECK(first >= 500ms);
    CHECK(first < 1500ms);
    const auto third = policy.delay_before_next(3, std::nullopt);
    CHECK(third >= 2s);
    CHECK(third < 6s);
    CHECK(policy.delay_before_next(20, std::nullopt) <= 10s);
  }
}

TEST_CASE("the server's Retry-After is used as given") {
  RetryPolicy policy(RetrySettings{});
  CHECK(policy.delay_before_next(1, 7s) == 7s);
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date (RFC 9110 §10.2.3)") {
  const std::time_t now = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(parse_retry_after("120", now) == 120s);
  CHECK(parse_retry_after(" 5 ", now) == 5s);
  CHECK(parse_retry_after("0", now) == 0s);
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now) == 60s);
  CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now) == 10s);  // RFC 850 form
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now) == 0s);   // in the past
  CHECK(parse_retry_after("", now) == std::nullopt);
  CHECK(parse_retry_after("-5", now) == std::nullopt);
  CHECK(parse_retry_after("soon", now) == std::nullopt);
  CHECK(parse_retry_after("99999999999999", now) == 86400s);
}
