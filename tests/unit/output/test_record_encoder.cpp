#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/csv_field.hpp"
#include "output/record_encoder.hpp"

using namespace gleaner;
using nlohmann::ordered_json;
using output::CsvColumn;
using output::CsvRecordEncoder;
using output::JsonRecordEncoder;

namespace {

std::string csv_cell(const ordered_json& value) {
  return CsvRecordEncoder({CsvColumn{"v", {"v"}}}).encode(ordered_json{{"v", value}});
}

std::string csv_field(std::string_view text) {
  std::string row;
  output::append_csv_field(row, text);
  return row;
}

}  // namespace

TEST_CASE("a CSV field is quoted only when RFC 4180 needs it, or when it has a space at an end") {
  struct Row {
    const char* text;
    const char* field;
  };
  const std::vector<Row> rows{
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},                        // §2.6 comma
      {"say \"hi\"", "\"say \"\"hi\"\"\""},      // §2.7 quotes doubled
      {"two\nlines", "\"two\nlines\""},          // §2.6 line break
      {"cr\rhere", "\"cr\rhere\""},
      {"crlf\r\n", "\"crlf\r\n\""},
      {" leading", "\" leading\""},
      {"trailing ", "\"trailing \""},
      {"in side", "in side"},
      {"caf\xC3\xA9 \xE2\x82\xAC 5", "caf\xC3\xA9 \xE2\x82\xAC 5"},  // UTF-8 as is
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(csv_field(row.text) == row.field);
  }
}

TEST_CASE("a CSV cell shows a string as is, scalars as JSON text, null as empty, lists and objects as JSON") {
  CHECK(csv_cell("x, \"y\"") == "\"x, \"\"y\"\"\"");
  CHECK(csv_cell(12) == "12");
  CHECK(csv_cell(-0.5) == "-0.5");
  CHECK(csv_cell(true) == "true");
  CHECK(csv_cell(false) == "false");
  // Alone in its row an empty cell is written "", or the row would be a
  // blank line, which many CSV readers skip; beside other cells it is empty.
  CHECK(csv_cell(nullptr) == "\"\"");
  CHECK(CsvRecordEncoder({{"a", {"a"}}, {"b", {"b"}}}).encode(ordered_json{{"a", nullptr}}) == ",");
  CHECK(csv_cell(ordered_json::array({"a", "b"})) == "\"[\"\"a\"\",\"\"b\"\"]\"");
  CHECK(csv_cell(ordered_json::array({1, 2})) == "\"[1,2]\"");
  CHECK(csv_cell(ordered_json{{"k", 1}}) == "\"{\"\"k\"\":1}\"");
  CHECK(csv_cell(ordered_json::array()) == "[]");
}

TEST_CASE("a CSV row has one cell per column, following nested paths, empty where absent") {
  const CsvRecordEncoder encoder({{"url", {"url"}},
                                  {"title", {"title"}},
                                  {"author.name", {"author", "name"}},
                                  {"author.born.year", {"author", "born", "year"}},
                                  {"tags", {"tags"}},
                                  {"price", {"price"}}});
  const ordered_json record = ordered_json::parse(R"({
      "url": "http://shop.test/p/1",
      "title": "Caf\u00e9, \"best\"",
      "author": {"name": " Ann", "born": {"year": 1970}},
      "tags": [{"k": "v"}]
    })");
  CHECK(encoder.encode(record) ==
        "http://shop.test/p/1,\"Caf\xC3\xA9, \"\"best\"\"\",\" Ann\",1970,\"[{\"\"k\"\":\"\"v\"\"}]\",");
  // A flattened object that came out null, or a path through a non-object: empty cells.
  CHECK(encoder.encode(ordered_json{{"url", "u"}, {"author", nullptr}, {"title", "t"}}) == "u,t,,,,");
  CHECK(encoder.encode(ordered_json{{"author", "just text"}}) == ",,,,,");
}

TEST_CASE("a JSON record is compact, escapes control characters and keeps other UTF-8 as is") {
  const JsonRecordEncoder encoder;
  ordered_json record;
  record["url"] = "http://shop.test/";
  record["text"] = std::string("tab\there\nnul\x01 quote\" back\\slash");
  record["name"] = "caf\xC3\xA9 \xE2\x82\xAC";
  record["n"] = 1.5;
  record["tags"] = {"a", "b"};
  CHECK(encoder.encode(record) ==
        "{\"url\":\"http://shop.test/\",\"text\":\"tab\\there\\nnul\\u0001 quote\\\" back\\\\slash\","
        "\"name\":\"caf\xC3\xA9 \xE2\x82\xAC\",\"n\":1.5,\"tags\":[\"a\",\"b\"]}");
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD instead of losing the record") {
  CHECK(JsonRecordEncoder().encode(ordered_json{{"t", "a\xFFz"}}) == "{\"t\":\"a\xEF\xBF\xBDz\"}");
}

TEST_CASE("the CSV header row quotes names like any other field") {
  CHECK(output::csv_header_row({"url", "title", "a,b", "x.y"}) == "url,title,\"a,b\",x.y");
  CHECK(output::csv_header_row({}) == "");
}
