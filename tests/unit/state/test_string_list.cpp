#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "state/string_list.hpp"

using gleaner::state::decode_string_list;
using gleaner::state::encode_string_list;

TEST_CASE("a string list round-trips through its column text") {
  const std::vector<std::vector<std::string>> lists = {
      {},
      {""},
      {"https://shop.test/a", "https://shop.test/b?q=1&r=2"},
      {"line one\nline two\r\n", "tab\there", "quote \" and backslash \\"},
      {"caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x98\x80", "\x01\x1F control"},
      {R"({"name":"Lamp","price":12.5})", "[1,2]"},
  };
  for (const auto& list : lists) {
    const auto decoded = decode_string_list(encode_string_list(list));
    REQUIRE(decoded.has_value());
    CHECK(*decoded == list);
  }
}

TEST_CASE("a byte sequence that is not UTF-8 is stored as U+FFFD rather than failing") {
  const auto decoded = decode_string_list(encode_string_list({"bad \xFF byte"}));
  REQUIRE(decoded.has_value());
  CHECK(*decoded == std::vector<std::string>{"bad \xEF\xBF\xBD byte"});
}

TEST_CASE("column text that is not a JSON array of strings is refused") {
  CHECK_FALSE(decode_string_list("").has_value());
  CHECK_FALSE(decode_string_list("[\"a\"").has_value());
  CHECK_FALSE(decode_string_list("{\"a\":1}").has_value());
  CHECK_FALSE(decode_string_list("[\"a\", 1]").has_value());
  CHECK_FALSE(decode_string_list("\"a\"").has_value());
}
