// Expands a path template from a job file or the command line (output.path,
// --output): {job}, {date}, {time} and {timestamp}. Pure: the caller passes
// the time, read once at the start of a run.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner {

// The names a template may use, in the order messages list them.
inline constexpr std::array<std::string_view, 4> path_placeholders{"job", "date", "time", "timestamp"};

struct PathTemplateValues {
  std::string_view job;                         // {job}
  std::chrono::system_clock::time_point start;  // {date} YYYY-MM-DD, {time} HHMMSS, {timestamp} YYYYMMDDTHHMMSSZ, UTC
};

// A placeholder is "{" name "}" with a name of letters, digits and "_";
// other braces are plain text. Returns the first unknown one ("{jobs}").
std::optional<std::string> unknown_placeholder(std::string_view path_template);

// "unknown placeholder {jobs}; known: {job}, {date}, {time}, {timestamp}"
std::string unknown_placeholder_message(std::string_view placeholder);

// Fails with unknown_placeholder_message() when the template uses an unknown placeholder.
Result<std::string> expand_path_template(std::string_view path_template, const PathTemplateValues& values);

// download.dir: only {job} is replaced; anything else in braces stays as written.
std::string expand_path_template(std::string_view path_template, std::string_view job_name);

}  // namespace gleaner
