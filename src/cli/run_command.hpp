// `gleaner run JOB`: load and validate the job, crawl, write the dataset,
// print a summary to stderr.
#pragma once

#include <string>
#include <vector>

namespace gleaner::cli {

struct RunOptions {
  std::string job_path;
  std::string output_path;              // empty: the job's output.path
  std::vector<std::string> start_urls;  // non-empty: replace the job's start_urls
};

int run_job(const RunOptions& options);

}  // namespace gleaner::cli
