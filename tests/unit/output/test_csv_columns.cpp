#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "output/csv_columns.hpp"

using namespace gleaner;
using config::FieldRule;
using config::FieldShape;
using config::ItemRule;

namespace {

FieldRule value(std::string name, bool all = false) {
  FieldRule field;
  field.name = std::move(name);
  field.all = all;
  return field;
}

FieldRule object(std::string name, std::vector<FieldRule> fields, bool all = false) {
  FieldRule field = value(std::move(name), all);
  field.shape = FieldShape::object;
  field.fields = std::move(fields);
  return field;
}

ItemRule rule(std::vector<std::string> metadata, std::vector<FieldRule> fields) {
  ItemRule item;
  item.name = "item";
  item.metadata = std::move(metadata);
  item.fields = std::move(fields);
  return item;
}

std::vector<std::string> names(const std::vector<ItemRule>& rules) {
  std::vector<std::string> result;
  auto columns = output::csv_columns(rules);
  REQUIRE(columns);
  for (const output::CsvColumn& column : *columns) result.push_back(column.name);
  return result;
}

}  // namespace

TEST_CASE("CSV columns are each rule's metadata then its fields, in order of first appearance") {
  const std::vector<ItemRule> rules{
      rule({"url"}, {value("title"), value("price")}),
      rule({"url", "status"}, {value("name"), value("price"), value("tags", true)}),
  };
  CHECK(names(rules) == std::vector<std::string>{"url", "title", "price", "status", "name", "tags"});
}

TEST_CASE("a single nested object is flattened into parent.child columns, recursively") {
  const std::vector<ItemRule> rules{rule(
      {"url"}, {object("author", {value("name"), object("born", {value("year"), value("place")})}),
                object("reviews", {value("stars")}, true),  // a list of objects: one JSON column
                value("title")})};
  const auto columns = *output::csv_columns(rules);
  CHECK(names(rules) ==
        std::vector<std::string>{"url", "author.name", "author.born.year", "author.born.place", "reviews", "title"});
  REQUIRE(columns.size() == 6);
  CHECK(columns[2].path == std::vector<std::string>{"author", "born", "year"});
  CHECK(columns[4].path == std::vector<std::string>{"reviews"});
}

TEST_CASE("a key/value field is one column, and a rule without metadata adds none") {
  FieldRule specs = value("specs");
  specs.shape = FieldShape::key_value;
  CHECK(names({rule({}, {specs})}) == std::vector<std::string>{"specs"});
  CHECK(names({}).empty());
}

TEST_CASE("two fields that would share a column are refused, naming both") {
  const std::vector<ItemRule> rules{rule({"url"}, {value("a.b"), object("a", {value("b")})})};
  const auto columns = output::csv_columns(rules);
  REQUIRE_FALSE(columns);
  CHECK(columns.error().message ==
        R"(CSV column "a.b" would hold two different fields, "a.b" and "a" -> "b"; rename one of them)");
  // The same field in two item rules is one column, not a collision.
  CHECK(output::csv_columns({rule({"url"}, {value("a.b")}), rule({"url"}, {value("a.b")})}));
}
