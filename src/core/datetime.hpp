// Date-times as text: the one parser behind sitemap <lastmod> values (W3C
// Datetime, read leniently, as the wild writes them) and job settings such as
// sitemap_since (RFC 3339, read strictly: a person can fix a typo).
#pragma once

#include <ctime>
#include <optional>
#include <string_view>

namespace gleaner {

enum class DatetimeSyntax {
  // W3C Datetime: YYYY, YYYY-MM, YYYY-MM-DD, or a full date with
  // "Thh:mm[:ss[.s+]]" and a zone. Lenient: surrounding whitespace, a space
  // for the "T", no zone (UTC), and zones written "+hhmm" or "+hh".
  w3c_lenient,
  // RFC 3339: YYYY-MM-DD, or YYYY-MM-DD"T"hh:mm[:ss[.s+]] with "Z" or "+hh:mm".
  // The seconds may be left out, as people write times.
  rfc3339_strict,
};

// Seconds since the epoch, UTC; a date alone is its midnight. Nullopt for
// anything else, including out-of-range fields (2024-02-30, 24:00).
std::optional<std::time_t> parse_datetime(std::string_view text, DatetimeSyntax syntax);

}  // namespace gleaner
