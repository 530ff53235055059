// Reads a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

namespace gleaner::crawl {

// How long to wait from `now_utc`; nullopt for an empty or unreadable value.
// A date in the past means "now" (zero). Negative numbers are unreadable.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now_utc);

}  // namespace gleaner::crawl
