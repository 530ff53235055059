// load_job: reads a job file (JSON with comments) into a validated Job. The
// first thing `gleaner run` and `gleaner check` do.
#pragma once

#include <string>
#include <string_view>

#include "config/job.hpp"
#include "core/result.hpp"

namespace gleaner::config {

// Errors are one line naming the file and the place in it, e.g.
//   config/books.json: /concurrency: expected an integer from 1 to 1024, found "8"
//   config/books.json:3:17: invalid JSON: expected ',' or '}' after an object member, found '"'
// Blocking file I/O: call at startup, never on the loop thread.
Result<Job> load_job(const std::string& path);

// As load_job, for text already in memory; `source_name` stands for the path in messages.
Result<Job> parse_job(std::string_view text, const std::string& source_name);

}  // namespace gleaner::config
