// run_crawl: a whole job on a fresh event loop, from an empty frontier to a
// dataset renamed into place. Shared by `gleaner run` and the integration tests.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "config/job.hpp"
#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/run_state.hpp"
#include "engine/stats.hpp"
#include "http/request.hpp"
#include "output/dataset_sink.hpp"

namespace gleaner::engine {

struct CrawlHooks {
  Warn warn;  // one line per failed page
  // Runs on the loop thread once everything is set up, before the first
  // request: the CLI hooks its signal handling in here.
  std::function<void(loop::EventLoop&, Engine&)> on_start;
  // Runs once the crawl is over, while the loop still exists: what on_start
  // set up on the loop (timers, watched fds) is taken down here.
  std::function<void()> on_finish;
};

struct CrawlSettings {
  std::string dataset_path;  // expanded (dataset_path_for); "-": standard output
  std::string default_user_agent = "gleaner";  // when the job sets no http.user_agent
  std::size_t worker_threads = 0;  // 0: one per core
  std::size_t dataset_queue_capacity = 1024;
  output::WriteObserver before_dataset_write;  // tests only: see output::DatasetOptions
  // Set: the run is recorded in this store, and its records committed with
  // the state that produced them. `run` is then what start_run() returned
  // (its dataset path must be `dataset_path`); its resume point is consumed.
  state::StateStore* state = nullptr;
  RunStart* run = nullptr;
  // After a stop (max_runtime), in-flight requests get this long to finish.
  double grace_seconds = 10;
};

// The dataset's path for a run starting at `start`: `override_path` (--output)
// if not empty, else the job's output.path, with its placeholders expanded.
// Only an override can fail (an unknown placeholder): the job's path was
// checked when the job was loaded.
Result<std::string> dataset_path_for(const config::Job& job, const std::string& override_path,
                                     std::chrono::system_clock::time_point start);

// The job's http settings as curl transfer options.
http::ClientOptions client_options_for(const config::Job& job, const std::string& default_user_agent);

// Errors are failures to start (unwritable dataset, or one that cannot be
// appended to) or to finish writing it; page failures are counted in Stats.
// The dataset's format is the job's output.format, or follows the path's
// extension. On a write failure the records written so far stay in DATASET.part.
// With a state store, a run that was stopped (signal, max_runtime) or could
// not write leaves DATASET.part for the next run to continue.
Result<Stats> run_crawl(const config::Job& job, const CrawlSettings& settings, CrawlHooks hooks);

}  // namespace gleaner::engine
