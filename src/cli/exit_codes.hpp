// Exit codes, so cron wrappers and scripts can tell outcomes apart.
#pragma once

namespace gleaner::cli {

constexpr int exit_ok = 0;           // the job ran; its dataset is in place
constexpr int exit_failure = 1;      // the job could not run or finish (e.g. unwritable dataset)
constexpr int exit_usage = 2;        // bad command line or invalid job file
constexpr int exit_interrupted = 130;  // stopped by SIGINT/SIGTERM; records so far are kept

}  // namespace gleaner::cli
