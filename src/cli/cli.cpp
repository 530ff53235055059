#include "cli/cli.hpp"

#include <curl/curl.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <map>

#include "cli/check_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/links_command.hpp"
#include "cli/run_command.hpp"
#include "cli/robots_command.hpp"
#include "cli/select_command.hpp"
#include "cli/state_command.hpp"
#include "gleaner_version.hpp"

namespace gleaner::cli {
namespace {

// curl_global_init is not thread-safe on every build; call it once, first.
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"gleaner: a fast, frugal, dependable web scraper driven by JSON job files.", "gleaner"};
  app.set_version_flag("--version", std::string("gleaner ") + GLEANER_VERSION);
  app.require_subcommand(1);

  RunOptions run_options;
  CLI::App* run_command = app.add_subcommand("run", "Crawl a job and write its dataset");
  run_command->add_option("JOB", run_options.job_path, "Job file (JSON, comments allowed)")->required();
  run_command->add_option("-o,--output", run_options.output_path,
                          "Dataset path, overriding the job's output.path ({job}, {date}, {time}, {timestamp} expand; - is standard output)");
  run_command->add_option("--start-url", run_options.start_urls,
                          "Start from this URL instead of the job's start_urls (repeatable)");
  CLI::Option* quiet = run_command->add_flag_callback(
      "-q,--quiet", [&run_options] { run_options.verbosity = Verbosity::quiet; },
      "Errors only: no warnings, no progress line, no summary");
  run_command
      ->add_flag_callback("-v,--verbose", [&run_options] { run_options.verbosity = Verbosity::verbose; },
                          "Also a line per page fetched")
      ->excludes(quiet);
  const std::map<std::string, LogFormat> log_formats{{"text", LogFormat::text}, {"json", LogFormat::json}};
  run_command->add_option("--log-format", run_options.log_format, "text (default) or json: one JSON object per line")
      ->transform(CLI::CheckedTransformer(log_formats, CLI::ignore_case))
      ->type_name("FORMAT");
  run_command->add_option("--stats", run_options.stats_path, "Also write the run's figures as JSON to this file")
      ->type_name("PATH");
  run_command->add_option("--metrics", run_options.metrics_path,
                          "Also write the run's figures in the OpenMetrics text format to this file, atomically "
                          "(for node_exporter's textfile collector: name it *.prom)")
      ->type_name("PATH");
  run_command->add_option("--grace", run_options.grace_seconds,
                          "After SIGINT/SIGTERM, abandon requests still in flight after this many seconds")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str()
      ->type_name("SECONDS");

  run_command->add_option("--state", run_options.state_path,
                          "State file (SQLite) to resume from and re-crawl against, overriding the job's \"state\" "
                          "({job} expands)")
      ->type_name("PATH");

  StateOptions state_options;
  CLI::App* state_command =
      app.add_subcommand("state", "Show what a job's state file holds: pending URLs, stored pages, last runs");
  state_command->add_option("JOB", state_options.job_path, "Job file (JSON, comments allowed)")->required();
  state_command->add_option("--state", state_options.state_path, "State file, overriding the job's \"state\"")
      ->type_name("PATH");
  state_command->add_option("--runs", state_options.runs, "How many of the newest runs to list")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  state_command->add_flag("--json", state_options.json, "One JSON object on stdout instead of text");

  CheckOptions check_options;
  CLI::App* check_command =
      app.add_subcommand("check", "Validate job files without fetching anything; print every problem");
  check_command->add_option("JOB", check_options.job_paths, "Job files (JSON, comments allowed)")->required();

  SelectOptions select_options;
  CLI::App* select_command =
      app.add_subcommand("select", "Print what a CSS selector matches in a page (for writing jobs)");
  select_command->add_option("SELECTOR", select_options.selector,
                             "CSS selector; may end in ::text, ::all-text or ::attr(name)")->required();
  select_command->add_option("SOURCE", select_options.source,
                             "HTML file, http(s) URL, or - for standard input (the default)");
  select_command->add_flag("--json", select_options.json,
                           "One JSON value per line: {tag, attrs, text} per element, strings for ::text/::attr()");
  select_command->add_option("--base", select_options.base_url,
                             "Resolve ::attr() values of URL attributes (href, src, ...) against this URL");

  LinksOptions links_options;
  CLI::App* links_command = app.add_subcommand(
      "links", "Print a page's links; with a job, whether the crawl would follow each, and why");
  links_command->add_option("SOURCE", links_options.source,
                            "HTML file, http(s) URL, or - for standard input (the default)");
  CLI::Option* links_job =
      links_command->add_option("--job", links_options.job_path,
                                "Decide each link as this job's crawl would: follow, or skip: and the reason")
          ->type_name("JOB");
  links_command->add_option("--base", links_options.base_url,
                            "The page's URL, to resolve relative links against (default for an http(s) "
                            "SOURCE: its URL after redirects); a <base href> in the page still applies")
      ->type_name("URL");
  links_command->add_option("--depth", links_options.depth,
                            "With --job: the depth the page was fetched at; its links are one deeper "
                            "(default 0: a start URL)")
      ->type_name("N")
      ->check([](const std::string& text) -> std::string {
        return !text.empty() && text.front() == '-' ? "expected a depth of 0 or more, found " + text : "";
      })
      ->needs(links_job);
  links_command
      ->add_flag_callback(
          "--no-robots", [&links_options] { links_options.check_robots = false; },
          "With --job: do not fetch robots.txt; links the job would follow print as follow")
      ->needs(links_job);
  links_command->add_flag("--json", links_options.json,
                          "One JSON object per link: {href, url (canonical, or null), decision (without "
                          "--job: null, or why a link has no url)}");

  RobotsOptions robots_options;
  CLI::App* robots_command =
      app.add_subcommand("robots", "Show what a robots.txt allows, and which rule decides (RFC 9309)");
  robots_command->add_option("--agent", robots_options.agent, "Product token to choose the group by")
      ->capture_default_str();
  robots_command->add_option("ROBOTS", robots_options.robots, "robots.txt file, - for standard input, or its URL")
      ->required();
  robots_command->add_option("URLS", robots_options.urls, "URLs or paths to check")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return exit_ok;
  } catch (const CLI::CallForVersion&) {
    std::puts(app.version().c_str());
    return exit_ok;
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "gleaner: %s\nRun 'gleaner --help' for usage.\n", error.what());
    return exit_usage;
  }

  try {
    CurlGlobal curl;
    if (run_command->parsed()) return run_job(run_options);
    if (check_command->parsed()) return run_check(check_options);
    if (state_command->parsed()) return run_state(state_options);
    if (select_command->parsed()) return run_select(select_options);
    if (robots_command->parsed()) return run_robots(robots_options);
    if (links_command->parsed()) return run_links(links_options);
    return exit_usage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gleaner: %s\n", error.what());
    return exit_failure;
  }
}

}  // namespace gleaner::cli
