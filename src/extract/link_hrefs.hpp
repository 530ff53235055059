// The two halves of finding a page's links, shared by the Extractor and
// `gleaner links` so that the command shows exactly what a crawl follows.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/url.hpp"
#include "html/document.hpp"
#include "html/selector.hpp"

namespace gleaner::extract {

// What the follow rules pick, rule by rule, each in document order: an
// element's href, or the attribute a trailing ::attr(name) names; elements
// without it are skipped. The views point into `document`.
std::vector<std::string_view> link_hrefs(const html::Document& document, const std::vector<html::SelectorList>& rules);

// HTML Standard, "document base URL": the first <base href>, resolved against
// the page's URL; without a page URL only an absolute one counts. Falls back
// to `page_url`.
std::optional<Url> document_base(const html::Document& document, const std::optional<Url>& page_url);

}  // namespace gleaner::extract
