#include "core/path_template.hpp"

namespace gleaner {

std::string expand_path_template(std::string_view path_template, std::string_view job_name) {
  constexpr std::string_view placeholder = "{job}";
  std::string path;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = path_template.find(placeholder, from);
    path.append(path_template.substr(from, at - from));
    if (at == std::string_view::npos) break;
    path.append(job_name);
    from = at + placeholder.size();
  }
  return path;
}

}  // namespace gleaner
