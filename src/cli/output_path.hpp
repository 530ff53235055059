// Expands an output path template: {job} becomes the job name.
#pragma once

#include <string>
#include <string_view>

namespace gleaner::cli {

std::string expand_output_path(std::string_view path_template, std::string_view job_name);

}  // namespace gleaner::cli
