// Engine: the one place that knows every stage. One coroutine per request:
// frontier -> concurrency permit -> fetch -> extract (worker pool) -> frontier
// and dataset. Politeness, robots and retries slot in here in later stages.
#pragma once

#include <functional>
#include <string>

#include "config/job.hpp"
#include "crawl/frontier.hpp"
#include "engine/stats.hpp"
#include "extract/extractor.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/semaphore.hpp"
#include "loop/signal.hpp"
#include "loop/task.hpp"
#include "loop/worker_pool.hpp"
#include "output/dataset_sink.hpp"

namespace gleaner::engine {

using Warn = std::function<void(const std::string&)>;

class Engine {
 public:
  // Everything passed in must outlive the engine. `warn` receives one line
  // per failed page (transport error or HTTP error status).
  Engine(loop::EventLoop& loop, const config::Job& job, http::HttpClient& http,
         loop::WorkerPool& workers, output::DatasetSink& sink, Warn warn);

  // Crawls until the frontier is empty and nothing is in flight, or until
  // request_stop(); either way every extracted record has been pushed.
  loop::Task<Stats> run();

  // Loop thread: fetch nothing new, let in-flight requests finish.
  void request_stop();

  const Stats& stats() const { return stats_; }
  std::size_t in_flight() const { return in_flight_; }
  std::size_t pending() const { return frontier_.pending(); }

 private:
  loop::Task<void> crawl_one(crawl::CrawlRequest request, loop::Semaphore::Permit permit);
  loop::Task<void> handle_page(const crawl::CrawlRequest& request, http::Response response);
  bool is_html(const http::Response& response) const;

  loop::EventLoop& loop_;
  const config::Job& job_;
  http::HttpClient& http_;
  loop::WorkerPool& workers_;
  output::DatasetSink& sink_;
  Warn warn_;

  extract::Extractor extractor_;
  crawl::Frontier frontier_;
  loop::Semaphore concurrency_;
  loop::Signal progress_;  // a request finished, or a stop was requested
  std::size_t in_flight_ = 0;
  bool stopping_ = false;
  Stats stats_;
};

}  // namespace gleaner::engine
