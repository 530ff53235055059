// The parse ceiling: how fast gumbo alone parses a set of pages on one
// thread, with nothing of gleaner around it. What a crawl's CPU per page is
// compared against. Pages are read into memory first (not timed).
//   bench-parse-only (--dir DIR | --list FILE) [--passes N] [--arena]
//                    [--select JOB.json [--base-url URL]]
// --arena:  gumbo's allocator hooks on a bump arena reset between pages
//           (no gumbo_destroy_output), instead of malloc/free.
// --select: parse with html::Document (as gleaner does, whatever allocator it
//           uses) and run the job's extraction on each page, timing the two
//           stages apart (thread CPU time). Page URLs are --base-url plus the
//           path below --dir (or the listed path without its leading '/'),
//           so that url_pattern rules apply. No charset decoding: pages are
//           parsed as the UTF-8 they are assumed to be.
// Prints one JSON line.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gumbo.h>

#include "config/job_loader.hpp"
#include "core/url.hpp"
#include "extract/item_records.hpp"
#include "extract/link_hrefs.hpp"
#include "extract/link_resolver.hpp"
#include "extract/page.hpp"
#include "html/document.hpp"
#include "html/gumbo_arena.hpp"
#include "measure.hpp"

namespace fs = std::filesystem;
using namespace gleaner;
using Clock = std::chrono::steady_clock;

using gleaner::bench::peak_rss_kb;
using gleaner::bench::process_cpu_seconds;
// For the parse/select split: thread CPU time.
using gleaner::bench::thread_cpu_seconds;

namespace {

struct Options {
  std::string dir;
  std::string list;
  int passes = 1;
  bool arena = false;
  std::string select_job;
  std::string base_url = "http://127.0.0.1:8000/";
};

struct InputPage {
  std::string path;  // below --dir, or as listed
  std::string html;
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "bench-parse-only: %s\n"
               "usage: bench-parse-only (--dir DIR | --list FILE) [--passes N] [--arena] "
               "[--select JOB.json [--base-url URL]]\n",
               problem);
  std::exit(2);
}

Options read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage("an option is missing its value");
      return argv[++i];
    };
    if (arg == "--dir") {
      options.dir = value();
    } else if (arg == "--list") {
      options.list = value();
    } else if (arg == "--passes") {
      options.passes = std::atoi(value().c_str());
      if (options.passes < 1) usage("--passes: expected a positive integer");
    } else if (arg == "--arena") {
      options.arena = true;
    } else if (arg == "--select") {
      options.select_job = value();
    } else if (arg == "--base-url") {
      options.base_url = value();
    } else {
      usage(("unknown argument " + std::string(arg)).c_str());
    }
  }
  if (options.dir.empty() == options.list.empty()) usage("give exactly one of --dir and --list");
  if (options.arena && !options.select_job.empty()) usage("--select parses with html::Document; drop --arena");
  return options;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench-parse-only: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<InputPage> read_pages(const Options& options) {
  std::vector<InputPage> pages;
  if (!options.dir.empty()) {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(options.dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".html") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());  // the same order every run
    for (const fs::path& path : paths) {
      pages.push_back({fs::relative(path, options.dir).generic_string(), read_file(path.string())});
    }
  } else {
    std::istringstream lines(read_file(options.list));
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) pages.push_back({line, read_file(line)});
    }
  }
  if (pages.empty()) usage("no pages found");
  return pages;
}


double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// gleaner's own options (html/document.cpp): no error list.
GumboOptions gleaner_gumbo_options() {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  return options;
}

// Counted so that no stage can be optimized away, and as a sanity check.
struct SelectTotals {
  double parse_s = 0;
  double select_s = 0;
  std::size_t records = 0;
  std::size_t links = 0;
};

