// TrapGuard: spots links that lead into crawler traps, sites that generate
// pages without end. The frontier asks it about every link (not start URLs).
//
// Three rules, each cheap and needing no page content:
// - more than 20 path segments (relative links that keep growing the path);
// - a path segment that occurs more than 3 times, or a sequence of two or more
//   segments repeated 3 times back to back ("/a/b/a/b/a/b/");
// - endless calendars: a link is a "calendar step" when it has the same
//   origin as the page it was found on and its path and query differ from
//   that page's only in numbers, at least one of which looks like a date (a
//   year 1900-2199 alone or leading a yyyymm / yyyymmdd run). A link reached
//   through more than 24 calendar steps in a row is a trap: "next month" can
//   be followed two years each way, while archive pages linked from elsewhere
//   start counting again from zero. Pagination (numbers without a year) is
//   never counted: it ends by itself, and max_pages bounds it otherwise.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "core/url.hpp"

namespace gleaner::crawl {

enum class TrapKind {
  none,
  too_many_segments,
  repeated_segments,
  calendar,
};

std::string_view describe(TrapKind kind);  // "too many path segments", ...

struct TrapCheck {
  TrapKind trap = TrapKind::none;
  int calendar_steps = 0;  // calendar steps in a row that led to this URL
};

class TrapGuard {
 public:
  static constexpr std::size_t max_segments = 20;
  static constexpr int max_segment_repeats = 3;
  static constexpr int max_calendar_steps = 24;

  // Pure: is `url`, found on the page `referer` (a canonical URL as the
  // frontier handed it out), a trap?
  TrapCheck check(const Url& url, std::string_view referer) const;
  // The URL was admitted: remember its calendar steps for the links found on it.
  void admitted(std::uint64_t fingerprint, const TrapCheck& check);

 private:
  // Only URLs reached by a calendar step are kept: 10 bytes or so each.
  std::unordered_map<std::uint64_t, std::uint16_t> calendar_steps_;
};

}  // namespace gleaner::crawl
