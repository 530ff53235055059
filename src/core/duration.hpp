// Durations as a job file writes them ("90s", "45m", "2h", "7d", "2w"), for
// recrawl_after, max_runtime and sitemap_since. Pure text to std::chrono.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace gleaner {

// A whole number from 0 to 999999, without sign, spaces or leading zeros,
// then one unit: s (seconds), m (minutes), h (hours), d (days), w (weeks).
// nullopt for anything else, "" and "1.5h" included. The largest value,
// 999999w, is about 19,000 years: more than a nanosecond time_point holds,
// so callers compare ages in seconds rather than add it to a clock reading.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace gleaner
