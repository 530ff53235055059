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
struct FieldRule {
  std::string name;
  std::string selector_text;   // as written in the job, for messages
  html::SelectorList selector;  // compiled once per job
  bool all = false;             // true: every match as a JSON list; false: first match
};

// An item type: pages whose URL matches url_pattern yield one record each,
// made of {"url": ...} plus the fields.
struct ItemRule {
  std::string name;
  std::string url_pattern_text;
  std::shared_ptr<const re2::RE2> url_pattern;  // RE2, searched (not anchored) in the URL
  std::vector<FieldRule> fields;                // in the order the job lists them
};

}  // namespace gleaner::config
