#include "engine/run_crawl.hpp"

#include <thread>

#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/worker_pool.hpp"
#include "output/dataset_sink.hpp"

namespace gleaner::engine {

Result<Stats> run_crawl(const config::Job& job, const CrawlSettings& settings, CrawlHooks hooks) {
  loop::EventLoop loop;
  auto sink = output::DatasetSink::open(loop, settings.dataset_path, settings.dataset_queue_capacity);
  if (!sink) return sink.error();

  const std::size_t threads =
      settings.worker_threads > 0 ? settings.worker_threads : std::max(1u, std::thread::hardware_concurrency());
  loop::WorkerPool workers(loop, threads);
  http::ClientOptions client_options = settings.client;
  client_options.max_connections_per_host = std::max<long>(client_options.max_connections_per_host, job.concurrency);
  http::HttpClient http(loop, client_options);

  Warn warn = hooks.warn ? hooks.warn : [](const std::string&) {};
  Engine engine(loop, job, http, workers, **sink, std::move(warn));
  if (hooks.on_start) hooks.on_start(loop, engine);

  Stats stats = loop.run_until_complete(engine.run());
  // Every record is queued by now; finish() waits for the writer, then renames.
  if (auto finished = (*sink)->finish(); !finished) return finished.error();
  if (stats.output_failed) return make_error(ErrorKind::io, settings.dataset_path + ": write failed");
  return stats;
}

}  // namespace gleaner::engine
