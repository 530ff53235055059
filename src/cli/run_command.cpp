#include "cli/run_command.hpp"

#include <signal.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "cli/exit_codes.hpp"
#include "cli/stop_signals.hpp"
#include "config/job_loader.hpp"
#include "core/path_template.hpp"
#include "engine/run_crawl.hpp"
#include "gleaner_version.hpp"

namespace gleaner::cli {
namespace {

void print_error(const std::string& message) { std::fprintf(stderr, "gleaner: %s\n", message.c_str()); }

Result<config::Job> load_with_overrides(const RunOptions& options) {
  auto job = config::load_job(options.job_path);
  if (!job) return job;
  if (!options.start_urls.empty()) {
    job->start_urls.clear();
    for (const std::string& text : options.start_urls) {
      auto url = Url::parse(text);
      if (!url || !url->is_http()) {
        return make_error(ErrorKind::invalid_argument,
                          "--start-url: expected an absolute http(s) URL, found \"" + text + "\"");
      }
      job->start_urls.push_back(std::move(*url));
    }
  }
  return job;
}

void print_summary(const config::Job& job, const engine::Stats& stats, const std::string& path) {
  const double rate = stats.seconds > 0 ? static_cast<double>(stats.pages_fetched) / stats.seconds : 0;
  std::fprintf(stderr,
               "gleaner: %s: %zu pages fetched, %zu items written to %s, %zu errors "
               "(%zu transport, %zu HTTP), %.1f s, %.0f pages/s%s\n",
               job.name.c_str(), stats.pages_fetched, stats.items, path.c_str(), stats.errors(),
               stats.transport_errors, stats.http_errors, stats.seconds, rate,
               stats.interrupted ? " (interrupted)" : "");

  // Why links were not followed: the first thing to look at when a crawl
  // fetched less than expected (`gleaner links` then shows it per link).
  std::string skipped;
  auto add = [&skipped](std::size_t count, std::string_view reason) {
    if (count == 0) return;
    skipped += (skipped.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(reason);
  };
  for (std::size_t reason = 0; reason < stats.links_skipped.size(); ++reason) {
    add(stats.links_skipped[reason], crawl::describe(static_cast<crawl::Admission>(reason)));
  }
  add(stats.links_unresolvable, "not a URL");
  add(stats.robots_disallowed, "robots.txt");
  std::fprintf(stderr, "gleaner: %s: %zu links queued; not followed: %s\n", job.name.c_str(), stats.links_queued,
               skipped.empty() ? "none" : skipped.c_str());
  if (stats.sitemaps_fetched + stats.sitemap_errors > 0) {
    std::fprintf(stderr, "gleaner: %s: %zu sitemaps read, %zu failed; %zu listed pages queued, %zu older than sitemap_since\n",
                 job.name.c_str(), stats.sitemaps_fetched, stats.sitemap_errors, stats.sitemap_urls_queued,
                 stats.sitemap_entries_too_old);
  }
  if (stats.skipped_not_html > 0) {
    std::fprintf(stderr, "gleaner: %s: %zu responses were not HTML; %zu saved as files, %zu could not be saved\n",
                 job.name.c_str(), stats.skipped_not_html, stats.downloads, stats.download_errors);
  }
}

}  // namespace

int run_job(const RunOptions& options) {
  auto job = load_with_overrides(options);
  if (!job) {
    print_error(job.error().message);
    return exit_usage;
  }

  engine::CrawlSettings settings;
  settings.dataset_path = expand_path_template(
      options.output_path.empty() ? job->output.path : options.output_path, job->name);
  settings.default_user_agent = std::string("gleaner/") + GLEANER_VERSION + " (web scraper)";

  // Before any thread starts, so that every thread inherits the blocked mask.
  StopSignals stop_signals;
  int stopped_by = 0;
  engine::CrawlHooks hooks;
  hooks.warn = print_error;
  hooks.on_start = [&stop_signals, &stopped_by](loop::EventLoop& loop, engine::Engine& engine) {
    stop_signals.watch(loop, [&engine, &stopped_by](int signal_number) {
      if (stopped_by != 0) return;  // already stopping
      stopped_by = signal_number;
      std::fprintf(stderr, "gleaner: %s: finishing %zu requests in flight, then stopping\n",
                   signal_number == SIGINT ? "SIGINT" : "SIGTERM", engine.in_flight());
      engine.request_stop();
    });
  };

  auto stats = engine::run_crawl(*job, settings, hooks);
  if (!stats) {
    print_error(stats.error().message);
    return exit_failure;
  }
  print_summary(*job, *stats, settings.dataset_path);
  return stopped_by != 0 ? exit_signal_base + stopped_by : exit_ok;
}

}  // namespace gleaner::cli
