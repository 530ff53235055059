#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/datetime.hpp"

using gleaner::DatetimeSyntax;
using gleaner::parse_datetime;

TEST_CASE("lenient W3C and strict RFC 3339 date-times differ only where the wild differs from people") {
  constexpr std::time_t midnight = 1767225600;  // 2026-01-01T00:00:00Z
  struct Row {
    std::string text;
    std::optional<std::time_t> lenient;
    std::optional<std::time_t> strict;
  };
  const std::vector<Row> rows = {
      {"2026-01-01", midnight, midnight},
      {"2026-01-01T08:30:00Z", midnight + 30600, midnight + 30600},
      {"2026-01-01T08:30Z", midnight + 30600, midnight + 30600},
      {"2026-01-01T08:30:00.25+02:00", midnight + 23400, midnight + 23400},
      {"2026-01-01t08:30:00z", midnight + 30600, midnight + 30600},
      {" 2026-01-01 ", midnight, std::nullopt},               // whitespace
      {"2026", midnight, std::nullopt},                       // a year alone
      {"2026-01", midnight, std::nullopt},                    // a month alone
      {"2026-01-01 08:30:00", midnight + 30600, std::nullopt},  // space for "T", no zone
      {"2026-01-01T08:30:00", midnight + 30600, std::nullopt},  // no zone: UTC, or nothing definite
      {"2026-01-01T08:30:00+0200", midnight + 23400, std::nullopt},
      {"2026-01-01T08:30:00+02", midnight + 23400, std::nullopt},
      {"2026-02-30", std::nullopt, std::nullopt},
      {"2026-01-01T24:00:00Z", std::nullopt, std::nullopt},
      {"2026-01T08:30Z", std::nullopt, std::nullopt},
      {"yesterday", std::nullopt, std::nullopt},
      {"", std::nullopt, std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(parse_datetime(row.text, DatetimeSyntax::w3c_lenient) == row.lenient);
    CHECK(parse_datetime(row.text, DatetimeSyntax::rfc3339_strict) == row.strict);
  }
}
