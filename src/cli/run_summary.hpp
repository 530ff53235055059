// The end-of-run summary `gleaner run` prints on stderr.
#pragma once

#include <string>
#include <vector>

#include "cli/run_outcome.hpp"

namespace gleaner::cli {

// Lines without the "gleaner: " prefix, each starting with the job name;
// lines whose figures are all zero are left out.
std::vector<std::string> summary_lines(const RunOutcome& outcome);

}  // namespace gleaner::cli
