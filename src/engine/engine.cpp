#include "engine/engine.hpp"

#include <chrono>

namespace gleaner::engine {
namespace {

// Keeps the engine's in-flight count right however crawl_one ends, even
// through an exception (which spawn() reports).
class InFlight {
 public:
  InFlight(std::size_t& count, loop::Signal& progress) : count_(count), progress_(progress) { ++count_; }
  ~InFlight() {
    --count_;
    progress_.notify();
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::size_t& count_;
  loop::Signal& progress_;
};

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
      frontier_(crawl::Scope(job.allowed_domains, job.start_urls),
                crawl::FrontierLimits{job.max_depth, job.max_pages}),
      concurrency_(loop, static_cast<std::size_t>(job.concurrency)),
      progress_(loop) {}

void Engine::request_stop() {
  stopping_ = true;
  stats_.interrupted = true;
  progress_.notify();
}

loop::Task<Stats> Engine::run() {
  const auto started = loop::Clock::now();
  for (const Url& url : job_.start_urls) frontier_.add({url, 0, ""});

  for (;;) {
    if (!stopping_ && frontier_.pending() > 0) {
      auto permit = co_await concurrency_.acquire();
      if (stopping_) continue;
      auto request = frontier_.next();
      if (!request) continue;
      std::string name = "GET " + request->url.str();
      loop_.spawn(crawl_one(std::move(*request), std::move(permit)), std::move(name));
      continue;
    }
    if (in_flight_ == 0) break;
    co_await progress_.wait();
  }

  stats_.seconds = std::chrono::duration<double>(loop::Clock::now() - started).count();
  co_return stats_;
}

loop::Task<void> Engine::crawl_one(crawl::CrawlRequest request, loop::Semaphore::Permit permit) {
  InFlight in_flight(in_flight_, progress_);
  // A named request, not a braced temporary inside the co_await: g++ 12
  // destroys such an aggregate temporary twice when the callee is a coroutine.
  http::Request fetch_request{request.url.str(), request.referer};
  http::Response response = co_await http_.fetch(std::move(fetch_request));
  // The fetch is what the concurrency limit is for; extraction has its own pool.
  permit.reset();

  if (response.failed()) {
    ++stats_.transport_errors;
    warn_(response.error_message);
    co_return;
  }
  ++stats_.pages_fetched;
  if (response.status < 200 || response.status > 299) {
    ++stats_.http_errors;
    warn_("GET " + request.url.str() + ": HTTP " + std::to_string(response.status));
    co_return;
  }
  if (!is_html(response)) {
    ++stats_.skipped_not_html;
    co_return;
  }
  co_await handle_page(request, std::move(response));
}

loop::Task<void> Engine::handle_page(const crawl::CrawlRequest& request, http::Response response) {
  // Named, not written inside the co_await: g++ 12 destroys a lambda's
  // init-captures twice when the lambda is a temporary in a co_await expression.
  auto extract_page = [this, &url = request.url, body = std::move(response.body)] {
    return extractor_.extract(url, body);
  };
  extract::Page page = co_await workers_.run(std::move(extract_page));

  for (Url& link : page.links) {
    const auto admission = frontier_.add({std::move(link), request.depth + 1, request.url.str()});
    if (admission == crawl::Admission::queued) ++stats_.links_queued;
  }
  for (std::string& record : page.records) {
    if (!co_await sink_.push(std::move(record))) {
      // The writer failed; crawling on would only lose more records.
      stats_.output_failed = true;
      stopping_ = true;
      co_return;
    }
    ++stats_.items;
  }
}

bool Engine::is_html(const http::Response& response) const {
  // No Content-Type at all: sniff nothing, try it as HTML.
  const std::string& type = response.content_type;
  return type.empty() || type.find("html") != std::string::npos;
}

}  // namespace gleaner::engine
