// SitemapEntry: one <url> or <sitemap> of a sitemap file (sitemaps.org 0.9), as
// SitemapParser delivers it, and the `sitemap_since` filter applied to it. Pure.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace gleaner::crawl {

enum class SitemapKind {
  unknown,       // no root element seen yet
  urlset,        // entries are pages to crawl
  sitemapindex,  // entries are more sitemaps to fetch
};

struct SitemapEntry {
  std::string loc;                     // trimmed, entities decoded; not yet resolved or canonical
  std::optional<std::time_t> lastmod;  // UTC; none when absent or unreadable
};

// W3C Datetime (the profile sitemaps.org cites for <lastmod>): YYYY, YYYY-MM,
// YYYY-MM-DD, or a date with "Thh:mm[:ss[.s+]]" and a zone ("Z", "+hh:mm").
// A date alone is the start of that period, UTC. Lenient where the wild is:
// a missing zone is UTC, "+hhmm" is accepted, and so is a space for the "T".
// Nullopt for anything else, including out-of-range fields (2024-02-30).
std::optional<std::time_t> parse_w3c_datetime(std::string_view text);

// True when `entry` changed at or after `since`: with no `since`, or with an
// entry that has no lastmod (we cannot tell, so it is fetched), always true.
bool sitemap_entry_since(const SitemapEntry& entry, std::optional<std::time_t> since);

}  // namespace gleaner::crawl
