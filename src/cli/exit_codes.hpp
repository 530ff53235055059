// Exit codes, so cron wrappers and scripts can tell outcomes apart.
#pragma once

namespace gleaner::cli {

constexpr int exit_ok = 0;           // the job ran; its dataset is in place
constexpr int exit_failure = 1;      // the job could not run or finish (e.g. unwritable dataset)
constexpr int exit_usage = 2;        // bad command line or invalid job file
constexpr int exit_locked = 3;       // another run of the same job is in progress
// The job's max_runtime ran out before the crawl did. With a state file the
// dataset stays NAME.part and the next run continues; without, what was
// extracted is in place.
constexpr int exit_out_of_time = 4;
constexpr int exit_over_error_budget = 1;  // completed, but more URLs failed than max_error_rate allows
constexpr int exit_no_match = 1;     // `select` matched nothing, `links` found none, `robots` disallows a URL
// Stopped by a signal: 128 + its number, as shells report it (130 SIGINT,
// 143 SIGTERM). Records extracted so far are in the dataset.
constexpr int exit_signal_base = 128;

}  // namespace gleaner::cli
