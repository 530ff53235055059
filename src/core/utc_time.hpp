// Timestamps as records and manifests show them (RFC 3339, UTC, whole
// seconds) and as the state file stores them (Unix seconds).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace gleaner {

// "2026-11-22T09:30:00Z"
std::string rfc3339_utc(std::chrono::system_clock::time_point when);

// Whole seconds since the Unix epoch, as the state file stores times.
std::int64_t unix_seconds(std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

}  // namespace gleaner
