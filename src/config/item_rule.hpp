// ItemRule and FieldRule: what a job extracts from a page, as read from its
// "items" array by read_items().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "html/selector.hpp"

namespace re2 {
class RE2;
}

namespace gleaner::config {

// One field of an item: a CSS selector (with an optional ::text or
// ::attr(name) pseudo-element) evaluated against the page.
// The JSON a field produces (before "all" makes a list of it).
enum class FieldShape {
  value,      // a string, number, boolean or null
  object,     // nested "fields": an object with the keys those fields name
  key_value,  // "key" and "value" selectors: an object whose keys come from the page
};

struct FieldRule {
  std::string name;
  std::string selector_text;   // as written in the job, for messages
  html::SelectorList selector;  // compiled once per job
  bool all = false;             // true: every match as a JSON list; false: first match
  FieldShape shape = FieldShape::value;
  std::vector<FieldRule> fields;  // shape object: the nested fields, in job order
};

// An item type: pages whose URL matches url_pattern yield one record each,
// made of {"url": ...} plus the fields.
struct ItemRule {
  std::string name;
  // Facts about the page put first in each record, in this order: "url",
  // "final_url", "status", "fetched_at", "depth", "referer", "item".
  std::vector<std::string> metadata{"url"};
  std::string url_pattern_text;
  std::shared_ptr<const re2::RE2> url_pattern;  // RE2, searched (not anchored) in the URL
  std::vector<FieldRule> fields;                // in the order the job lists them
};

}  // namespace gleaner::config
