// Timestamps as records and manifests show them: RFC 3339, UTC, whole seconds.
#pragma once

#include <chrono>
#include <string>

namespace gleaner {

// "2026-11-22T09:30:00Z"
std::string rfc3339_utc(std::chrono::system_clock::time_point when);

}  // namespace gleaner
