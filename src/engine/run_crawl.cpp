#include "engine/run_crawl.hpp"

#include "engine/address_rules.hpp"

#include <cmath>
#include <thread>

#include "core/path_template.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/worker_pool.hpp"
#include "output/csv_columns.hpp"
#include "output/dataset_format.hpp"
#include "output/dataset_sink.hpp"

namespace gleaner::engine {

namespace {

std::chrono::milliseconds milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

// At the deadline the crawl stops as for SIGTERM: nothing new is fetched, and
// requests still in flight after the grace period are abandoned.
void stop_at_max_runtime(loop::EventLoop& loop, Engine& engine, std::chrono::seconds max_runtime,
                         double grace_seconds, const Warn& warn) {
  const auto grace = std::chrono::duration_cast<loop::Clock::duration>(std::chrono::duration<double>(grace_seconds));
  loop.add_timer(loop::Clock::now() + max_runtime, [&loop, &engine, grace, max_runtime, warn] {
    warn("max_runtime of " + std::to_string(max_runtime.count()) + " s reached: finishing " +
         std::to_string(engine.in_flight()) + " requests in flight, then stopping");
    engine.request_stop(/*out_of_time=*/true);
    loop.add_timer(loop::Clock::now() + grace, [&engine] { engine.abandon_in_flight(); });
  });
}

}  // namespace

http::ClientOptions client_options_for(const config::Job& job, const std::string& default_user_agent) {
  http::ClientOptions options;
  options.user_agent = job.http.user_agent.empty() ? default_user_agent : job.http.user_agent;
  options.connect_timeout = milliseconds(job.http.connect_timeout_seconds);
  options.total_timeout = milliseconds(job.http.timeout_seconds);
  options.max_redirects = job.http.max_redirects;
  options.max_body_bytes = static_cast<std::size_t>(job.http.max_body_bytes);
  // curl queues transfers past this limit inside the multi handle; the
  // engine's own per-host limit is what shapes the crawl.
  options.max_connections_per_host = std::max(job.politeness.per_host_concurrency, job.concurrency);
  options.addresses = address_policy_for(job);
  options.headers = job.http.headers;
  options.cookies = job.http.cookies;
  options.cookie_file = job.http.cookie_file;
  options.proxy = job.http.proxy;
  options.verify_tls = job.http.verify_tls;
  options.low_speed_limit = job.http.low_speed_limit;
  // curl counts whole seconds; a fraction rounds up rather than to "off".
  options.low_speed_time = std::chrono::seconds(static_cast<long long>(std::ceil(job.http.low_speed_time_seconds)));
  return options;
}

Result<std::string> dataset_path_for(const config::Job& job, const std::string& override_path,
                                     std::chrono::system_clock::time_point start) {
  const bool overridden = !override_path.empty();
  auto path = expand_path_template(overridden ? override_path : job.output.path, PathTemplateValues{job.name, start});
  if (!path) {
    return make_error(path.error().kind,
                      (overridden ? "--output" : job.source_path + ": /output/path") + ": " + path.error().message);
  }
  return path;
}

Result<Stats> run_crawl(const config::Job& job, const CrawlSettings& settings, CrawlHooks hooks) {
  loop::EventLoop loop;
  output::DatasetOptions dataset;
  dataset.path = settings.dataset_path;
  dataset.format = output::dataset_format_for(settings.dataset_path, job.output.format);
  dataset.mode = job.output.mode;
  if (dataset.format == config::DatasetFormat::csv) {
    auto columns = output::csv_columns(job.items);
    if (!columns) return make_error(columns.error().kind, settings.dataset_path + ": " + columns.error().message);
    dataset.csv_columns = std::move(*columns);
  }
  dataset.queue_capacity = settings.dataset_queue_capacity;
  dataset.before_write = settings.before_dataset_write;
  dataset.state = settings.state;
  const bool resuming = settings.state && settings.run && settings.run->resume;
  if (resuming) dataset.resume_from = settings.run->resume->run.dataset;
  auto sink = output::DatasetSink::open(loop, std::move(dataset));
  if (!sink) return sink.error();

  const std::size_t threads =
      settings.worker_threads > 0 ? settings.worker_threads : std::max(1u, std::thread::hardware_concurrency());
  loop::WorkerPool workers(loop, threads);
  http::HttpClient http(loop, client_options_for(job, settings.default_user_agent));

  Warn warn = hooks.warn ? hooks.warn : [](const std::string&) {};
  if (!job.http.verify_tls) {
    warn("warning: " + job.source_path +
         ": http.verify_tls is false: TLS certificates are not checked, so anyone on the network path "
         "can read and change what this job fetches");
  }
  Engine engine(loop, job, http, workers, **sink, settings.state, warn);
  if (resuming) {
    auto resumed = engine.resume_from(*settings.run->resume);
    if (!resumed) return resumed.error();  // the store's message names its file
    settings.run->resume.reset();  // the frontier has it now
  }
  if (job.max_runtime) stop_at_max_runtime(loop, engine, *job.max_runtime, settings.grace_seconds, warn);
  if (hooks.on_start) hooks.on_start(loop, engine);

  Stats stats = loop.run_until_complete(engine.run());
  if (hooks.on_finish) hooks.on_finish();
  // Every record is queued by now; finish() waits for the writer, then
  // renames. With state, an unfinished run's dataset waits for the next run.
  const bool continued_later = settings.state && (stats.interrupted || stats.output_failed);
  stats.dataset_sealed = !continued_later;
  auto finished = continued_later ? (*sink)->finish_unsealed() : (*sink)->finish();
  if (settings.state && settings.run) {
    const auto ended = end_run(*settings.state, settings.run->run, stats, (*sink)->committed(),
                               std::chrono::system_clock::now());
    if (!ended) return ended.error();
  }
  if (!finished) return finished.error();
  if (stats.output_failed) return make_error(ErrorKind::io, settings.dataset_path + ": write failed");
  return stats;
}

}  // namespace gleaner::engine
