#include "engine/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/path_template.hpp"
#include "core/utc_time.hpp"
#include "crawl/fingerprint.hpp"
#include "crawl/retry_after.hpp"
#include "engine/frontier_for_job.hpp"
#include "html/charset.hpp"
#include "state/sqlite_frontier_spill.hpp"

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

// A record as its page's stored copy keeps it: the item rule's name with the
// record, so that re-emitting it counts it by type.
std::string stored_record_text(const std::string& item_name, const nlohmann::ordered_json& record) {
  const nlohmann::ordered_json pair = nlohmann::ordered_json::array({item_name, record});
  return pair.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct StoredRecord {
  std::string item_name;
  nlohmann::ordered_json record;
};

std::optional<StoredRecord> parse_stored_record(const std::string& text) {
  auto pair = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()) return std::nullopt;
  return StoredRecord{pair[0].get<std::string>(), std::move(pair[1])};
}

}  // namespace

Engine::Engine(loop::EventLoop& loop, const config::Job& job, http::HttpClient& http, loop::WorkerPool& workers,
               output::DatasetSink& sink, state::StateStore* state, Warn warn)
    : loop_(loop),
      job_(job),
      http_(http),
      workers_(workers),
      sink_(sink),
      state_(state),
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
                                   const crawl::Admission admission = admit(std::move(request));
                                   progress_.notify();  // the dispatcher may be waiting on an empty frontier
                                   return admission;
                                 },
                                 [this] { return stopping_; }, warn_, [this] { progress_.notify(); }}) {
  frontier_.spill_to([]() -> Result<std::unique_ptr<crawl::FrontierSpill>> {
    auto spill = state::SqliteFrontierSpill::open(/*directory: TMPDIR*/ "");
    if (!spill) return spill.error();
    return std::unique_ptr<crawl::FrontierSpill>(std::move(*spill));
  });
  if (!state_) return;
  frontier_.on_admitted([this](const crawl::CrawlRequest& request, std::uint64_t key) {
    unsent_.queued.push_back(
        state::QueuedUrl{key, request.url.str(), request.url.host(), request.depth, request.referer, request.priority});
  });
  robots_.on_fetched([this](state::RobotsFile file) { unsent_.robots.push_back(std::move(file)); });
  if (auto files = state_->robots_files()) {
    robots_.preload(*files, unix_seconds());
  } else {
    warn_("warning: " + files.error().message + " (robots.txt files are fetched again)");
  }
}

Result<void> Engine::resume_from(const state::ResumePoint& point) {
  if (state_ == nullptr) return make_error(ErrorKind::invalid_argument, "resuming a run needs its state store");
  frontier_.restore(point.seen, point.queued_per_host);
  // One URL at a time from the store into the frontier, which spills what
  // is past its memory budget: millions pending never sit in RAM at once.
  auto read = state_->read_pending([this](state::QueuedUrl queued) {
    // Parsed, not trusted: the file may be from another gleaner version.
    auto url = Url::parse(queued.url);
    if (!url) return;  // stored canonical, so only a damaged state file gets here
    frontier_.requeue(crawl::CrawlRequest{std::move(*url), queued.depth, std::move(queued.referer), 1, queued.priority});
  });
  if (!read) return read.error();
  stats_.resumed = true;
  return {};
}

crawl::Admission Engine::admit(crawl::CrawlRequest request) { return frontier_.add(std::move(request)).admission; }

void Engine::request_stop(bool out_of_time) {
  stopping_ = true;
  stats_.interrupted = true;
  stats_.out_of_time = stats_.out_of_time || out_of_time;
  progress_.notify();
}

void Engine::abandon_in_flight() {
  stopping_ = true;
  http_.abandon_all();
}

