// What a field's selectors find below a root: strings for a value field,
// elements for nested fields and key/value rows. The first selector that
// finds anything wins; the others are fallbacks, tried in order.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "config/item_rule.hpp"
#include "html/element_index.hpp"

namespace gleaner::extract {

// Each function takes the page's `index` (html::Document::index()), which
// speeds up the selections scoped to the whole document; nullptr is fine.

// As html::select_values(), except that with `as_html` an element matched
// without a pseudo-element yields its outer HTML, and that a selector made of
// a pseudo-element alone ("::attr(data-id)", "::text") reads the root element
// itself (for the document, <html>).
std::vector<std::string> selector_values(const GumboNode* root, const html::SelectorList& list, bool as_html,
                                         const html::ElementIndex* index);

// selector_values() of the field's first selector that yields any; as HTML
// for type "html".
std::vector<std::string> field_values(const GumboNode* root, const config::FieldRule& field,
                                      const html::ElementIndex* index);

// The matched elements; just `root` when the field has no selector (nested
// fields read from the current root).
std::vector<const GumboNode*> field_elements(const GumboNode* root, const config::FieldRule& field,
                                            const html::ElementIndex* index);

}  // namespace gleaner::extract
