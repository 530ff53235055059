// Writes a small report file (--metrics, --stats) so that a reader sees the
// old contents or the new, never half of them: a temporary file in the same
// directory, fsynced, then renamed over the target.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner::cli {

// Errors name the path and the failing step ("cannot create ...: No such file or directory").
Result<void> write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace gleaner::cli
