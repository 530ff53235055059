#include "engine/sitemap_feed.hpp"

#include <unordered_set>
#include <utility>

namespace gleaner::engine {
namespace {

std::optional<std::time_t> since_of(const config::SitemapSettings& settings) {
  if (settings.since) return settings.since;
  if (settings.since_age) return std::time(nullptr) - static_cast<std::time_t>(settings.since_age->count());
  return std::nullopt;
}

// The transport error without the "GET <url>: " the warning already names.
std::string reason_of(const http::Response& response) {
  const std::string prefix = "GET " + response.url + ": ";
  if (response.error_message.rfind(prefix, 0) == 0) return response.error_message.substr(prefix.size());
  return response.error_message;
}

// The parser says "sitemap line 3, column 7: ..."; the warning already says "sitemap".
std::string parse_reason(const std::string& message) {
  constexpr std::string_view prefix = "sitemap ";
  return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

// Keeps running() true while the feed works, and reports its end however
// run() ends, even through an exception (which spawn() reports).
class Running {
 public:
  Running(bool& running, const std::function<void()>& finished) : running_(running), finished_(finished) {
    running_ = true;
  }
  ~Running() {
    running_ = false;
    if (finished_) finished_();
  }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;

 private:
  bool& running_;
  const std::function<void()>& finished_;
};

}  // namespace

SitemapFeed::SitemapFeed(loop::EventLoop& loop, http::HttpClient& http, RobotsCache& robots,
                         const config::Job& job, Stats& stats, SitemapFeedHooks hooks, SitemapFeedLimits limits)
    : loop_(loop),
      http_(http),
      robots_(robots),
      job_(job),
      stats_(stats),
      hooks_(std::move(hooks)),
      limits_(limits),
      since_(since_of(job.sitemaps)) {}

void SitemapFeed::start() {
  if (job_.sitemaps.urls.empty() && !job_.sitemaps.from_robots) return;
  running_ = true;  // before spawn: run() may suspend before its guard is seen
  loop_.spawn(run(), "sitemaps");
}

loop::Task<void> SitemapFeed::run() {
  Running running(running_, hooks_.finished);
  for (const Url& url : job_.sitemaps.urls) enqueue(url, 1);
  if (job_.sitemaps.from_robots) co_await add_from_robots();
  // One sitemap at a time: they only feed the frontier, which the pages'
  // own fetches drain in parallel, and one host is not hit with many at once.
  while (!queue_.empty() && !should_stop()) {
    Sitemap next = std::move(queue_.front());
    queue_.pop_front();
    co_await read(std::move(next));
  }
}

// RFC 9309 §2.2.4: Sitemap: lines are not bound to a group and name sitemaps
// of any host; robots.txt rules do not apply to fetching them.
loop::Task<void> SitemapFeed::add_from_robots() {
  std::unordered_set<std::string> origins;
  for (const Url& start : job_.start_urls) {
    if (should_stop()) co_return;
    std::string origin(start.origin());
    if (!origins.insert(origin).second) continue;
    const crawl::RobotsRules* rules = co_await robots_.rules_for(start);
    const Result<Url> robots_url = Url::parse(origin + "/robots.txt");
    for (const std::string& line : rules->sitemaps()) {
      Result<Url> url = robots_url ? robots_url->resolve(line) : Url::parse(line);
      if (!url || !url->is_http()) {
        fail(line, "not read: listed in " + origin + "/robots.txt, but not an http(s) URL");
        continue;
      }
      enqueue(std::move(*url), 1);
    }
  }
}

loop::Task<void> SitemapFeed::read(Sitemap sitemap) {
  std::optional<Error> parse_error;
  crawl::SitemapParser parser(
      [this, &sitemap](crawl::SitemapKind kind, crawl::SitemapEntry entry) {
        on_entry(sitemap, kind, std::move(entry));
      },
      limits_.file);
  // Named, not a temporary inside the co_await (g++ 12; see Engine::crawl_one).
  http::Request request;
  request.url = sitemap.url.str();
  request.on_body = [this, &parser, &parse_error](std::string_view chunk) {
    if (should_stop()) return false;
    if (auto fed = parser.feed(chunk); !fed) {
      parse_error = fed.error();
      return false;
    }
    return !should_stop();
  };
  const http::Response response = co_await http_.fetch(std::move(request));

  const std::string& url = sitemap.url.str();
  if (response.status >= 200 && response.status <= 299) ++stats_.sitemaps_fetched;
  // The entries delivered before any failure below stand: they are queued already.
  if (parse_error) {
    fail(url, parse_reason(parse_error->message));
  } else if (should_stop()) {
    // Cut short on purpose: the crawl is stopping, or max_pages is reached.
  } else if (response.failed()) {
    fail(url, reason_of(response));
  } else if (response.status < 200 || response.status > 299) {
    fail(url, "HTTP " + std::to_string(response.status));
  } else if (auto finished = parser.finish(); !finished) {
    fail(url, parse_reason(finished.error().message));
  }
}

void SitemapFeed::on_entry(const Sitemap& sitemap, crawl::SitemapKind kind, crawl::SitemapEntry entry) {
  if (full_) return;
  // For an index entry, <lastmod> is when that sitemap last changed: an
  // older one lists no page changed since (sitemaps.org, "<lastmod>").
  if (!crawl::sitemap_entry_since(entry, since_)) {
    ++stats_.sitemap_entries_too_old;
    return;
  }
  // sitemaps.org wants absolute URLs; resolving is lenient with relative ones.
  Result<Url> url = sitemap.url.resolve(entry.loc);
  if (!url || !url->is_http()) return;
  if (kind == crawl::SitemapKind::sitemapindex) {
    enqueue(std::move(*url), sitemap.level + 1);
    return;
  }
  // Depth 1: a link found on the sitemap as if it were a start page, so
  // allow/deny, the trap guard and max_depth apply as to any link.
  crawl::CrawlRequest request{.url = std::move(*url), .depth = 1, .referer = sitemap.url.str()};
  const crawl::Admission admission = hooks_.admit(std::move(request));
  if (admission == crawl::Admission::queued) {
    ++stats_.sitemap_urls_queued;
  } else if (admission == crawl::Admission::page_limit) {
    full_ = true;  // checked after the seen set: every new URL would be refused now
  }
}

void SitemapFeed::enqueue(Url url, int level) {
  if (!known_.insert(url.str()).second) return;
  if (level > limits_.max_levels) {
    fail(url.str(), "not read: sitemap indexes nested more than " + std::to_string(limits_.max_levels) +
                        " levels deep");
    return;
  }
  if (accepted_ >= limits_.max_sitemaps) {
    if (!cap_reported_) {
      cap_reported_ = true;
      fail(url.str(), "not read, nor any further sitemap: the limit of " + std::to_string(limits_.max_sitemaps) +
                          " sitemaps per crawl is reached");
    }
    return;
  }
  ++accepted_;
  queue_.push_back({std::move(url), level});
}

void SitemapFeed::fail(const std::string& url, const std::string& reason) {
  ++stats_.sitemap_errors;
  if (hooks_.warn) hooks_.warn("sitemap " + url + ": " + reason);
}

}  // namespace gleaner::engine
