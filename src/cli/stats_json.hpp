// `gleaner run --stats PATH`: the run's figures as one JSON object.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/run_outcome.hpp"

namespace gleaner::cli {

nlohmann::ordered_json stats_json(const RunOutcome& outcome);

}  // namespace gleaner::cli
