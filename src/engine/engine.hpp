// Engine: the one place that knows every stage. One coroutine per request:
// frontier -> permits (global, per host) -> robots.txt -> stored copy ->
// fetch -> retry or extract (worker pool) -> frontier and dataset (records
// and state changes together).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "config/job.hpp"
#include "core/result.hpp"
#include "crawl/frontier.hpp"
#include "crawl/host_slots.hpp"
#include "crawl/retry_policy.hpp"
#include "engine/robots_cache.hpp"
#include "engine/sitemap_feed.hpp"
#include "engine/stats.hpp"
#include "extract/extractor.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/semaphore.hpp"
#include "loop/signal.hpp"
#include "loop/task.hpp"
#include "loop/worker_pool.hpp"
#include "output/dataset_sink.hpp"
#include "output/download_store.hpp"
#include "output/page_output.hpp"
#include "state/state_store.hpp"

namespace gleaner::engine {

using Warn = std::function<void(const std::string&)>;

// One HTML page fetched and extracted (or taken from its stored copy), for `gleaner run -v`.
struct PageReport {
  const std::string& url;
  long status = 0;
  std::size_t bytes = 0;
  double seconds = 0;  // the transfer
  int depth = 0;
  std::size_t items = 0;
  std::size_t links_queued = 0;
  // Set when the page was not extracted but taken from the state's stored
  // copy: "not modified" (304 or the same content) or "not due" (no request).
  std::string_view stored_copy = {};
};
using PageObserver = std::function<void(const PageReport&)>;

// The product token robots.txt groups are matched against (RFC 9309 §2.2.1).
constexpr std::string_view robots_agent = "gleaner";

class Engine {
 public:
  // Everything passed in must outlive the engine. `warn` receives one line
  // per page that finally failed (transport error or HTTP error status), and
  // one per sitemap that could not be read (or only in part). `state` may be
  // null: the run then remembers nothing beyond its own frontier. With one,
  // the sink must commit to the same store.
  Engine(loop::EventLoop& loop, const config::Job& job, http::HttpClient& http, loop::WorkerPool& workers,
         output::DatasetSink& sink, state::StateStore* state, Warn warn);

  // Before run(): continue an interrupted run from what its state stored;
  // its pending URLs are read from the store given to the constructor.
  // Its start URLs are offered again and refused as seen.
  Result<void> resume_from(const state::ResumePoint& point);

  // Crawls until the frontier is empty and nothing is in flight, or until
  // request_stop(); either way every extracted record has been pushed.
  loop::Task<Stats> run();

  // Loop thread: fetch nothing new, let in-flight requests finish.
  // `out_of_time`: the job's max_runtime ran out (not a signal).
  void request_stop(bool out_of_time = false);
  // Loop thread, after request_stop(): end the transfers still in flight now
  // (their URLs count as abandoned, not failed). Pages already fetched are
  // still extracted and written.
  void abandon_in_flight();

  // Loop thread, before run(): called after each HTML page is extracted.
  void set_page_observer(PageObserver observer) { page_observer_ = std::move(observer); }

  const Stats& stats() const { return stats_; }
  output::DatasetSink& dataset() { return sink_; }
  std::size_t in_flight() const { return in_flight_; }
  std::size_t pending() const { return frontier_.pending(); }

 private:
  void report_spill_failure();
  // `fetch_permit` is released once the response is in; `page_permit` when
  // its records are queued for the dataset.
  loop::Task<void> crawl_one(crawl::CrawlRequest request, loop::Semaphore::Permit fetch_permit,
                             loop::Semaphore::Permit page_permit);
  loop::Task<bool> allowed_by_robots(const crawl::CrawlRequest& request);
  // Offered to the frontier; what was queued is recorded for the state.
  crawl::Admission admit(crawl::CrawlRequest request);
  // The stored copy of the page, if the state keeps copies and has one.
  std::optional<state::StoredPage> stored_copy(const crawl::CrawlRequest& request, state::Fingerprint key);
  // Whether a page with a stored copy is to be requested in this run (recrawl_after).
  bool due(const crawl::CrawlRequest& request, const state::Validators& stored) const;
  // A page whose stored copy is still right (304, same content hash, or not
  // due): its stored links are followed and, with emit "all", its stored
  // records are written again.
  loop::Task<void> reuse_stored(const crawl::CrawlRequest& request, state::StoredPage stored,
                                state::CompletedUrl completed, PageReport report);
  // Offers a page's links to the frontier, counting what became of them;
  // returns how many were queued.
  std::size_t follow_links(const crawl::CrawlRequest& request, std::vector<Url> links);
  // Hands the page's records and its completion (with every URL queued since
  // the last hand-over) to the dataset, where they are committed together.
  // False once the dataset failed.
  loop::Task<bool> hand_over(std::vector<std::string> records, std::optional<state::CompletedUrl> completed);
  // Why a redirect to `target` must not be followed, if it must not.
  std::optional<std::string> redirect_refusal(const std::string& target, int depth) const;
  // True when the request went back to the frontier for another attempt.
  bool retry_later(crawl::CrawlRequest& request, const http::Response& response);
  // Counts and logs a final failure, and says how the URL ended for the
  // state: nullopt when it was abandoned (it stays pending).
  std::optional<state::Completion> report_failure(const crawl::CrawlRequest& request,
                                                  const http::Response& response, bool had_copy);
  // `stored`: the page's copy from an earlier run, if any.
  loop::Task<void> handle_page(const crawl::CrawlRequest& request, http::Response response,
                               std::optional<state::StoredPage> stored);
  // A 2xx response that is not HTML: saved if the job's download settings want it.
  loop::Task<void> handle_other(const crawl::CrawlRequest& request, http::Response response);
  loop::Task<void> wait_for_progress(std::optional<loop::Clock::time_point> until);

  loop::EventLoop& loop_;
  const config::Job& job_;
  http::HttpClient& http_;
  loop::WorkerPool& workers_;
  output::DatasetSink& sink_;
  state::StateStore* state_;  // may be null
  Warn warn_;
  PageObserver page_observer_;

  extract::Extractor extractor_;
  output::DownloadStore downloads_;
  crawl::Frontier frontier_;
  bool spill_failure_reported_ = false;
  crawl::HostSlots host_slots_;
  crawl::RetryPolicy retry_policy_;
  RobotsCache robots_;
  loop::Semaphore concurrency_;  // requests being fetched
  // Requests anywhere between dispatch and their records being queued: a slow
  // dataset writer (or slow extraction) stops new fetches, across all hosts,
  // instead of piling up fetched pages in memory.
  loop::Semaphore pages_in_process_;
  loop::Signal progress_;  // a request finished, or a stop was requested
  std::size_t in_flight_ = 0;
  bool stopping_ = false;
  // URLs queued and robots.txt files fetched since the last hand_over(): the
  // next page handed over carries them, so the state learns of a URL before
  // any page that completes it.
  state::Changes unsent_;
  Stats stats_;
  SitemapFeed sitemaps_;  // last: it refers to robots_ and stats_
};

}  // namespace gleaner::engine
