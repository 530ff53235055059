#include "config/item_schema.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "config/field_readers.hpp"
#include "config/field_schema.hpp"
#include "config/job_values.hpp"
#include "config/object_walker.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

struct MetadataName {
  std::string_view name;
  std::string_view meaning;  // for "field name ... is reserved for <meaning>"
};

constexpr std::array<MetadataName, 7> metadata_names{{
    {"url", "the page URL"},
    {"final_url", "the page URL after redirects"},
    {"status", "the HTTP status"},
    {"fetched_at", "the time the page was fetched"},
    {"depth", "the crawl depth"},
    {"referer", "the page the link was found on"},
    {"item", "the item rule's name"},
}};

const MetadataName* find_metadata(std::string_view name) {
  const auto found = std::find_if(metadata_names.begin(), metadata_names.end(),
                                  [&](const MetadataName& entry) { return entry.name == name; });
  return found == metadata_names.end() ? nullptr : &*found;
}

std::vector<std::string> read_metadata(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  std::vector<std::string> names;
  for_each_element(value, where, "an array of metadata names", [&](const Json& name, const JsonPointer& at) {
    if (!name.is_string() || !find_metadata(name.get_ref<const std::string&>())) {
      sink.expected(at, R"(a metadata name: "url", "final_url", "status", "fetched_at", "depth", "referer" )"
                        R"(or "item")", name);
    } else if (std::find(names.begin(), names.end(), name.get_ref<const std::string&>()) != names.end()) {
      sink.report(at, "duplicate metadata name " + name.dump());
    } else {
      names.push_back(name.get<std::string>());
    }
  }, sink);
  return names;
}

// "when": a selector, or an array of them of which any may match.
std::vector<html::SelectorList> read_when(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  if (!value.is_string() && !value.is_array()) {
    sink.expected(where, "a CSS selector string or an array of them", value);
    return {};
  }
  return read_selector_fallbacks(value, where, sink).value_or(std::vector<html::SelectorList>{});
}

// Metadata comes first in each record, so a field may not take one of its names.
void check_field_names(const ItemRule& item, const JsonPointer& fields_where, Diagnostics& sink) {
  for (const FieldRule& field : item.fields) {
    if (std::find(item.metadata.begin(), item.metadata.end(), field.name) == item.metadata.end()) continue;
    sink.report(fields_where.child(field.name),
                "field name \"" + field.name + "\" is reserved for " + std::string(find_metadata(field.name)->meaning));
  }
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
      {"when", Presence::optional, [&](const Json& when, const JsonPointer& at) {
         item.when = read_when(when, at, sink);
       }},
      {"scope", Presence::optional, [&](const Json& scope, const JsonPointer& at) {
         item.scope = read_element_selector(scope, at, sink);
       }},
      {"metadata", Presence::optional, [&](const Json& metadata, const JsonPointer& at) {
         item.metadata = read_metadata(metadata, at, sink);
       }},
      {"fields", Presence::required, [&](const Json& fields, const JsonPointer& at) {
         item.fields = read_fields(fields, at, 1, sink);
       }},
  }, sink);
  if (!is_object) return std::nullopt;
  check_field_names(item, where.child("fields"), sink);
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
