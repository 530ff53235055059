#include "config/field_schema.hpp"

#include <optional>
#include <string>
#include <utility>

#include "config/field_consistency.hpp"
#include "config/field_readers.hpp"
#include "config/job_values.hpp"
#include "config/object_walker.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

std::optional<FieldRule> read_field(const std::string& name, const Json& value, const JsonPointer& where,
                                    int depth, Diagnostics& sink);

void take_selectors(FieldRule& field, std::vector<html::SelectorList> lists) {
  field.selector = std::move(lists.front());
  field.selector_text = field.selector.text;
  lists.erase(lists.begin());
  field.fallback_selectors = std::move(lists);
}

// A field object: every key is read on its own here, then
// check_field_consistency() reports the combinations that make no sense.
FieldRule read_field_object(const std::string& name, const Json& value, const JsonPointer& where, int depth,
                            Diagnostics& sink) {
  FieldRule field;
  field.name = name;
  field.shape = shape_of(value);
  std::optional<bool> normalize_whitespace;
  auto read_flag = [&sink](bool& flag) {
    return [&flag, &sink](const Json& json, const JsonPointer& at) {
      if (auto read = read_bool(json, at, sink)) flag = *read;
    };
  };
  walk_object(value, where, "an object", {
      {"selector", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         const bool picks_elements = field.shape != FieldShape::value;
         if (json.is_string() && picks_elements) {
           if (auto list = read_element_selector(json, at, sink)) {
             field.selector_text = list->text;
             field.selector = std::move(*list);
           }
         } else if (auto lists = read_selector_fallbacks(json, at, sink)) {
           for (std::size_t i = 0; picks_elements && i < lists->size(); ++i) {
             if (has_pseudo_element((*lists)[i])) {
               sink.expected(at.child(i), "a selector of elements, without ::text, ::all-text or ::attr()",
                             json[i]);
             }
           }
           take_selectors(field, std::move(*lists));
         }
       }},
      {"all", Presence::optional, read_flag(field.all)},
      {"type", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto type = read_field_type(json, at, sink)) field.type = *type;
       }},
      {"decimal", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto separator = read_decimal_separator(json, at, sink)) field.number_format.decimal = *separator;
       }},
      {"thousands", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto separator = read_thousands_separator(json, at, sink)) field.number_format.thousands = *separator;
       }},
      {"normalize_whitespace", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         normalize_whitespace = read_bool(json, at, sink);
       }},
      {"regex", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         field.transforms.regex = read_url_pattern(json, at, sink);
       }},
      {"replace", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto pairs = read_replacements(json, at, sink)) field.transforms.replace = std::move(*pairs);
       }},
      {"split", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         field.transforms.split = read_non_empty_string(json, at, "a non-empty separator string", sink);
       }},
      {"join", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         field.transforms.join = read_string(json, at, "a separator string", sink);
       }},
      {"case", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto letter_case = read_letter_case(json, at, sink)) field.transforms.letter_case = *letter_case;
       }},
      {"default", Presence::optional, [&](const Json& json, const JsonPointer&) { field.default_value = json; }},
      {"required", Presence::optional, read_flag(field.required)},
      {"fields", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         field.fields = read_fields(json, at, depth + 1, sink);
       }},
      {"key", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto selector = read_selector(json, at, sink)) field.key = std::move(selector->selector);
       }},
      {"value", Presence::optional, [&](const Json& json, const JsonPointer& at) {
         if (auto rule = read_field("value", json, at, depth + 1, sink)) {
           field.value = std::make_shared<const FieldRule>(std::move(*rule));
         }
       }},
  }, sink);
  // Markup keeps its whitespace unless asked: it may matter inside <pre>.
  field.transforms.normalize_whitespace = normalize_whitespace.value_or(field.type != FieldType::html);
  // A decimal comma comes with dots between digit groups ("1.299,50") unless
  // the job says otherwise; spaces are read as groups either way.
  if (field.number_format.decimal == ',' && !value.contains("thousands")) field.number_format.thousands = '.';
  check_field_consistency(value, where, field, sink);
  return field;
}

// A field is "name": "selector" (the first match's text) or "name": {...}.
std::optional<FieldRule> read_field(const std::string& name, const Json& value, const JsonPointer& where,
                                    int depth, Diagnostics& sink) {
  if (depth > max_field_depth) {
    sink.report(where, "fields nested more than " + std::to_string(max_field_depth) + " levels deep");
    return std::nullopt;
  }
  if (value.is_string()) {
    FieldRule field;
    field.name = name;
    if (auto selector = read_selector(value, where, sink)) {
      field.selector_text = std::move(selector->text);
      field.selector = std::move(selector->selector);
    }
    return field;
  }
  if (!value.is_object()) {
    sink.expected(where, "a CSS selector string or an object", value);
    return std::nullopt;
  }
  return read_field_object(name, value, where, depth, sink);
}

}  // namespace

std::vector<FieldRule> read_fields(const Json& value, const JsonPointer& where, int depth, Diagnostics& sink) {
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
    } else if (auto field = read_field(name, rule, at, depth, sink)) {
      fields.push_back(std::move(*field));
    }
  }
  return fields;
}

}  // namespace gleaner::config
