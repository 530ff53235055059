// What extraction reads off a gumbo node: its text, its attributes and its
// tag name. Used by select_values() and by extract/'s field rules.
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>

namespace gleaner::html {

// All text below `node` (text, CDATA and whitespace nodes; no comments), with
// ASCII whitespace collapsed to single spaces and trimmed. Text inside a
// <script>, <style> or <template> below `node` is left out, since it is not
// page content; when `node` itself is one of those, its own text is returned
// (e.g. a JSON-LD <script>).
std::string all_text(const GumboNode* node);

// The element's direct child text nodes only, concatenated, then collapsed
// and trimmed as all_text() does.
std::string own_text(const GumboNode* element);

// The value of the attribute `name` (compared ASCII case-insensitively), or
// nullopt when the element lacks it. Points into the Document.
std::optional<std::string_view> attribute(const GumboNode* element, std::string_view name);

// The element's tag name in lower case ("div", "my-widget"); empty for a node
// that is not an element. A std::string because gumbo keeps the names of tags
// it does not know only in their original case.
std::string tag_name(const GumboNode* element);

// tag_name(element) == lower_case_name, without allocating.
bool has_tag_name(const GumboNode* element, std::string_view lower_case_name);

// Whether two elements have the same name and namespace: the "type" of
// Selectors Level 4 §14.4 (:nth-of-type and friends).
bool same_element_type(const GumboNode* a, const GumboNode* b);

// An element in the HTML namespace (not inside <svg> or <math>).
inline bool is_html_element(const GumboNode* element) {
  return element->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

}  // namespace gleaner::html
