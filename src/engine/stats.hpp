// Stats: what a run did, counted by the engine and summarised by the CLI.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>

#include "crawl/frontier.hpp"
#include "http/traffic.hpp"

namespace gleaner::engine {

struct Stats {
  std::size_t pages_fetched = 0;      // HTTP responses received, any status
  std::size_t pages_ok = 0;           // of the URLs, those that finally answered 2xx
  std::size_t abandoned = 0;          // requests cut off by a stop's grace period (not errors)
  std::size_t items = 0;              // records handed to the dataset
  std::map<std::string, std::size_t> items_by_type;      // item rule name -> records
  std::map<std::string, std::size_t> dropped_items;      // "book: missing required field \"price\"" -> items
  std::map<std::string, std::size_t> field_warnings;     // "book/price: not a number" -> values set to null
  std::map<long, std::size_t> pages_by_status;           // HTTP status -> responses (every attempt)
  std::size_t bytes_received = 0;                        // response bodies, decoded
  std::size_t transport_errors = 0;   // final failures: timeouts, resets, refused, too large...
  std::size_t http_errors = 0;        // final status outside 2xx
  std::size_t retries = 0;            // attempts after the first
  std::size_t robots_disallowed = 0;  // URLs robots.txt kept us from fetching
  std::size_t skipped_not_html = 0;   // 2xx responses that were not HTML (downloaded or not)
  std::size_t downloads = 0;          // of those, saved as files (download.content_types)
  std::size_t download_errors = 0;    // files that could not be written
  std::size_t links_queued = 0;       // new URLs admitted to the frontier
  std::size_t most_queued = 0;        // the frontier's longest queue (pending URLs)
  std::size_t most_spilled = 0;       // of which the most waiting on disk (max_queued_in_memory)
  // Links found on pages and not queued, by the frontier's reason; index: crawl::Admission.
  std::array<std::size_t, crawl::admission_kinds> links_skipped{};
  std::size_t links_unresolvable = 0;  // hrefs that are no URL at all (mailto:, javascript:, junk)
  std::size_t sitemaps_fetched = 0;         // sitemap files answered 2xx (read whole or in part)
  std::size_t sitemap_urls_queued = 0;      // pages listed in sitemaps and admitted to the frontier
  std::size_t sitemap_entries_too_old = 0;  // <url>s and child <sitemap>s left out by sitemap_since
  std::size_t sitemap_errors = 0;           // sitemaps not read, or only in part; one warning each
  // Against the state's stored copies (a re-run with a state file); without
  // one every page fetched is new.
  std::size_t not_modified = 0;  // 304, or 200 with the stored content hash: not extracted again
  std::size_t not_due = 0;       // not requested: verified less than recrawl_after ago
  std::size_t changed = 0;       // 200 with another content hash than the stored copy
  std::size_t new_pages = 0;     // 200 HTML pages without a stored copy
  std::size_t gone = 0;          // 404 or 410 where a copy was stored
  std::size_t items_reused = 0;  // of `items`, records re-emitted from stored copies (emit "all")
  bool resumed = false;          // this run continued an interrupted one
  http::Traffic http;            // connections opened, responses by HTTP version (every fetch)
  double seconds = 0;
  bool interrupted = false;           // stopped early by request_stop()
  bool out_of_time = false;           // ... because max_runtime ran out
  bool dataset_sealed = true;         // false: left as NAME.part for the next run to continue
  bool output_failed = false;         // the dataset could not be written

  std::size_t errors() const { return transport_errors + http_errors; }
  // Final failures among the URLs that got an answer either way; 0 for none.
  double error_rate() const {
    const std::size_t finished = pages_ok + errors();
    return finished == 0 ? 0 : static_cast<double>(errors()) / static_cast<double>(finished);
  }
};

}  // namespace gleaner::engine
