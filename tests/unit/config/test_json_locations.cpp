#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/json_locations.hpp"
#include "config/json_reader.hpp"

using gleaner::config::JsonLocations;
using gleaner::config::JsonPointer;
using gleaner::config::TextPosition;

namespace {

// A pointer from its RFC 6901 tokens, unescaped: {"items", "0", "a/b"}.
JsonPointer pointer(const std::vector<std::string>& tokens) {
  JsonPointer where;
  for (const std::string& token : tokens) {
    const bool is_index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    where = is_index ? where.child(std::stoul(token)) : where.child(token);
  }
  return where;
}

// "line:column", or "none": easy to read in a failed CHECK.
std::string located(std::string_view text, const std::vector<std::string>& tokens) {
  // The locator's contract: text the JSON reader accepted.
  REQUIRE(gleaner::config::read_json(text, "test.json"));
  const JsonPointer where = pointer(tokens);
  const std::optional<TextPosition> position = JsonLocations(text, {where}).find(where);
  if (!position) return "none";
  return std::to_string(position->line) + ":" + std::to_string(position->column);
}

}  // namespace

TEST_CASE("a pointer is mapped to the line and column where its value starts") {
  const std::string text =
      "{\n"                                   // 1
      "  \"name\": \"books\",\n"              // 2
      "  \"start_urls\": [\n"                 // 3
      "    \"http://a.test/\",\n"             // 4
      "    \"http://b.test/\"\n"              // 5
      "  ],\n"                                // 6
      "  \"items\": [{\"name\": \"b\", \"fields\": {\"t\": {\"selector\": \"h1\", \"all\": true}}}],\n"  // 7
      "  \"max_depth\": -1\n"                 // 8
      "}\n";
  CHECK(located(text, {}) == "1:1");
  CHECK(located(text, {"name"}) == "2:11");
  CHECK(located(text, {"start_urls"}) == "3:17");
  CHECK(located(text, {"start_urls", "0"}) == "4:5");
  CHECK(located(text, {"start_urls", "1"}) == "5:5");
  CHECK(located(text, {"items"}) == "7:12");
  CHECK(located(text, {"items", "0"}) == "7:13");
  CHECK(located(text, {"items", "0", "name"}) == "7:22");
  CHECK(located(text, {"items", "0", "fields", "t", "selector"}) == "7:56");
  CHECK(located(text, {"items", "0", "fields", "t", "all"}) == "7:69");
  CHECK(located(text, {"max_depth"}) == "8:16");
}

TEST_CASE("comments before and between values do not shift positions, and are not values") {
  const std::string text =
      "// \"name\": \"not this\", {[\n"            // 1
      "/* a block comment { \"max_depth\": 1 }\n"  // 2
      "   over two lines */ {\n"                   // 3
      "  \"max_depth\" /* :[ */ : // 0\n"          // 4
      "    /**/ 3, \"follow\": [ /* \"x\" */ \"a\" // ]\n"  // 5
      "  ]}";
  CHECK(located(text, {}) == "3:22");
  CHECK(located(text, {"max_depth"}) == "5:10");
  CHECK(located(text, {"follow"}) == "5:23");
  CHECK(located(text, {"follow", "0"}) == "5:35");
  CHECK(located(text, {"follow", "1"}) == "none");
  CHECK(located(text, {"name"}) == "none");
}

TEST_CASE("brackets, quotes and slashes inside strings are text, not structure") {
  const std::string text = R"({"a": "}]\",{[// /*", "b": ["x\\", "y"], "c": 1})";
  CHECK(located(text, {"b"}) == "1:28");
  CHECK(located(text, {"b", "1"}) == "1:36");
  CHECK(located(text, {"c"}) == "1:47");
}

TEST_CASE("keys are matched as decoded and then escaped as in a JSON pointer (RFC 6901 §3)") {
  const std::string text = R"({"a/b~c": 1, "\u0041\/": 2, "caf\u00e9": 3})";
  CHECK(located(text, {"a/b~c"}) == "1:11");
  CHECK(pointer({"a/b~c"}).str() == "/a~1b~0c");
  CHECK(located(text, {"A/"}) == "1:26");
  CHECK(located(text, {"caf\xC3\xA9"}) == "1:42");
}

TEST_CASE("columns count UTF-8 characters, as editors do") {
  const std::string text = "{\"name\": \"caf\xC3\xA9\", \"x\": 1}";
  CHECK(located(text, {"x"}) == "1:23");
}

TEST_CASE("a key given twice is located at its last value, the one the parser keeps") {
  const std::string text = "{\"max_depth\": 1,\n \"max_depth\": 2}";
  CHECK(located(text, {"max_depth"}) == "2:15");
}

TEST_CASE("empty containers, nested arrays and scalars of every kind are stepped over") {
  const std::string text = R"({"a": {}, "b": [], "c": [[1, -2.5e3], [true, null]], "d": false})";
  CHECK(located(text, {"a"}) == "1:7");
  CHECK(located(text, {"b"}) == "1:16");
  CHECK(located(text, {"c", "0", "1"}) == "1:30");
  CHECK(located(text, {"c", "1", "1"}) == "1:46");
  CHECK(located(text, {"d"}) == "1:59");
}

TEST_CASE("a byte order mark before the document takes no column") {
  CHECK(located("\xEF\xBB\xBF{\"a\": 1}", {"a"}) == "1:7");
}

TEST_CASE("a deeply nested document is stepped over without recursion") {
  const std::size_t depth = 100000;
  const std::string text = "[" + std::string(depth, '[') + std::string(depth, ']') + ", 7]";
  const JsonPointer second = pointer({"1"});
  const JsonLocations locations(text, {second, pointer({"0", "0", "0"})});
  const std::optional<TextPosition> position = locations.find(second);
  REQUIRE(position);
  CHECK(position->column == 2 * depth + 4);
  CHECK(locations.find(pointer({"0", "0", "0"}))->column == 4);
}

TEST_CASE("only the values asked for are located") {
  const std::string text = R"({"a": 1, "b": {"c": 2}})";
  const JsonLocations locations(text, {pointer({"b", "c"})});
  CHECK(locations.find(pointer({"b", "c"}))->column == 21);
  CHECK_FALSE(locations.find(pointer({"a"})));
  CHECK_FALSE(locations.find(pointer({"b"})));
}
