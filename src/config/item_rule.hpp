// ItemRule and FieldRule: what a job extracts from a page, as read from its
// "items" array by read_items(). Compiled once per job (selectors, RE2), then
// read by extract/ on many worker threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/json_value.hpp"
#include "html/selector.hpp"

namespace re2 {
class RE2;
}

namespace gleaner::config {

// The JSON a field produces (before "all" makes a list of it).
enum class FieldShape {
  value,      // a string, number, boolean or null
  object,     // nested "fields": an object with the keys those fields name
  key_value,  // "key" and "value" selectors: an object whose keys come from the page
};

// What a value field's text is converted to (transform step 7).
enum class FieldType { string, number, integer, boolean, url, html };

enum class LetterCase { unchanged, lower, upper };

// How numbers are written on the page, for types "number" and "integer".
struct NumberFormat {
  char decimal = '.';                   // '.' or ','
  std::optional<char> thousands = ',';  // ',', '.', ' ', '\''; nullopt: no grouping; '.' when decimal is ','
};

// One "replace" pair: RE2 global replace, `rewrite` may use \1 back-references.
struct Replacement {
  std::shared_ptr<const re2::RE2> pattern;
  std::string rewrite;
};

// Transform steps 1-6 of a value field, applied in this order.
struct ValueTransforms {
  bool normalize_whitespace = true;       // 1 (default false for type html)
  std::shared_ptr<const re2::RE2> regex;  // 2: first capture group, or the whole match; null: none
  std::vector<Replacement> replace;       // 3: in order
  std::optional<std::string> split;       // 4: separator; the value becomes a list
  std::optional<std::string> join;        // 5: separator; a list becomes one string
  LetterCase letter_case = LetterCase::unchanged;  // 6
};

// One field of an item, evaluated below a root element (the page, a "scope"
// match, a nested object's element, or a key/value row).
struct FieldRule {
  std::string name;
  // The first CSS selector (with an optional ::text, ::all-text or
  // ::attr(name) pseudo-element) and its text as written. Empty (no
  // selectors) only for nested "fields" read from the current root.
  std::string selector_text;
  html::SelectorList selector;  // compiled once per job
  // Tried in order when `selector` yields nothing; each keeps its text.
  std::vector<html::SelectorList> fallback_selectors;
  bool all = false;  // true: every match as a JSON list; false: first match
  FieldShape shape = FieldShape::value;
  std::vector<FieldRule> fields;  // shape object: the nested fields, in job order

  // Shape key_value: `selector` picks the rows; in each row, `key` picks the
  // key text and `value` is evaluated with the row as its root.
  html::SelectorList key;
  std::shared_ptr<const FieldRule> value;

  // Shape value only.
  FieldType type = FieldType::string;
  NumberFormat number_format;
  ValueTransforms transforms;

  // Any shape: step 8, used when the value is missing; step 9, a missing
  // value drops the whole item.
  std::optional<Json> default_value;
  bool required = false;
};

// An item type: pages whose URL matches url_pattern (and where `when`
// matches) yield one record per `scope` match, or one record without scope:
// the metadata, then the fields.
struct ItemRule {
  std::string name;
  // Facts about the page put first in each record, in the order the job
  // lists them; each at most once, from "url", "final_url", "status",
  // "fetched_at", "depth", "referer" and "item".
  std::vector<std::string> metadata{"url"};
  std::string url_pattern_text;
  std::shared_ptr<const re2::RE2> url_pattern;  // RE2, searched (not anchored) in the URL
  std::vector<html::SelectorList> when;         // empty: every page; else any must match an element
  std::optional<html::SelectorList> scope;      // each match is one item's root; none: the page
  std::vector<FieldRule> fields;                // in the order the job lists them
};

}  // namespace gleaner::config
