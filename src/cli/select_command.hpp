// `gleaner select [--json] [--base URL] SELECTOR [FILE|URL|-]`: prints what a
// selector matches in one page, for writing and debugging a job's selectors.
#pragma once

#include <string>

namespace gleaner::cli {

struct SelectOptions {
  std::string selector;
  std::string source = "-";  // a file, an http(s) URL, or "-" for standard input
  bool json = false;         // one JSON value per line instead of HTML / text
  std::string base_url;      // non-empty: make ::attr() URLs absolute against it
};

// Exit codes: 0 when something was printed, 1 when nothing matched (or no
// match had the text or attribute asked for), 2 for a bad selector, a bad
// --base or an unreadable page. Messages go to stderr, one line each.
int run_select(const SelectOptions& options);

}  // namespace gleaner::cli
