// `gleaner state JOB [--state PATH] [--runs N] [--json]`: what a job's state
// file holds, for a person deciding whether to resume, re-crawl or start afresh.
#pragma once

#include <cstddef>
#include <string>

namespace gleaner::cli {

struct StateOptions {
  std::string job_path;
  std::string state_path;  // empty: the job's "state"
  std::size_t runs = 5;    // how many of the newest runs to list
  bool json = false;       // one JSON object on stdout instead of text
};

// Prints the last run's frontier (pending, seen, done, failed, gone URLs),
// the stored page copies and the newest runs to stdout. Exit codes: 0
// printed; 1 no state file yet, or unreadable; 2 bad job, or no state named.
int run_state(const StateOptions& options);

}  // namespace gleaner::cli
