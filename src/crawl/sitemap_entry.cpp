#include "crawl/sitemap_entry.hpp"

#include "core/datetime.hpp"

namespace gleaner::crawl {

std::optional<std::time_t> parse_w3c_datetime(std::string_view text) {
  return parse_datetime(text, DatetimeSyntax::w3c_lenient);
}

bool sitemap_entry_since(const SitemapEntry& entry, std::optional<std::time_t> since) {
  if (!since || !entry.lastmod) return true;
  return *entry.lastmod >= *since;
}

}  // namespace gleaner::crawl
