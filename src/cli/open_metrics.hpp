// `gleaner run --metrics PATH`: the run's figures in the OpenMetrics text
// format, which Prometheus' node_exporter reads from its textfile collector
// directory, so a cron job is monitored without extra code.
#pragma once

#include <string>

#include "cli/run_outcome.hpp"

namespace gleaner::cli {

// Gauges describing the last run (they are replaced, not accumulated, by the
// next one), labelled job="NAME"; ends with "# EOF".
std::string open_metrics(const RunOutcome& outcome);

}  // namespace gleaner::cli
