// Which format a dataset is written in when the job does not say: the path's
// extension decides.
#pragma once

#include <optional>
#include <string_view>

#include "config/job.hpp"

namespace gleaner::output {

// `chosen` (output.format) wins; otherwise .json -> json, .csv -> csv, and
// anything else (.jsonl, .ndjson, none, "-") -> jsonl. Extensions match in any case.
config::DatasetFormat dataset_format_for(std::string_view path, std::optional<config::DatasetFormat> chosen);

}  // namespace gleaner::output
