#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "config/diagnostics.hpp"
#include "config/field_schema.hpp"
#include "config/item_schema.hpp"

using namespace gleaner::config;

namespace {

struct Read {
  std::vector<ItemRule> items;
  Diagnostics sink;
};

Read read(const std::string& items_json) {
  Read result;
  result.items = read_items(Json::parse(items_json), JsonPointer().child("items"), result.sink);
  return result;
}

// An item "p" whose only field "f" is `field` (JSON text).
std::string with_field(const std::string& field) {
  return R"([{"name": "p", "fields": {"f": )" + field + "}}]";
}

struct Row {
  std::string items;    // the "items" array
  std::string where;    // JSON pointer of the one problem
  std::string message;  // exactly as reported
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.items);
    const Read result = read(row.items);
    REQUIRE(result.sink.all().size() == 1);
    CHECK(result.sink.all()[0].where.display() == row.where);
    CHECK(result.sink.all()[0].message == row.message);
  }
}

std::string nested_fields(int depth) {
  std::string field = R"("h1")";
  for (int i = 0; i < depth; ++i) field = R"({"fields": {"n": )" + field + "}}";
  return field;
}

}  // namespace

TEST_CASE("every field key is read into the FieldRule") {
  const Read result = read(R"j([{"name": "product", "url_pattern": "/p/", "when": ["table.specs", ".price"],
    "scope": "div.product", "metadata": ["item", "url", "status"],
    "fields": {
      "title": "h2",
      "price": {"selector": [".sale", ".price::text"], "type": "number", "decimal": ",", "thousands": "",
                "regex": "([0-9,]+)", "replace": [["\\s", ""], ["(a)(b)", "\\2\\1"]], "default": 0},
      "tags": {"selector": "li", "all": true, "split": ";", "join": ", ", "case": "lower",
               "normalize_whitespace": false, "required": true},
      "body": {"selector": "div.body", "type": "html"},
      "seller": {"selector": "p.seller", "all": true, "fields": {"name": "a"}},
      "here": {"fields": {"name": "h1"}},
      "specs": {"selector": "tr", "key": "th::text", "value": {"selector": "td", "type": "integer"}}}}])j");
  REQUIRE(result.sink.empty());
  REQUIRE(result.items.size() == 1);
  const ItemRule& item = result.items[0];
  CHECK(item.name == "product");
  CHECK(item.metadata == std::vector<std::string>{"item", "url", "status"});
  REQUIRE(item.when.size() == 2);
  CHECK(item.when[1].text == ".price");
  REQUIRE(item.scope);
  CHECK(item.scope->text == "div.product");
  REQUIRE(item.fields.size() == 7);

  const FieldRule& title = item.fields[0];
  CHECK(title.shape == FieldShape::value);
  CHECK(title.selector_text == "h2");
  CHECK(title.type == FieldType::string);
  CHECK(title.transforms.normalize_whitespace);

  const FieldRule& price = item.fields[1];
  CHECK(price.selector_text == ".sale");
  REQUIRE(price.fallback_selectors.size() == 1);
  CHECK(price.fallback_selectors[0].text == ".price::text");
  CHECK(price.type == FieldType::number);
  CHECK(price.number_format.decimal == ',');
  CHECK_FALSE(price.number_format.thousands);
  REQUIRE(price.transforms.regex);
  CHECK(price.transforms.regex->pattern() == "([0-9,]+)");
  REQUIRE(price.transforms.replace.size() == 2);
  CHECK(price.transforms.replace[1].rewrite == "\\2\\1");
  REQUIRE(price.default_value);
  CHECK(*price.default_value == 0);
  CHECK_FALSE(price.required);

  const FieldRule& tags = item.fields[2];
  CHECK(tags.all);
  CHECK(tags.transforms.split == ";");
  CHECK(tags.transforms.join == ", ");
  CHECK(tags.transforms.letter_case == LetterCase::lower);
  CHECK_FALSE(tags.transforms.normalize_whitespace);
  CHECK(tags.required);

  CHECK(item.fields[3].type == FieldType::html);
  CHECK_FALSE(item.fields[3].transforms.normalize_whitespace);  // off by default for html

  const FieldRule& seller = item.fields[4];
  CHECK(seller.shape == FieldShape::object);
  CHECK(seller.all);
  REQUIRE(seller.fields.size() == 1);
  CHECK(seller.fields[0].name == "name");

  CHECK(item.fields[5].shape == FieldShape::object);
  CHECK(item.fields[5].selector.selectors.empty());  // the current root

  const FieldRule& specs = item.fields[6];
  CHECK(specs.shape == FieldShape::key_value);
  CHECK(specs.key.text == "th::text");
  REQUIRE(specs.value);
  CHECK(specs.value->type == FieldType::integer);
  CHECK(specs.value->selector_text == "td");
}

