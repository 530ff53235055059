// RunOutcome: one finished run as the end-of-run reports describe it (the
// summary on stderr, --stats JSON, --metrics OpenMetrics).
#pragma once

#include <ctime>
#include <string>

#include "engine/stats.hpp"

namespace gleaner::cli {

struct RunOutcome {
  std::string job_name;
  std::string dataset_path;
  const engine::Stats& stats;
  double max_error_rate = 1;  // the job's budget
  int exit_code = 0;
  std::time_t finished_at = 0;
};

// More than max_error_rate of the finished URLs failed: the run exits 1,
// though its dataset is written.
inline bool over_error_budget(const engine::Stats& stats, double max_error_rate) {
  return stats.error_rate() > max_error_rate;
}

}  // namespace gleaner::cli
