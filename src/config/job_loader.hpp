// load_job and check_job_file: read a job file (JSON with comments) into a
// validated Job. The first thing `gleaner run` and `gleaner check` do.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/job.hpp"
#include "core/result.hpp"

namespace gleaner::config {

// Errors name the file and the place in it. A schema error holds every
// problem found, one per line, in document order:
//   config/books.json: /concurrency: expected an integer from 1 to 1024, found "8"
//   config/books.json: /maxpages: unknown key (did you mean "max_pages"?)
// A syntax error stops at the first one:
//   config/books.json:3:17: invalid JSON: expected ',' or '}' after an object member, found '"'
// Blocking file I/O: call at startup, never on the loop thread.
Result<Job> load_job(const std::string& path);

// As load_job, for text already in memory; `source_name` stands for the path in messages.
Result<Job> parse_job(std::string_view text, const std::string& source_name);

// Everything known about one job file, for `gleaner check`: each problem is
// one line, with the line and column of the value it is about where known:
//   config/books.json:12:18: /concurrency: expected an integer from 1 to 1024, found "8"
//   config/books.json:9:3: warning: /follow: no link is followed (max_depth is 0), so ...
struct JobCheck {
  std::optional<Job> job;             // set when there are no errors
  // In file order (a missing key is at the object that lacks it); a lone
  // line for an unreadable file or invalid JSON, which stops the check.
  std::vector<std::string> errors;
  std::vector<std::string> warnings;  // in file order; looked for only when there are no errors

  bool valid() const { return errors.empty(); }
};

// Blocking file I/O, as load_job.
JobCheck check_job_file(const std::string& path);
JobCheck check_job_text(std::string_view text, const std::string& source_name);

}  // namespace gleaner::config