loop::Task<Stats> Engine::run() {
  const auto started = loop::Clock::now();
  for (const Url& url : job_.start_urls) admit({url, 0, "", 1});
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
    stats_.most_queued = std::max(stats_.most_queued, frontier_.pending());
    stats_.most_spilled = std::max(stats_.most_spilled, frontier_.spilled());
    auto request = frontier_.next_ready(now, host_slots_);
    if (frontier_.spill_error()) report_spill_failure();
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
  // URLs queued since the last page was handed over (sitemaps, a stop).
  if (!unsent_.empty()) co_await hand_over({}, std::nullopt);

  stats_.seconds = std::chrono::duration<double>(loop::Clock::now() - started).count();
  stats_.http = http_.traffic();
  co_return stats_;
}

// A spill that cannot be written costs only RAM: the frontier keeps what it
// would have spilled. One that cannot be read back has lost queued URLs, so
// the run stops there; with a state file the next run queues them again.
void Engine::report_spill_failure() {
  const std::string& why = *frontier_.spill_error();
  if (frontier_.spill_lost() == 0) {
    if (!spill_failure_reported_) warn_("warning: " + why + " (queued URLs stay in memory from now on)");
    spill_failure_reported_ = true;
    return;
  }
  if (stopping_) return;
  warn_("error: " + why + ": " + std::to_string(frontier_.spill_lost()) + " queued URLs could not be read back; " +
        (state_ ? "stopping (the next run queues them again from the state file)" : "stopping"));
  request_stop(/*out_of_time=*/false);
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
  const state::Fingerprint key = crawl::fingerprint(request.url.str());
  auto completion = [key](state::Completion how, long status) {
    return state::CompletedUrl{key, how, status, unix_seconds(), std::nullopt};
  };
  if (job_.politeness.obey_robots && !co_await allowed_by_robots(request)) {
    co_await hand_over({}, completion(state::Completion::skipped, 0));
    co_return;
  }

  std::optional<state::StoredPage> stored = stored_copy(request, key);
  if (stored && !due(request, stored->validators)) {
    ++stats_.not_due;
    state::CompletedUrl reused = completion(state::Completion::unchanged, 0);
    reused.checked_at = stored->validators.verified_at;  // not checked now: its age keeps growing
    PageReport report{request.url.str(), 0, 0, 0, request.depth};
    report.stored_copy = "not due";
    co_await reuse_stored(request, std::move(*stored), std::move(reused), std::move(report));
    co_return;
  }

  // A named request, not a braced temporary inside the co_await: g++ 12
  // destroys such an aggregate temporary twice when the callee is a coroutine.
  http::Request fetch_request;
  fetch_request.url = request.url.str();
  fetch_request.referer = request.referer;
  fetch_request.check_redirect = [this, depth = request.depth](const std::string& target) {
    return redirect_refusal(target, depth);
  };
  if (stored) {
    fetch_request.if_none_match = stored->validators.etag;
    fetch_request.if_modified_since = stored->validators.last_modified;
  }
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
  if (stored && !response.failed() && response.status == 304) {
    host_slots_.succeeded(request.url.host());
    ++stats_.pages_ok;
    ++stats_.not_modified;
    PageReport report{request.url.str(), 304, 0, response.seconds, request.depth};
    report.stored_copy = "not modified";
    co_await reuse_stored(request, std::move(*stored), completion(state::Completion::unchanged, 304),
                          std::move(report));
    co_return;
  }
  if (response.failed() || response.status < 200 || response.status > 299) {
    if (auto how = report_failure(request, response, stored.has_value())) {
      co_await hand_over({}, completion(*how, response.status));
    }
    co_return;
  }
  host_slots_.succeeded(request.url.host());
  ++stats_.pages_ok;
  // No Content-Type at all: sniff nothing, try it as HTML.
  if (!response.content_type.empty() && response.content_type.find("html") == std::string::npos) {
    const long status = response.status;
    co_await handle_other(request, std::move(response));
    co_await hand_over({}, completion(state::Completion::fetched, status));
    co_return;
  }
  co_await handle_page(request, std::move(response), std::move(stored));
}

