// Job: a validated scrape job, as loaded from a job file by load_job().
// Everything downstream (engine, extractor, output) reads its settings here.
#pragma once

#include <chrono>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/item_rule.hpp"
#include "core/url.hpp"
#include "html/selector.hpp"

namespace re2 {
class RE2;
}

namespace gleaner::config {

// How hard the crawl may lean on each host.
struct PolitenessSettings {
  int per_host_concurrency = 8;
  double delay_seconds = 0;  // between two request starts on one host
  double jitter = 0;         // 0..1: the delay varies by up to ±jitter × delay
  bool obey_robots = true;   // robots.txt rules and Crawl-delay (RFC 9309)
};

struct RetrySettings {
  int max_retries = 2;  // attempts per URL = 1 + max_retries
  std::vector<long> statuses{408, 429, 500, 502, 503, 504};
  double backoff_seconds = 1;  // the first wait; it doubles per attempt, with jitter
};

struct HttpSettings {
  std::string user_agent;  // empty: gleaner's own, with its version
  double connect_timeout_seconds = 10;
  double timeout_seconds = 30;  // a whole transfer
  long max_redirects = 10;
  long long max_body_bytes = 16LL * 1024 * 1024;  // decoded bytes
  // Non-public addresses (loopback, private, link-local...) are refused except
  // the start URLs' own address:port; these entries widen that.
  bool allow_all_addresses = false;                 // "allow_private_addresses": true
  std::vector<std::string> allow_private_addresses;  // CIDR, address or address:port
  // Sent with every request, in this order. Authorization, Cookie and
  // Proxy-Authorization only ever go to the origin the request started at.
  std::vector<std::pair<std::string, std::string>> headers;
  bool cookies = true;      // curl's cookie engine, one jar per job, in memory
  std::string cookie_file;  // Netscape cookies.txt loaded into the jar at start
  std::string proxy;        // "http://host:port", "socks5h://..."; empty: none (environment ignored)
  bool verify_tls = true;   // false: certificates not checked (logged loudly)
  // A transfer slower than low_speed_limit bytes/s for low_speed_time seconds
  // is abandoned as stalled; 0 seconds switches the check off.
  long low_speed_limit = 100;
  double low_speed_time_seconds = 15;
};

// Responses that are not HTML are never parsed; those whose Content-Type
// matches one of content_types are saved as files, with a manifest.
struct DownloadSettings {
  std::vector<std::string> content_types;  // "application/pdf", "image/*"; empty: nothing saved
  std::string dir = "out/{job}-files";     // {job} is replaced by the job name
};

enum class CrawlOrder { breadth_first, depth_first };

// "links.priority": URLs matching `pattern` are fetched before lower ones.
struct PriorityRule {
  std::shared_ptr<const re2::RE2> pattern;  // RE2, searched in the canonical URL
  int priority = 0;                         // higher first; unmatched URLs are 0
};

// Which links are followed, beyond allowed_domains and max_depth, and how URLs
// are canonicalised before they are compared.
struct LinkSettings {
  std::vector<std::shared_ptr<const re2::RE2>> allow;  // RE2, searched in the canonical URL; empty: all
  std::vector<std::shared_ptr<const re2::RE2>> deny;   // a match refuses the link; deny wins
  long max_url_length = 2048;                           // bytes of the canonical URL; 0: no limit
  long max_pages_per_host = 0;                          // 0: no limit
  std::vector<std::string> strip_query_params{"utm_*"};  // names or globs, case-insensitive
  bool sort_query = false;
  CrawlOrder order = CrawlOrder::breadth_first;
  std::vector<PriorityRule> priority;  // first match wins; before order
  bool trap_guard = true;
};

enum class DatasetFormat { jsonl, json, csv };
enum class WriteMode { overwrite, append };

struct OutputSettings {
  // {job}, {date}, {time}, {timestamp} are expanded once at the start of a
  // run (core/path_template); "-" is standard output.
  std::string path = "out/{job}.jsonl";
  std::optional<DatasetFormat> format;  // absent: from the path's extension
  WriteMode mode = WriteMode::overwrite;
};

// Sitemaps (sitemaps.org) as a source of URLs: the <url>s they list are
// offered to the frontier as links found at depth 0, so the link rules apply.
struct SitemapSettings {
  std::vector<Url> urls;     // "sitemaps": urlset or sitemapindex, gzip or not
  bool from_robots = false;  // also the Sitemap: lines of each start URL origin's robots.txt
  // "sitemap_since": entries whose <lastmod> is older are left out (those
  // without one are kept). Either a fixed instant or an age counted back
  // from the start of the crawl; neither: no filter.
  std::optional<std::time_t> since;
  std::optional<std::chrono::seconds> since_age;
};

// "emit": which pages' records a run with a state file writes.
enum class Emit {
  all,      // every page's: unchanged pages' records come from the stored copy
  changed,  // only those of pages that are new or whose content changed since the last run
};

struct Job {
  std::string source_path;  // the job file this came from, for messages
  std::string name;
  std::vector<Url> start_urls;
  std::vector<std::string> allowed_domains;  // empty: the start URLs' registrable domains
  std::vector<std::string> follow_texts;     // selectors as written
  std::vector<html::SelectorList> follow;     // links to follow: elements whose href is a link
  std::vector<ItemRule> items;
  int concurrency = 8;
  long max_pages = 10000;  // 0: no limit
  int max_depth = 10;      // start URLs are depth 0
  // Queued URLs kept in RAM at most; beyond it they wait in a scratch file
  // (crawl::FrontierSpill), so RAM stays flat however much a crawl queues.
  // Small by default: a host's next URLs come back from the spill in batches
  // as fast as they are fetched, so a larger queue in RAM buys no speed
  // (README, Memory).
  long max_queued_in_memory = 2000;
  // The run exits 1 (though its dataset is written) when more than this share
  // of the URLs it finished ended in a transport error or an HTTP error status.
  double max_error_rate = 1;  // 0..1; 1: never
  PolitenessSettings politeness;
  RetrySettings retry;
  HttpSettings http;
  LinkSettings links;
  OutputSettings output;
  DownloadSettings download;
  SitemapSettings sitemaps;
  // "state": the job's state database (SQLite), kept between runs for resume
  // and incremental re-crawls; empty: state in memory, gone after the run.
  // Stored as written, like output.path: the run expands {job} when it opens
  // the file (expand_path_template(state_path, name), core/path_template).
  // No {date}, {time} or {timestamp}: the file must be the same every run.
  std::string state_path;
  Emit emit = Emit::all;  // without a state file every page is new, so both emit everything
  // A page verified less than this long ago is not requested; its stored copy
  // is used. 0: every page is revalidated (a conditional request) each run.
  // Start URLs are always requested. Up to 999999 weeks (core/duration).
  std::chrono::seconds recrawl_after{0};
  // The run stops gracefully this long after it started, state saved, so the
  // next run continues; absent: no limit. Always above zero.
  std::optional<std::chrono::seconds> max_runtime;
};

}  // namespace gleaner::config
