// Where a job's state file is, for `gleaner run` and `gleaner state`.
#pragma once

#include <string>

#include "config/job.hpp"
#include "core/result.hpp"

namespace gleaner::cli {

// `override_path` (--state) if not empty, else the job's "state"; {job}
// expands in either. Empty: the job keeps no state file.
Result<std::string> state_path_for(const std::string& override_path, const config::Job& job);

}  // namespace gleaner::cli
