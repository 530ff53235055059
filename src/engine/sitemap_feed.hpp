// SitemapFeed: the job's sitemaps (sitemaps.org) as a source of URLs. On the
// loop thread it fetches each sitemap through the crawl's HttpClient, streams
// the body into a crawl::SitemapParser (never holding a file whole), follows
// sitemap indexes, and offers each listed page to the frontier as a link
// found on the sitemap at depth 0, so the job's link rules decide.
#pragma once

#include <cstddef>
#include <ctime>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>

#include "config/job.hpp"
#include "core/url.hpp"
#include "crawl/frontier.hpp"
#include "crawl/sitemap_entry.hpp"
#include "crawl/sitemap_parser.hpp"
#include "engine/robots_cache.hpp"
#include "engine/stats.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/task.hpp"

namespace gleaner::engine {

// How the feed reaches the rest of the engine; all called on the loop thread.
struct SitemapFeedHooks {
  // The frontier's decision on a listed page (depth 1, referer: the sitemap).
  std::function<crawl::Admission(crawl::CrawlRequest request)> admit;
  // True once the crawl is shutting down: the feed reads no further.
  std::function<bool()> stopping;
  // One line per sitemap that could not be read, or only in part.
  std::function<void(const std::string&)> warn;
  // Called once when the feed has ended (running() is false by then).
  std::function<void()> finished;
};

struct SitemapFeedLimits {
  // A sitemap the job names (or robots.txt lists) is level 1, the sitemaps a
  // level-1 index lists are level 2, and so on. sitemaps.org forbids nested
  // indexes; some sites nest once anyway.
  int max_levels = 3;
  // Sitemap files read per crawl, indexes included (an index may list 50,000).
  std::size_t max_sitemaps = 1000;
  crawl::SitemapLimits file;  // per file: bytes after gunzip, entries, <loc> length
};

class SitemapFeed {
 public:
  // Everything passed in must outlive the feed; `stats` gets the sitemap counts.
  SitemapFeed(loop::EventLoop& loop, http::HttpClient& http, RobotsCache& robots, const config::Job& job,
              Stats& stats, SitemapFeedHooks hooks, SitemapFeedLimits limits = {});

  // Loop thread: starts reading as detached work, unless the job has no
  // sitemaps (and does not ask robots.txt for them). Call once.
  void start();
  // From start() until the feed has ended. The feed ends early once
  // hooks.stopping() is true, at the next chunk of the body being read.
  bool running() const { return running_; }

 private:
  struct Sitemap {
    Url url;
    int level = 1;
  };

  loop::Task<void> run();
  loop::Task<void> add_from_robots();
  loop::Task<void> read(Sitemap sitemap);
  void on_entry(const Sitemap& sitemap, crawl::SitemapKind kind, crawl::SitemapEntry entry);
  // Queues a sitemap to read unless it is known, too deep or over the cap.
  void enqueue(Url url, int level);
  void fail(const std::string& url, const std::string& reason);
  bool should_stop() const { return full_ || hooks_.stopping(); }

  loop::EventLoop& loop_;
  http::HttpClient& http_;
  RobotsCache& robots_;
  const config::Job& job_;
  Stats& stats_;
  SitemapFeedHooks hooks_;
  SitemapFeedLimits limits_;
  std::optional<std::time_t> since_;  // sitemap_since, resolved when the crawl starts

  std::deque<Sitemap> queue_;             // breadth first: indexes' children after their siblings
  std::unordered_set<std::string> known_;  // every sitemap URL queued or refused, canonical
  std::size_t accepted_ = 0;              // sitemaps queued so far, against max_sitemaps
  bool cap_reported_ = false;
  bool full_ = false;  // the frontier hit max_pages: no listed page can be queued any more
  bool running_ = false;
};

}  // namespace gleaner::engine
