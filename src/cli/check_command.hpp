// `gleaner check JOB [JOB...]`: validates job files without fetching
// anything and prints every problem found, for writing jobs and for CI.
#pragma once

#include <string>
#include <vector>

namespace gleaner::cli {

struct CheckOptions {
  std::vector<std::string> job_paths;
};

// For each job, in the order given, prints to stderr its errors (or, for a
// job without errors, its warnings), one per line, then one summary line:
//   config/books.json:12:18: /concurrency: expected an integer from 1 to 1024, found "8"
//   config/books.json: 1 error
// Exit codes: 0 when every job is valid (warnings allowed), 2 when one is
// invalid or unreadable. Nothing goes to stdout.
int run_check(const CheckOptions& options);

}  // namespace gleaner::cli