// What extract::Extractor::extract does after its parse, step by step, so
// that the parse can be timed apart from the selectors.
void extract_page(const config::Job& job, const Url& url, const html::Document& document, SelectTotals& totals) {
  extract::PageContext context(url);
  extract::Page page;
  const Url base = *extract::document_base(document, context.url);
  const extract::LinkResolver resolver(base);
  for (const std::string_view href : extract::link_hrefs(document, job.follow)) {
    if (auto link = resolver.resolve(href)) {
      page.links.push_back(std::move(*link));
    } else {
      ++page.unresolvable_links;
    }
  }
  for (std::size_t rule = 0; rule < job.items.size(); ++rule) {
    const config::ItemRule& item = job.items[rule];
    if (extract::item_applies(item, context.url, document)) {
      extract::extract_items(item, rule, context, document, base, page);
    }
  }
  totals.records += page.records.size();
  totals.links += page.links.size();
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = read_options(argc, argv);
  const std::vector<InputPage> pages = read_pages(options);
  std::size_t page_bytes = 0;
  for (const InputPage& page : pages) page_bytes += page.html.size();

  std::optional<config::Job> job;
  std::vector<Url> urls;
  if (!options.select_job.empty()) {
    Result<config::Job> loaded = config::load_job(options.select_job);
    if (!loaded) {
      std::fprintf(stderr, "bench-parse-only: %s\n", loaded.error().message.c_str());
      return 1;
    }
    job = std::move(*loaded);
    for (const InputPage& page : pages) {
      const std::string_view path = std::string_view(page.path).substr(page.path.starts_with('/') ? 1 : 0);
      Result<Url> url = Url::parse(options.base_url + std::string(path));
      if (!url) {
        std::fprintf(stderr, "bench-parse-only: %s: %s\n", page.path.c_str(), url.error().message.c_str());
        return 1;
      }
      urls.push_back(std::move(*url));
    }
  }

  GumboOptions gumbo_options = gleaner_gumbo_options();
  html::GumboArena arena;
  if (options.arena) arena.install_in(gumbo_options);
  SelectTotals totals;
  std::size_t nodes_seen = 0;
  std::size_t arena_peak_bytes = 0;  // the most one page's tree and garbage took

  const double cpu_start = process_cpu_seconds();
  const Clock::time_point wall_start = Clock::now();
  for (int pass = 0; pass < options.passes; ++pass) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const std::string& html = pages[i].html;
      if (job) {
        const double parse_start = thread_cpu_seconds();
        const html::Document document = html::Document::parse(html);
        const double select_start = thread_cpu_seconds();
        extract_page(*job, urls[i], document, totals);
        totals.select_s += thread_cpu_seconds() - select_start;
        totals.parse_s += select_start - parse_start;
        continue;
      }
      GumboOutput* output = gumbo_parse_with_options(&gumbo_options, html.data(), html.size());
      nodes_seen += output->document->v.document.children.length;
      if (options.arena) {
        arena_peak_bytes = std::max(arena_peak_bytes, arena.bytes_used());
        arena.reset();  // the whole tree at once; gumbo_destroy_output would only walk it
      } else {
        gumbo_destroy_output(&gumbo_options, output);
      }
    }
  }
  const double wall_s = seconds_since(wall_start);
  const double cpu_s = process_cpu_seconds() - cpu_start;

  const double parsed_pages = static_cast<double>(pages.size()) * options.passes;
  std::printf("{\"pages\":%.0f,\"bytes\":%zu,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"pages_per_s\":%.1f,"
              "\"cpu_s_per_1000\":%.4f,\"peak_rss_kb\":%ld,\"mode\":\"%s\"",
              parsed_pages, page_bytes * static_cast<std::size_t>(options.passes), wall_s, cpu_s,
              parsed_pages / wall_s, cpu_s / parsed_pages * 1000, peak_rss_kb(),
              job ? "document+select" : options.arena ? "gumbo+arena" : "gumbo");
  if (options.arena) std::printf(",\"arena_peak_bytes\":%zu", arena_peak_bytes);
  if (job) {
    std::printf(",\"parse_s\":%.4f,\"select_s\":%.4f,\"select_fraction_of_parse\":%.3f,\"records\":%zu,\"links\":%zu",
                totals.parse_s, totals.select_s, totals.select_s / totals.parse_s, totals.records, totals.links);
  }
  std::printf("}\n");
  return nodes_seen == 0 && !job ? 1 : 0;
}