std::optional<state::StoredPage> Engine::stored_copy(const crawl::CrawlRequest& request, state::Fingerprint key) {
  if (!state_ || !state_->keeps_page_copies()) return std::nullopt;
  auto stored = state_->stored_page(key);
  if (!stored) {
    // The page is fetched as if new; a broken state file shows at its next commit.
    warn_("warning: GET " + request.url.str() + ": " + stored.error().message);
    return std::nullopt;
  }
  return std::move(*stored);
}

bool Engine::due(const crawl::CrawlRequest& request, const state::Validators& stored) const {
  // Start URLs are where new links show up: always asked for.
  if (request.depth == 0 || job_.recrawl_after.count() == 0) return true;
  return unix_seconds() - stored.verified_at >= job_.recrawl_after.count();
}

std::size_t Engine::follow_links(const crawl::CrawlRequest& request, std::vector<Url> links) {
  std::size_t queued = 0;
  for (Url& link : links) {
    const auto admission = frontier_.add_link(std::move(link), request.depth + 1, request.url.str()).admission;
    if (admission == crawl::Admission::queued) {
      ++stats_.links_queued;
      ++queued;
    } else {
      ++stats_.links_skipped[static_cast<std::size_t>(admission)];
    }
  }
  return queued;
}

loop::Task<void> Engine::reuse_stored(const crawl::CrawlRequest& request, state::StoredPage stored,
                                      state::CompletedUrl completed, PageReport report) {
  std::vector<Url> links;
  links.reserve(stored.links.size());
  for (const std::string& text : stored.links) {
    if (auto url = Url::parse(text)) links.push_back(std::move(*url));
  }
  report.links_queued = follow_links(request, std::move(links));

  struct Reemitted {
    std::vector<std::string> lines;
    std::vector<std::string> item_names;
    std::size_t unreadable = 0;
  };
  Reemitted reemitted;
  if (job_.emit == config::Emit::all && !stored.records.empty()) {
    // Parsing and encoding are CPU work: on a worker, like extraction.
    auto encode_stored = [this, records = std::move(stored.records)] {
      Reemitted out;
      for (const std::string& text : records) {
        std::optional<StoredRecord> record = parse_stored_record(text);
        if (!record) {
          ++out.unreadable;
          continue;
        }
        out.lines.push_back(sink_.encode(record->record));
        out.item_names.push_back(std::move(record->item_name));
      }
      return out;
    };
    reemitted = co_await workers_.run(std::move(encode_stored));
  }
  if (reemitted.unreadable > 0) {
    warn_("warning: GET " + request.url.str() + ": " + std::to_string(reemitted.unreadable) +
          " stored records are unreadable and were left out");
  }
  const std::size_t count = reemitted.lines.size();
  if (!co_await hand_over(std::move(reemitted.lines), std::move(completed))) co_return;
  stats_.items += count;
  stats_.items_reused += count;
  for (const std::string& name : reemitted.item_names) ++stats_.items_by_type[name];
  if (page_observer_) {
    report.items = count;
    page_observer_(report);
  }
}

