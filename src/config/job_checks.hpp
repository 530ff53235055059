// Reachability checks: warnings about parts of a valid job that can never
// take effect, such as an item rule no fetched page can match, or "emit" in
// a job without a state file. `gleaner check` prints them after the schema
// found no error; they never stop a run.
#pragma once

#include <vector>

#include "config/diagnostics.hpp"
#include "config/job.hpp"

namespace gleaner::config {

// Only what is certain is reported, each at the JSON pointer of the part
// that never takes effect. The pointers assume `job` was read without errors
// (items[i] is /items/i, links.deny[i] is /links/deny/i). Start URLs are the
// job's own: a caller that replaces them (--start-url) passes the new ones in job.
std::vector<Diagnostic> find_unreachable_parts(const Job& job);

}  // namespace gleaner::config