TEST_CASE("an item without metadata gets [\"url\"], and [] is allowed") {
  CHECK(read(R"([{"name": "p", "fields": {"a": "a"}}])").items.at(0).metadata == std::vector<std::string>{"url"});
  const Read none = read(R"([{"name": "p", "metadata": [], "fields": {"url": "a"}}])");
  CHECK(none.sink.empty());
  CHECK(none.items.at(0).metadata.empty());
}

TEST_CASE("broken field definitions are reported with their pointer and what was expected") {
  check_rows({
      {with_field("42"), "/items/0/fields/f", "expected a CSS selector string or an object, found 42"},
      {with_field(R"({"selector": []})"), "/items/0/fields/f/selector",
       "expected a CSS selector string or a non-empty array of them, found []"},
      {with_field(R"({"all": true})"), "/items/0/fields/f", R"(missing required key "selector")"},
      {with_field(R"({"selector": "p", "type": "float"})"), "/items/0/fields/f/type",
       R"(expected a field type: "string", "number", "integer", "boolean", "url" or "html", found "float")"},
      {with_field(R"({"selector": "p", "type": "number", "decimal": ",", "thousands": ","})"),
       "/items/0/fields/f/thousands", R"("decimal" and "thousands" must differ, both are ",")"},
      {with_field(R"({"selector": "p", "decimal": ","})"), "/items/0/fields/f/decimal",
       R"("decimal" applies only to type "number" or "integer")"},
      {with_field(R"({"selector": "p", "type": "url", "thousands": "."})"), "/items/0/fields/f/thousands",
       R"("thousands" applies only to type "number" or "integer")"},
      {with_field(R"({"selector": "p", "type": "number", "decimal": ";"})"), "/items/0/fields/f/decimal",
       R"(expected a decimal separator, "." or ",", found ";")"},
      {with_field(R"({"selector": "p", "type": "number", "thousands": "_"})"), "/items/0/fields/f/thousands",
       R"(expected a thousands separator, ",", ".", " ", "'" or "", found "_")"},
      {with_field(R"({"selector": "tr", "key": "th"})"), "/items/0/fields/f",
       R"("key" needs "value": the field read from each row)"},
      {with_field(R"({"selector": "tr", "value": "td"})"), "/items/0/fields/f",
       R"("value" needs "key": the selector of each row's key)"},
      {with_field(R"({"key": "th", "value": "td"})"), "/items/0/fields/f", R"(missing required key "selector")"},
      {with_field(R"({"selector": "div", "fields": {"a": "b"}, "key": "th"})"), "/items/0/fields/f/key",
       R"("key" cannot be combined with "fields": a field has nested fields or key/value rows, not both)"},
      {with_field(R"({"selector": "tr", "key": "th", "value": "td", "all": true})"), "/items/0/fields/f/all",
       R"("all" does not apply to a key/value field: it reads every row)"},
      {with_field(R"({"selector": "tr", "key": "th", "value": "td", "regex": "x"})"), "/items/0/fields/f/regex",
       R"("regex" does not apply to a key/value field (put it in "value"))"},
      {with_field(R"({"selector": "div", "fields": {"a": "b"}, "type": "number"})"), "/items/0/fields/f/type",
       R"("type" does not apply to nested "fields" (put it on a nested field))"},
      {with_field(R"({"fields": {"a": "b"}, "all": true})"), "/items/0/fields/f/all",
       R"("all" needs a "selector" (without one, the nested fields read the current element))"},
      {with_field(R"({"selector": "div::text", "fields": {"a": "b"}})"), "/items/0/fields/f/selector",
       R"(expected a selector of elements, without ::text, ::all-text or ::attr(), found "div::text")"},
      {with_field(R"j({"selector": ["div", "tr::attr(id)"], "key": "th", "value": "td"})j"),
       "/items/0/fields/f/selector/1",
       R"j(expected a selector of elements, without ::text, ::all-text or ::attr(), found "tr::attr(id)")j"},
      {with_field(R"({"selector": "div", "fields": {}})"), "/items/0/fields/f/fields",
       "expected a non-empty object of fields, found {}"},
      {with_field(R"({"selector": "li", "join": ", "})"), "/items/0/fields/f/join",
       R"("join" needs a list: set "all" or "split")"},
      {with_field(R"({"selector": "p", "case": "title"})"), "/items/0/fields/f/case",
       R"(expected "lower" or "upper", found "title")"},
      {with_field(R"({"selector": "p", "split": ""})"), "/items/0/fields/f/split",
       R"(expected a non-empty separator string, found "")"},
      {with_field(R"({"selector": "p", "replace": "a"})"), "/items/0/fields/f/replace",
       R"(expected an array of [pattern, replacement] pairs, found "a")"},
      {with_field(R"({"selector": "p", "replace": [["a", "b"], ["a"]]})"), "/items/0/fields/f/replace/1",
       R"(expected a [pattern, replacement] pair of strings, found ["a"])"},
      {with_field(R"j({"selector": "p", "replace": [["(a)", "\\2"]]})j"), "/items/0/fields/f/replace/0/1",
       R"(invalid replacement "\2": Rewrite schema requests 2 matches, but the regexp only has 1 parenthesized )"
       R"(subexpressions)"},
      {with_field(R"({"selector": "p", "required": true, "default": 0})"), "/items/0/fields/f/required",
       R"("required" and "default" exclude each other: a field with a default is never missing)"},
      {with_field(R"({"selector": "p", "type": "boolean", "all": true})"), "/items/0/fields/f/all",
       R"("all" does not apply to type "boolean": its value is true or false, never a list, never missing)"},
      {with_field(R"({"selector": "p", "type": "boolean", "default": false})"), "/items/0/fields/f/default",
       R"("default" does not apply to type "boolean": its value is true or false, never a list, never missing)"},
      {with_field(R"({"selector": "p", "normalise_whitespace": false})"), "/items/0/fields/f/normalise_whitespace",
       R"(unknown key (did you mean "normalize_whitespace"?))"},
      {with_field(nested_fields(8)),
       "/items/0/fields/f/fields/n/fields/n/fields/n/fields/n/fields/n/fields/n/fields/n/fields/n",
       "fields nested more than 8 levels deep"},
  });
  // The item's own "fields" and seven nested ones are fine.
  CHECK(read(with_field(nested_fields(7))).sink.empty());
}

TEST_CASE("broken item definitions are reported with their pointer and what was expected") {
  check_rows({
      {R"([{"name": "", "fields": {"a": "b"}}])", "/items/0/name", R"(expected a non-empty item name, found "")"},
      {R"([{"name": "p"}])", "/items/0", R"(missing required key "fields")"},
      {R"([{"name": "p", "scopes": "div", "fields": {"a": "b"}}])", "/items/0/scopes",
       R"(unknown key (did you mean "scope"?))"},
      {R"([{"name": "p", "metadata": ["url", "host"], "fields": {"a": "b"}}])", "/items/0/metadata/1",
       R"(expected a metadata name: "url", "final_url", "status", "fetched_at", "depth", "referer" or "item", )"
       R"(found "host")"},
      {R"([{"name": "p", "metadata": ["url", "status", "url"], "fields": {"a": "b"}}])", "/items/0/metadata/2",
       R"(duplicate metadata name "url")"},
      {R"([{"name": "p", "metadata": "url", "fields": {"a": "b"}}])", "/items/0/metadata",
       R"(expected an array of metadata names, found "url")"},
      {R"([{"name": "p", "fields": {"a": "b", "url": "a"}}])", "/items/0/fields/url",
       R"(field name "url" is reserved for the page URL)"},
      {R"([{"name": "p", "metadata": ["status"], "fields": {"url": "a", "status": "b"}}])",
       "/items/0/fields/status", R"(field name "status" is reserved for the HTTP status)"},
      {R"j([{"name": "p", "scope": "div::attr(id)", "fields": {"a": "b"}}])j", "/items/0/scope",
       R"j(expected a selector of elements, without ::text, ::all-text or ::attr(), found "div::attr(id)")j"},
      {R"([{"name": "p", "when": 3, "fields": {"a": "b"}}])", "/items/0/when",
       "expected a CSS selector string or an array of them, found 3"},
      {R"([{"name": "p", "when": [], "fields": {"a": "b"}}])", "/items/0/when",
       "expected a CSS selector string or a non-empty array of them, found []"},
      {R"([{"name": "p", "fields": {"": "b"}}])", "/items/0/fields/", "a field name must not be empty"},
  });
}

TEST_CASE("selector and regex errors inside fields point at the element at fault") {
  const Read selector = read(with_field(R"({"selector": ["h1", "h2 >"]})"));
  REQUIRE(selector.sink.all().size() == 1);
  CHECK(selector.sink.all()[0].where.display() == "/items/0/fields/f/selector/1");
  const Read regex = read(with_field(R"({"selector": "p", "replace": [["(a", "b"]]})"));
  REQUIRE(regex.sink.all().size() == 1);
  CHECK(regex.sink.all()[0].where.display() == "/items/0/fields/f/replace/0/0");
  CHECK(regex.sink.all()[0].message.rfind(R"(invalid regular expression "(a")", 0) == 0);
}
