#include "engine/engine.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/path_template.hpp"
#include "core/utc_time.hpp"
#include "crawl/fingerprint.hpp"
#include "crawl/retry_after.hpp"
#include "engine/frontier_for_job.hpp"
#include "html/charset.hpp"

namespace gleaner::engine {
namespace {

using Seconds = std::chrono::duration<double>;

constexpr double max_crawl_delay_seconds = 60;

// Keeps the engine's in-flight count and the host's slot right however
// crawl_one ends, even through an exception (which spawn() reports).
class InFlight {
 public:
  InFlight(std::size_t& count, loop::Signal& progress, crawl::HostSlots& slots, std::string host)
      : count_(count), progress_(progress), slots_(slots), host_(std::move(host)) {
    ++count_;
  }
  ~InFlight() {
    slots_.finish(host_);
    --count_;
    progress_.notify();
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::size_t& count_;
  loop::Signal& progress_;
  crawl::HostSlots& slots_;
  std::string host_;
};

crawl::Politeness politeness_of(const config::Job& job) {
  crawl::Politeness politeness;
  politeness.per_host_concurrency = job.politeness.per_host_concurrency;
  politeness.delay = std::chrono::duration_cast<crawl::Clock::duration>(Seconds(job.politeness.delay_seconds));
  politeness.jitter = job.politeness.jitter;
  return politeness;
}

crawl::RetrySettings retry_settings_of(const config::Job& job) {
  crawl::RetrySettings settings;
  settings.max_retries = job.retry.max_retries;
  settings.statuses = job.retry.statuses;
  settings.base_delay = std::chrono::duration_cast<crawl::Clock::duration>(Seconds(job.retry.backoff_seconds));
  return settings;
}

// Worth another try: the server or the network may well answer next time.
bool is_transient(http::TransportError error) {
  switch (error) {
    case http::TransportError::timeout:
    case http::TransportError::connect:
    case http::TransportError::network:
    case http::TransportError::dns: return true;
    default: return false;
  }
}

std::string attempts_note(int attempts) {
  return attempts > 1 ? " (after " + std::to_string(attempts) + " attempts)" : "";
}

}  // namespace

Engine::Engine(loop::EventLoop& loop, const config::Job& job, http::HttpClient& http,
               loop::WorkerPool& workers, output::DatasetSink& sink, Warn warn)
    : loop_(loop),
      job_(job),
      http_(http),
      workers_(workers),
      sink_(sink),
      warn_(std::move(warn)),
      extractor_(job),
      downloads_(expand_path_template(job.download.dir, job.name), job.download.content_types),
      frontier_(frontier_for_job(job)),
      host_slots_(politeness_of(job)),
      retry_policy_(retry_settings_of(job)),
      robots_(loop, http, std::string(robots_agent)),
      concurrency_(loop, static_cast<std::size_t>(job.concurrency)),
      // As many pages again as fetches: extraction overlaps the next fetches.
      pages_in_process_(loop, 2 * static_cast<std::size_t>(job.concurrency)),
      progress_(loop),
      sitemaps_(loop, http, robots_, job, stats_,
                SitemapFeedHooks{[this](crawl::CrawlRequest request) {
                                   const crawl::Admission admission = frontier_.add(std::move(request)).admission;
                                   progress_.notify();  // the dispatcher may be waiting on an empty frontier
                                   return admission;
                                 },
                                 [this] { return stopping_; }, warn_, [this] { progress_.notify(); }}) {}

void Engine::request_stop() {
  stopping_ = true;
  stats_.interrupted = true;
  progress_.notify();
}

void Engine::abandon_in_flight() {
  stopping_ = true;
  http_.abandon_all();
}

loop::Task<Stats> Engine::run() {
  const auto started = loop::Clock::now();
  for (const Url& url : job_.start_urls) frontier_.add({url, 0, "", 1});
  sitemaps_.start();

  // The sitemap feed may add URLs at any time until it ends.
  while (!stopping_ && (frontier_.pending() > 0 || in_flight_ > 0 || sitemaps_.running())) {
    if (frontier_.pending() == 0) {
      co_await wait_for_progress(std::nullopt);
      continue;
    }
    auto page_permit = co_await pages_in_process_.acquire();
    auto fetch_permit = co_await concurrency_.acquire();
    if (stopping_) break;
    const auto now = loop::Clock::now();
    auto request = frontier_.next_ready(now, host_slots_);
    if (!request) {
      // Every queued host is busy, delayed or backing off: wait for a
      // request to finish or for the earliest host to become ready.
      fetch_permit.reset();
      page_permit.reset();
      co_await wait_for_progress(frontier_.next_wakeup(host_slots_));
      continue;
    }
    host_slots_.start(request->url.host(), now);
    std::string name = "GET " + request->url.str();
    loop_.spawn(crawl_one(std::move(*request), std::move(fetch_permit), std::move(page_permit)), std::move(name));
  }
  while (in_flight_ > 0 || sitemaps_.running()) co_await progress_.wait();

  stats_.seconds = std::chrono::duration<double>(loop::Clock::now() - started).count();
  co_return stats_;
}

loop::Task<void> Engine::wait_for_progress(std::optional<loop::Clock::time_point> until) {
  loop::TimerId timer = 0;
  if (until) timer = loop_.add_timer(*until, [this] { progress_.notify(); });
  co_await progress_.wait();
  if (timer != 0) loop_.cancel_timer(timer);
}

loop::Task<void> Engine::crawl_one(crawl::CrawlRequest request, loop::Semaphore::Permit fetch_permit,
                                   [[maybe_unused]] loop::Semaphore::Permit page_permit) {
  InFlight in_flight(in_flight_, progress_, host_slots_, request.url.host());
  if (job_.politeness.obey_robots && !co_await allowed_by_robots(request)) co_return;

  // A named request, not a braced temporary inside the co_await: g++ 12
  // destroys such an aggregate temporary twice when the callee is a coroutine.
  http::Request fetch_request;
  fetch_request.url = request.url.str();
  fetch_request.referer = request.referer;
  fetch_request.check_redirect = [this, depth = request.depth](const std::string& target) {
    return redirect_refusal(target, depth);
  };
  http::Response response = co_await http_.fetch(std::move(fetch_request));
  // The fetch is what `concurrency` limits; page_permit, held to the end,
  // bounds the pages fetched and not yet written.
  fetch_permit.reset();

  if (!response.failed()) {
    ++stats_.pages_fetched;
    ++stats_.pages_by_status[response.status];
    stats_.bytes_received += response.body.size();
  }
  if (retry_later(request, response)) co_return;
  if (response.failed() || response.status < 200 || response.status > 299) {
    report_failure(request, response);
    co_return;
  }
  host_slots_.succeeded(request.url.host());
  ++stats_.pages_ok;
  // No Content-Type at all: sniff nothing, try it as HTML.
  if (!response.content_type.empty() && response.content_type.find("html") == std::string::npos) {
    co_await handle_other(request, std::move(response));
    co_return;
  }
  co_await handle_page(request, std::move(response));
}

loop::Task<bool> Engine::allowed_by_robots(const crawl::CrawlRequest& request) {
  const crawl::RobotsRules* rules = co_await robots_.rules_for(request.url);
  if (auto delay = rules->crawl_delay()) {
    // Honoured up to a minute: a larger value would stall the job for hours.
    const double seconds = std::min(*delay, max_crawl_delay_seconds);
    host_slots_.set_minimum_delay(request.url.host(),
                                  std::chrono::duration_cast<crawl::Clock::duration>(Seconds(seconds)));
  }
  if (rules->allowed(request.url.path_and_query())) co_return true;
  ++stats_.robots_disallowed;
  co_return false;
}

std::optional<std::string> Engine::redirect_refusal(const std::string& target, int depth) const {
  auto url = Url::parse(target);
  if (!url) return "not a valid URL";
  // A redirect may land on a page already seen or deeper than max_depth (it
  // is the page the link meant), but not outside the job's scope or on a
  // URL the job denies.
  const crawl::Verdict verdict = frontier_.check({frontier_.canonical(*url), depth, "", 1});
  switch (verdict.admission) {
    case crawl::Admission::out_of_scope_scheme:
    case crawl::Admission::out_of_scope_domain:
    case crawl::Admission::denied_by_pattern:
    case crawl::Admission::not_allowed_by_pattern:
      return "the job does not follow it (" + crawl::describe(verdict) + ")";
    default:
      return std::nullopt;
  }
}

bool Engine::retry_later(crawl::CrawlRequest& request, const http::Response& response) {
  const auto now = loop::Clock::now();
  std::optional<crawl::Clock::duration> retry_after;
  if (auto seconds = crawl::parse_retry_after(response.retry_after, std::time(nullptr))) retry_after = *seconds;
  if (!response.failed() && (response.status == 429 || response.status == 503)) {
    host_slots_.back_off(request.url.host(), now, retry_after);
  }
  const bool transient = response.failed() && is_transient(response.error);
  const long status = response.failed() ? 0 : response.status;
  if (stopping_ || !retry_policy_.should_retry(status, transient, request.attempt)) return false;

  const auto wait = retry_policy_.delay_before_next(request.attempt, retry_after);
  ++request.attempt;
  ++stats_.retries;
  frontier_.retry(std::move(request), now + wait);
  return true;
}

void Engine::report_failure(const crawl::CrawlRequest& request, const http::Response& response) {
  if (response.error == http::TransportError::abandoned) {
    ++stats_.abandoned;  // the user asked the crawl to stop; the site did nothing wrong
  } else if (response.failed()) {
    ++stats_.transport_errors;
    warn_(response.error_message + attempts_note(request.attempt));
  } else {
    ++stats_.http_errors;
    warn_("GET " + request.url.str() + ": HTTP " + std::to_string(response.status) +
          attempts_note(request.attempt));
  }
}

loop::Task<void> Engine::handle_page(const crawl::CrawlRequest& request, http::Response response) {
  PageReport report{request.url.str(), response.status, response.body.size(), response.seconds, request.depth};
  extract::PageContext context(request.url);
  context.final_url = std::move(response.final_url);
  context.status = response.status;
  context.fetched_at = rfc3339_utc(std::chrono::system_clock::now());
  context.depth = request.depth;
  context.referer = request.referer;

  // Records are encoded on the worker too, so the loop and the writer thread
  // only move finished bytes. lines[i] is page.records[i], whose value is then
  // dropped; the rule index stays for the stats.
  struct EncodedPage {
    extract::Page page;
    std::vector<std::string> lines;
  };
  // Named, not written inside the co_await: g++ 12 destroys a lambda's
  // init-captures twice when the lambda is a temporary in a co_await expression.
  auto extract_page = [this, context = std::move(context), body = std::move(response.body),
                       content_type = std::move(response.content_type)]() mutable {
    const html::DecodedBody decoded = html::decode_to_utf8(std::move(body), content_type);
    EncodedPage encoded{extractor_.extract(context, decoded.utf8), {}};
    encoded.lines.reserve(encoded.page.records.size());
    for (extract::Record& record : encoded.page.records) {
      encoded.lines.push_back(sink_.encode(record.value));
      record.value = nullptr;
    }
    return encoded;
  };
  EncodedPage encoded = co_await workers_.run(std::move(extract_page));
  extract::Page& page = encoded.page;

  stats_.links_unresolvable += page.unresolvable_links;
  for (Url& link : page.links) {
    const auto admission = frontier_.add({std::move(link), request.depth + 1, request.url.str(), 1}).admission;
    if (admission == crawl::Admission::queued) {
      ++stats_.links_queued;
      ++report.links_queued;
    } else {
      ++stats_.links_skipped[static_cast<std::size_t>(admission)];
    }
  }
  for (const extract::DroppedItem& dropped : page.dropped) {
    ++stats_.dropped_items[job_.items[dropped.rule].name + ": " + dropped.reason];
  }
  for (const extract::FieldWarning& warning : page.warnings) {
    ++stats_.field_warnings[job_.items[warning.rule].name + "/" + warning.field + ": " + warning.message];
  }
  for (std::size_t i = 0; i < encoded.lines.size(); ++i) {
    if (!co_await sink_.push(std::move(encoded.lines[i]))) {
      // The writer failed; crawling on would only lose more records.
      stats_.output_failed = true;
      stopping_ = true;
      co_return;
    }
    ++stats_.items;
    ++stats_.items_by_type[job_.items[page.records[i].rule].name];
  }
  if (page_observer_) {
    report.items = encoded.lines.size();
    page_observer_(report);
  }
}

loop::Task<void> Engine::handle_other(const crawl::CrawlRequest& request, http::Response response) {
  ++stats_.skipped_not_html;
  if (!downloads_.wants(response.content_type)) co_return;
  output::Download download;
  download.url = request.url.str();
  download.final_url = std::move(response.final_url);
  download.content_type = std::move(response.content_type);
  download.fetched_at = rfc3339_utc(std::chrono::system_clock::now());
  download.body = std::move(response.body);
  // Named by the URL's fingerprint: stable across runs, safe as a file name.
  char stem[17];
  std::snprintf(stem, sizeof stem, "%016llx", static_cast<unsigned long long>(crawl::fingerprint(download.url)));
  auto save = [this, download = std::move(download), stem = std::string(stem)] {
    return downloads_.save(download, stem);
  };
  // Off the loop thread: a large file must not stall every other transfer.
  Result<std::string> saved = co_await workers_.run(std::move(save));
  if (saved) {
    ++stats_.downloads;
  } else {
    ++stats_.download_errors;
    warn_(saved.error().message);
  }
}

}  // namespace gleaner::engine
