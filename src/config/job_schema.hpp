// Reads a parsed job document into a Job, checking every key against the job
// schema. The step of load_job() between JSON parsing and the caller.
#pragma once

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// Problems go to `sink` in document order; the Job is only meaningful when
// none were reported. Defaults are those in job.hpp.
Job read_job(const Json& document, Diagnostics& sink);

}  // namespace gleaner::config
