// parse_duration: the job file's "90s", "45m", "2h", "7d", "2w".
#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/duration.hpp"

using gleaner::parse_duration;
using namespace std::chrono;

TEST_CASE("a duration is a whole number and one unit: seconds, minutes, hours, days or weeks") {
  struct Row {
    std::string text;
    seconds expected;
  };
  const std::vector<Row> rows{
      {"90s", seconds(90)}, {"45m", minutes(45)}, {"2h", hours(2)},   {"7d", days(7)},
      {"2w", weeks(2)},     {"0s", seconds(0)},   {"0w", seconds(0)}, {"999999w", weeks(999999)},
      {"1m", seconds(60)},  {"1d", hours(24)},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const std::optional<seconds> parsed = parse_duration(row.text);
    REQUIRE(parsed);
    CHECK(*parsed == row.expected);
  }
}

TEST_CASE("anything but digits and one unit letter is not a duration") {
  const std::vector<std::string> wrong{
      "",        "s",     "90",     "3 days", " 90s",  "90s ",    "9 0s",  "1.5h",  "-5s",  "-0s", "+5s",
      "05m",     "00s",   "1000000s", "5ms",  "5S",    "5M",      "5y",    "5mo",   "h5",   "5hh", "1e3s",
      "0x10s",   "٣d",
  };
  for (const std::string& text : wrong) {
    CAPTURE(text);
    CHECK_FALSE(parse_duration(text));
  }
}
