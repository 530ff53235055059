// Reads the job's "output" object (dataset path template, format, write
// mode) into OutputSettings; read_job() hands it over.
#pragma once

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// Problems go to `sink`; `output` keeps its defaults for keys that are absent or wrong.
// A path is checked for unknown placeholders here, so a typo fails at load,
// not after a crawl.
void read_output(const Json& value, const JsonPointer& where, OutputSettings& output, Diagnostics& sink);

}  // namespace gleaner::config
