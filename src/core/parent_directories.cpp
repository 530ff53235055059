#include "core/parent_directories.hpp"

#include <filesystem>
#include <system_error>

namespace gleaner {

Result<void> create_parent_directories(const std::string& path) {
  const std::filesystem::path target(path);
  if (!target.has_parent_path()) return {};
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (error) {
    return make_error(ErrorKind::io, path + ": cannot create directory " + target.parent_path().string() + ": " +
                                         error.message());
  }
  return {};
}

}  // namespace gleaner
