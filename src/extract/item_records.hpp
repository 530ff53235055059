// Applies one item rule to a parsed page: whether it applies (url_pattern,
// when), one root per scope match, each root's record (metadata, then
// fields) or the reason it was dropped.
#pragma once

#include <cstddef>

#include "config/item_rule.hpp"
#include "core/url.hpp"
#include "extract/page.hpp"
#include "html/document.hpp"

namespace gleaner::extract {

// url_pattern searched in the page URL, and `when` matching some element.
bool item_applies(const config::ItemRule& item, const Url& page_url, const html::Document& document);

// Appends to `page` a record (or a DroppedItem) per root, in document order,
// and any field warnings. `rule` is the item's index in the job; `base`
// resolves type "url" fields.
void extract_items(const config::ItemRule& item, std::size_t rule, const PageContext& context,
                   const html::Document& document, const Url& base, Page& page);

}  // namespace gleaner::extract
