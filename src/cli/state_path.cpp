#include "cli/state_path.hpp"

#include "core/path_template.hpp"

namespace gleaner::cli {

Result<std::string> state_path_for(const std::string& override_path, const config::Job& job) {
  // The job's own was checked when it was loaded: {job} is all it may hold.
  if (override_path.empty()) return expand_path_template(job.state_path, job.name);
  for (const std::string_view name : path_placeholders) {
    if (name == "job") continue;
    const std::string placeholder = "{" + std::string(name) + "}";
    if (override_path.find(placeholder) != std::string::npos) {
      return make_error(ErrorKind::invalid_argument,
                        "--state: " + placeholder +
                            " changes from run to run, but a job's state must be the same file every run; "
                            "only {job} expands here");
    }
  }
  return expand_path_template(override_path, job.name);
}

}  // namespace gleaner::cli
