// The metadata an item rule puts first in each record ("url", "status", ...),
// taken from what the crawl knows about the page.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "config/item_rule.hpp"
#include "extract/page.hpp"

namespace gleaner::extract {

// One metadata value by its name (one of those config validates):
//   url         the URL as requested          final_url  after redirects (= url without any)
//   status      the HTTP status, an integer   fetched_at UTC RFC 3339 string (null if unknown)
//   depth       the crawl depth, an integer   referer    the linking page, null for a start URL
//   item        the item rule's name
nlohmann::ordered_json metadata_value(std::string_view name, const PageContext& context,
                                      const config::ItemRule& item);

}  // namespace gleaner::extract
