// `gleaner links [--job JOB] [--base URL] [FILE|URL|-]`: every link in one
// page, resolved and canonical; with a job, whether the crawler would follow
// each one and, if not, why. The answer to "why was this link (not) followed?"
#pragma once

#include <string>

namespace gleaner::cli {

struct LinksOptions {
  std::string source = "-";  // a file, an http(s) URL, or "-" for standard input
  std::string job_path;      // non-empty: decide each link as this job's crawl would
  std::string base_url;      // the page's URL; default: a fetched page's URL after redirects
  int depth = 0;             // with a job: the depth the page was fetched at
  bool check_robots = true;  // with a job that obeys robots.txt: fetch it and ask it
  bool json = false;         // one {"href", "url", "decision"} object per line
};

// Exit codes: 0 when something was printed, 1 when the page has no links
// (or, without --json and without a job, none that resolves to an http(s)
// URL), 2 for a bad job, a bad --base or an unreadable page. Messages go to
// stderr, one line each.
int run_links(const LinksOptions& options);

}  // namespace gleaner::cli
