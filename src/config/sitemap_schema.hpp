// Reads the job's sitemap keys ("sitemaps", "sitemaps_from_robots",
// "sitemap_since") into SitemapSettings; read_job() hands them over.
#pragma once

#include <vector>

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"
#include "core/url.hpp"

namespace gleaner::config {

// True when `document` has a non-empty "sitemaps" array: then "start_urls"
// may be left out (a job needs one or the other).
bool lists_sitemaps(const Json& document);

// "sitemaps": an array of absolute http(s) URLs; duplicates are dropped.
void read_sitemap_urls(const Json& value, const JsonPointer& where, SitemapSettings& sitemaps,
                       Diagnostics& sink);

// "sitemap_since": "2026-01-01" (midnight UTC), "2026-01-01T08:30:00Z" or
// with an offset ("+02:00"; RFC 3339 date-time, fraction allowed, seconds
// optional), or an age counted back from the start of the crawl: a whole
// number of hours, days or weeks ("36h", "7d", "2w").
void read_sitemap_since(const Json& value, const JsonPointer& where, SitemapSettings& sitemaps,
                        Diagnostics& sink);

// The URLs a job starts from: its start URLs, then its sitemaps. Their
// registrable domains make the default scope, and their own address:port is
// allowed even when it is not public (as for start URLs).
std::vector<Url> seed_urls(const Job& job);

}  // namespace gleaner::config
