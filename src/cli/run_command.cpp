#include "cli/run_command.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>

#include "cli/atomic_file.hpp"
#include "cli/exit_codes.hpp"
#include "cli/open_metrics.hpp"
#include "cli/progress_line.hpp"
#include "cli/run_lock.hpp"
#include "cli/run_summary.hpp"
#include "cli/stats_json.hpp"
#include "cli/stop_signals.hpp"
#include "config/job_loader.hpp"
#include "cli/state_path.hpp"
#include "engine/run_crawl.hpp"
#include "gleaner_version.hpp"
#include "state/sqlite_state_store.hpp"

namespace gleaner::cli {
namespace {

// The job as `gleaner check` sees it, then the command line's overrides.
// Problems are logged; nullopt means exit 2.
std::optional<config::Job> load_job(const RunOptions& options, RunLog& log) {
  config::JobCheck check = config::check_job_file(options.job_path);
  for (const std::string& error : check.errors) log.error(error);
  for (const std::string& warning : check.warnings) log.warning(warning);
  if (!check.valid()) return std::nullopt;

  config::Job job = std::move(*check.job);
  if (!options.start_urls.empty()) {
    job.start_urls.clear();
    for (const std::string& text : options.start_urls) {
      auto url = Url::parse(text);
      if (!url || !url->is_http()) {
        log.error("--start-url: expected an absolute http(s) URL, found \"" + text + "\"");
        return std::nullopt;
      }
      job.start_urls.push_back(std::move(*url));
    }
  }
  return job;
}

std::string describe_page(const engine::PageReport& page) {
  char text[160];
  std::snprintf(text, sizeof text, ": %ld, %zu bytes, %.2f s, depth %d, %zu items, %zu links queued", page.status,
                page.bytes, page.seconds, page.depth, page.items, page.links_queued);
  std::string line = "GET " + page.url + text;
  if (!page.stored_copy.empty()) line += " (" + std::string(page.stored_copy) + ": from the stored copy)";
  return line;
}

// --stats and --metrics; a report that cannot be written turns a good run's exit code into 1.
int write_reports(const RunOptions& options, const RunOutcome& outcome, RunLog& log) {
  int exit_code = outcome.exit_code;
  auto write = [&](const std::string& path, const std::string& contents) {
    if (path.empty()) return;
    if (auto written = write_file_atomically(path, contents); !written) {
      log.error(written.error().message);
      if (exit_code == exit_ok) exit_code = exit_failure;
    }
  };
  // Replace, not throw: a dataset path need not be UTF-8.
  write(options.stats_path, stats_json(outcome).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  write(options.metrics_path, open_metrics(outcome));
  return exit_code;
}

std::string describe_resume(const engine::RunStart& start, const std::string& state) {
  const state::ResumePoint& point = *start.resume;
  const std::string dataset = point.run.dataset_path == "-" ? "standard output" : point.run.dataset_path + ".part";
  return "continuing run " + std::to_string(point.run.id) + " from " + state + ": " +
         std::to_string(point.pending) + " URLs pending of " + std::to_string(point.seen.size()) +
         " queued; " + dataset + " holds " + std::to_string(point.run.dataset.records) + " records";
}

}  // namespace

int run_job(const RunOptions& options) {
  // Until the job's name is known, lines are about the file.
  RunLog load_log(options.job_path, options.verbosity, options.log_format);
  std::optional<config::Job> job = load_job(options, load_log);
  if (!job) return exit_usage;
  RunLog log(job->name, options.verbosity, options.log_format);

  engine::CrawlSettings settings;
  const engine::Stats no_stats;
  // Monitoring hears of a run that never started too.
  auto give_up = [&](int exit_code, const std::string& message) {
    log.error(message);
    const RunOutcome outcome{job->name, settings.dataset_path, no_stats, job->max_error_rate, exit_code,
                             std::time(nullptr)};
    return write_reports(options, outcome, log);
  };
  auto dataset_path = engine::dataset_path_for(*job, options.output_path, std::chrono::system_clock::now());
  if (!dataset_path) return give_up(exit_usage, dataset_path.error().message);
  settings.dataset_path = std::move(*dataset_path);
  auto state_path = state_path_for(options.state_path, *job);
  if (!state_path) return give_up(exit_usage, state_path.error().message);

  // Two runs of one job (cron firing while the last run is still going) would
  // write the same dataset, or the same state. Standard output is the caller's to share.
  std::optional<RunLock> lock;
  if (!state_path->empty() || settings.dataset_path != "-") {
    const std::string& beside = state_path->empty() ? settings.dataset_path : *state_path;
    auto acquired = RunLock::acquire(run_lock_path(beside, job->name));
    if (!acquired) {
      const bool busy = acquired.error().kind == ErrorKind::busy;
      return give_up(busy ? exit_locked : exit_failure,
                     busy ? job->name + ": " + acquired.error().message : acquired.error().message);
    }
    lock.emplace(std::move(*acquired));
  }
  settings.default_user_agent = std::string("gleaner/") + GLEANER_VERSION + " (web scraper)";
  settings.grace_seconds = options.grace_seconds;

  // With a state file the run continues an unfinished one (its dataset
  // path included) or begins the next; without, it remembers nothing.
  std::unique_ptr<state::SqliteStateStore> store;
  engine::RunStart run_start;
  if (!state_path->empty()) {
    auto opened = state::SqliteStateStore::open(*state_path, /*create=*/true);
    if (!opened) return give_up(exit_failure, opened.error().message);
    store = std::move(*opened);
    auto started = engine::start_run(*store, settings.dataset_path, std::chrono::system_clock::now());
    if (!started) return give_up(exit_failure, started.error().message);
    run_start = std::move(*started);
    settings.dataset_path = run_start.run.dataset_path;
    if (run_start.resume) log.info(job->name + ": " + describe_resume(run_start, *state_path));
    settings.state = store.get();
    settings.run = &run_start;
  }

  // Before any thread starts, so that every thread inherits the blocked mask.
  StopSignals stop_signals;
  int stopped_by = 0;
  std::unique_ptr<ProgressTicker> progress;
  engine::CrawlHooks hooks;
  hooks.warn = [&log](const std::string& message) { log.warning(message); };
  hooks.on_start = [&](loop::EventLoop& loop, engine::Engine& engine) {
    progress = std::make_unique<ProgressTicker>(loop, engine, log, job->name);
    if (log.shows(LogLevel::debug)) {
      engine.set_page_observer([&log](const engine::PageReport& page) { log.debug(describe_page(page)); });
    }
    stop_signals.watch(loop, [&, grace = options.grace_seconds](int signal_number) {
      const char* name = signal_number == SIGINT ? "SIGINT" : "SIGTERM";
      if (stopped_by != 0) {
        if (store) {
          // Safe at any moment: the state vouches only for committed records,
          // and the next run cuts NAME.part back to them.
          log.warning(std::string(name) + " again: exiting at once; the next run continues from the last commit");
        } else {
          // The user insists: exit now, with the records already written
          // (whole ones only) renamed into place as the dataset.
          if (auto finished = engine.dataset().finish_now(); !finished) log.error(finished.error().message);
          log.warning(std::string(name) + " again: exiting at once with " +
                      std::to_string(engine.dataset().written()) + " records written");
        }
        const RunOutcome outcome{job->name, settings.dataset_path, engine.stats(), job->max_error_rate,
                                 exit_signal_base + signal_number, std::time(nullptr)};
        std::_Exit(write_reports(options, outcome, log));
      }
      stopped_by = signal_number;
      log.warning(std::string(name) + ": finishing " + std::to_string(engine.in_flight()) +
                  " requests in flight, then stopping");
      engine.request_stop();
      // A slow server must not hold the stop up for its whole timeout.
      const auto deadline = loop::Clock::now() + std::chrono::duration_cast<loop::Clock::duration>(
                                                      std::chrono::duration<double>(grace));
      loop.add_timer(deadline, [&engine] { engine.abandon_in_flight(); });
    });
  };
  hooks.on_finish = [&progress] { progress.reset(); };

  auto stats = engine::run_crawl(*job, settings, hooks);
  if (!stats) return give_up(exit_failure, stats.error().message);

  RunOutcome outcome{job->name, settings.dataset_path == "-" ? "standard output" : settings.dataset_path, *stats,
                     job->max_error_rate, exit_ok, std::time(nullptr)};
  if (stopped_by != 0) {
    outcome.exit_code = exit_signal_base + stopped_by;
  } else if (stats->out_of_time) {
    outcome.exit_code = exit_out_of_time;
  } else if (over_error_budget(outcome.stats, job->max_error_rate)) {
    outcome.exit_code = exit_over_error_budget;
  }
  for (const std::string& line : summary_lines(outcome)) log.info(line);
  return write_reports(options, outcome, log);
}

}  // namespace gleaner::cli