loop::Task<bool> Engine::hand_over(std::vector<std::string> records, std::optional<state::CompletedUrl> completed) {
  if (records.empty() && !state_) co_return true;
  output::PageOutput page;
  page.records = std::move(records);
  if (state_) {
    page.changes = std::exchange(unsent_, {});
    if (completed) page.changes.completed.push_back(std::move(*completed));
  }
  if (!co_await sink_.push(std::move(page))) {
    // The writer failed; crawling on would only lose more records.
    stats_.output_failed = true;
    stopping_ = true;
    co_return false;
  }
  co_return true;
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

std::optional<state::Completion> Engine::report_failure(const crawl::CrawlRequest& request,
                                                        const http::Response& response, bool had_copy) {
  if (response.error == http::TransportError::abandoned) {
    ++stats_.abandoned;  // the user asked the crawl to stop; the site did nothing wrong
    return std::nullopt;
  }
  if (response.failed()) {
    ++stats_.transport_errors;
    warn_(response.error_message + attempts_note(request.attempt));
    return state::Completion::failed;
  }
  if (had_copy && (response.status == 404 || response.status == 410)) {
    // A page an earlier run stored is gone: news about the site, not an error.
    ++stats_.gone;
    return state::Completion::gone;
  }
  ++stats_.http_errors;
  warn_("GET " + request.url.str() + ": HTTP " + std::to_string(response.status) + attempts_note(request.attempt));
  return state::Completion::failed;
}

loop::Task<void> Engine::handle_page(const crawl::CrawlRequest& request, http::Response response,
                                     std::optional<state::StoredPage> stored) {
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
    std::vector<std::string> stored_records;  // for the state's copy, when it keeps one
    std::uint64_t content_hash = 0;
    bool unchanged = false;  // the stored copy's content hash: nothing extracted
  };
  const bool keep_copy = state_ && state_->keeps_page_copies();
  std::optional<std::uint64_t> stored_hash;
  if (stored) stored_hash = stored->validators.content_hash;
  // Named, not written inside the co_await: g++ 12 destroys a lambda's
  // init-captures twice when the lambda is a temporary in a co_await expression.
  auto extract_page = [this, context = std::move(context), body = std::move(response.body),
                       content_type = std::move(response.content_type), keep_copy, stored_hash]() mutable {
    EncodedPage encoded;
    if (keep_copy) {
      // The bytes as served: the same page hashes the same in every run.
      encoded.content_hash = crawl::fingerprint(body);
      if (stored_hash == encoded.content_hash) {
        encoded.unchanged = true;
        return encoded;
      }
    }
    html::DecodedBody decoded = html::decode_to_utf8(std::move(body), content_type);
    encoded.page = extractor_.extract(context, std::move(decoded.utf8));
    encoded.lines.reserve(encoded.page.records.size());
    for (extract::Record& record : encoded.page.records) {
      encoded.lines.push_back(sink_.encode(record.value));
      if (keep_copy) encoded.stored_records.push_back(stored_record_text(job_.items[record.rule].name, record.value));
      record.value = nullptr;
    }
    return encoded;
  };
  EncodedPage encoded = co_await workers_.run(std::move(extract_page));
  const state::Fingerprint key = crawl::fingerprint(request.url.str());
  if (encoded.unchanged) {
    ++stats_.not_modified;
    state::CompletedUrl unchanged{key, state::Completion::unchanged, response.status, unix_seconds(), std::nullopt};
    report.stored_copy = "not modified";
    co_await reuse_stored(request, std::move(*stored), std::move(unchanged), std::move(report));
    co_return;
  }
  ++(stored ? stats_.changed : stats_.new_pages);
  extract::Page& page = encoded.page;

  state::CompletedUrl completed{key, state::Completion::fetched, response.status, unix_seconds(), std::nullopt};
  if (keep_copy) {
    state::StoredPage copy;
    copy.validators = state::Validators{response.etag, response.last_modified, encoded.content_hash, unix_seconds()};
    copy.links.reserve(page.links.size());
    for (const Url& link : page.links) copy.links.push_back(link.str());
    copy.records = std::move(encoded.stored_records);
    completed.page = std::move(copy);
  }

  stats_.links_unresolvable += page.unresolvable_links;
  report.links_queued = follow_links(request, std::move(page.links));
  for (const extract::DroppedItem& dropped : page.dropped) {
    ++stats_.dropped_items[job_.items[dropped.rule].name + ": " + dropped.reason];
  }
  for (const extract::FieldWarning& warning : page.warnings) {
    ++stats_.field_warnings[job_.items[warning.rule].name + "/" + warning.field + ": " + warning.message];
  }
  const std::size_t count = encoded.lines.size();
  if (!co_await hand_over(std::move(encoded.lines), std::move(completed))) co_return;
  stats_.items += count;
  for (const extract::Record& record : page.records) ++stats_.items_by_type[job_.items[record.rule].name];
  if (page_observer_) {
    report.items = count;
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
