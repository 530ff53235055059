// run_crawl: a whole job on a fresh event loop, from an empty frontier to a
// dataset renamed into place. Shared by `gleaner run` and the integration tests.
#pragma once

#include <functional>
#include <string>

#include "config/job.hpp"
#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/stats.hpp"
#include "http/request.hpp"

namespace gleaner::engine {

struct CrawlHooks {
  Warn warn;  // one line per failed page
  // Runs on the loop thread once everything is set up, before the first
  // request: the CLI hooks its signal handling in here.
  std::function<void(loop::EventLoop&, Engine&)> on_start;
};

struct CrawlSettings {
  std::string dataset_path;
  std::string default_user_agent = "gleaner";  // when the job sets no http.user_agent
  std::size_t worker_threads = 0;  // 0: one per core
  std::size_t dataset_queue_capacity = 1024;
};

// The job's http settings as curl transfer options.
http::ClientOptions client_options_for(const config::Job& job, const std::string& default_user_agent);

// Errors are failures to start (unwritable dataset) or to finish writing it;
// page failures are counted in Stats. On a write failure the records written
// so far stay in DATASET.part.
Result<Stats> run_crawl(const config::Job& job, const CrawlSettings& settings, CrawlHooks hooks);

}  // namespace gleaner::engine
