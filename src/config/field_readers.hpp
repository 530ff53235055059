// Leaf readers for an item's field values (selector fallbacks, element-only
// selectors, types, number separators, letter case, "replace" pairs): each
// reports a mismatch to the sink, then returns nullopt.
#pragma once

#include <optional>
#include <vector>

#include "config/diagnostics.hpp"
#include "config/item_rule.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {

// A CSS selector string, or a non-empty array of them (fallbacks, in order).
std::optional<std::vector<html::SelectorList>> read_selector_fallbacks(const Json& value,
                                                                       const JsonPointer& where,
                                                                       Diagnostics& sink);

// A CSS selector that picks elements to read below (an item's scope, a
// nested object's element, key/value rows): no ::text, ::all-text or ::attr().
std::optional<html::SelectorList> read_element_selector(const Json& value, const JsonPointer& where,
                                                        Diagnostics& sink);

// Whether any member of `list` ends in a pseudo-element.
bool has_pseudo_element(const html::SelectorList& list);

// "string", "number", "integer", "boolean", "url" or "html".
std::optional<FieldType> read_field_type(const Json& value, const JsonPointer& where, Diagnostics& sink);

// "lower" or "upper".
std::optional<LetterCase> read_letter_case(const Json& value, const JsonPointer& where, Diagnostics& sink);

// "." or ",".
std::optional<char> read_decimal_separator(const Json& value, const JsonPointer& where, Diagnostics& sink);

// ",", ".", " ", "'" or "" (no grouping: the outer nullopt is the error).
std::optional<std::optional<char>> read_thousands_separator(const Json& value, const JsonPointer& where,
                                                            Diagnostics& sink);

// An array of [pattern, replacement] pairs: RE2 patterns, RE2 rewrite
// strings whose \N must name a group of their pattern.
std::optional<std::vector<Replacement>> read_replacements(const Json& value, const JsonPointer& where,
                                                          Diagnostics& sink);

// The name a message gives a field type: "number".
std::string_view field_type_name(FieldType type);

}  // namespace gleaner::config
