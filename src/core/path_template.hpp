// Expands a path template from a job file (output.path, download.dir):
// {job} becomes the job name.
#pragma once

#include <string>
#include <string_view>

namespace gleaner {

std::string expand_path_template(std::string_view path_template, std::string_view job_name);

}  // namespace gleaner
