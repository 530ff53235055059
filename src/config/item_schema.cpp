#include "config/item_schema.hpp"

#include <optional>
#include <string>

#include "config/job_values.hpp"
#include "config/object_walker.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

// Every record already carries the page URL under this name.
constexpr std::string_view reserved_field_name = "url";

// A field is "name": "selector" (first match) or "name": {"selector": ..., "all": true}.
std::optional<FieldRule> read_field(const std::string& name, const Json& value,
                                    const JsonPointer& where, Diagnostics& sink) {
  FieldRule field;
  field.name = name;
  auto take = [&](const Json& text, const JsonPointer& at) {
    if (auto selector = read_selector(text, at, sink)) {
      field.selector_text = std::move(selector->text);
      field.selector = std::move(selector->selector);
    }
  };
  if (value.is_string()) {
    take(value, where);
    return field;
  }
  if (!value.is_object()) {
    sink.expected(where, "a CSS selector string or an object", value);
    return std::nullopt;
  }
  walk_object(value, where, "an object", {
      {"selector", Presence::required, take},
      {"all", Presence::optional, [&](const Json& all, const JsonPointer& at) {
         if (auto flag = read_bool(all, at, sink)) field.all = *flag;
       }},
  }, sink);
  return field;
}

std::vector<FieldRule> read_fields(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  std::vector<FieldRule> fields;
  if (!value.is_object() || value.empty()) {
    sink.expected(where, "a non-empty object of fields", value);
    return fields;
  }
  // Json is ordered: fields come out in the order the job file lists them.
  for (const auto& [name, rule] : value.items()) {
    const JsonPointer at = where.child(name);
    if (name.empty()) {
      sink.report(at, "a field name must not be empty");
    } else if (name == reserved_field_name) {
      sink.report(at, "field name \"url\" is reserved for the page URL");
    } else if (auto field = read_field(name, rule, at, sink)) {
      fields.push_back(std::move(*field));
    }
  }
  return fields;
}

std::optional<ItemRule> read_item(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  ItemRule item;
  item.url_pattern = match_every_url();
  const bool is_object = walk_object(value, where, "an item object", {
      {"name", Presence::required, [&](const Json& name, const JsonPointer& at) {
         if (auto text = read_non_empty_string(name, at, "a non-empty item name", sink)) {
           item.name = std::move(*text);
         }
       }},
      {"url_pattern", Presence::optional, [&](const Json& pattern, const JsonPointer& at) {
         if (auto compiled = read_url_pattern(pattern, at, sink)) {
           item.url_pattern_text = pattern.get<std::string>();
           item.url_pattern = std::move(compiled);
         }
       }},
      {"fields", Presence::required, [&](const Json& fields, const JsonPointer& at) {
         item.fields = read_fields(fields, at, sink);
       }},
  }, sink);
  if (!is_object) return std::nullopt;
  return item;
}

}  // namespace

std::vector<ItemRule> read_items(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  std::vector<ItemRule> items;
  for_each_element(value, where, "an array of item objects",
                   [&](const Json& element, const JsonPointer& at) {
                     if (auto item = read_item(element, at, sink)) items.push_back(std::move(*item));
                   },
                   sink);
  return items;
}

}  // namespace gleaner::config
