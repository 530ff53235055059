// `gleaner run JOB`: validate the job, crawl, write the dataset, report the
// run (summary on stderr, optional --stats JSON and --metrics file).
#pragma once

#include <string>
#include <vector>

#include "cli/run_log.hpp"

namespace gleaner::cli {

struct RunOptions {
  std::string job_path;
  std::string output_path;              // empty: the job's output.path
  std::vector<std::string> start_urls;  // non-empty: replace the job's start_urls
  Verbosity verbosity = Verbosity::normal;
  LogFormat log_format = LogFormat::text;
  std::string stats_path;    // empty: no JSON stats file
  std::string metrics_path;  // empty: no OpenMetrics file
  std::string state_path;    // empty: the job's "state", if any ({job} expands)
  // After SIGINT/SIGTERM, requests still in flight this long are abandoned.
  double grace_seconds = 10;
};

int run_job(const RunOptions& options);

}  // namespace gleaner::cli
