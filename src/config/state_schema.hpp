// Reads the job's keys for state kept between runs ("state", "emit",
// "recrawl_after", "max_runtime") into Job; read_job() hands them over.
#pragma once

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// "state": a non-empty path to the SQLite state file, kept as written. {job}
// is the one placeholder: {date}, {time} and {timestamp} would name a new
// file each run, which could then neither resume nor compare.
void read_state_path(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink);

// "emit": "all" or "changed".
void read_emit(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink);

// "recrawl_after": a duration ("7d") or a number of seconds, 0 or more.
void read_recrawl_after(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink);

// "max_runtime": a duration ("2h") or a number of seconds, above zero.
void read_max_runtime(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink);

}  // namespace gleaner::config
