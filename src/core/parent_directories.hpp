// create_parent_directories: the directories a file about to be created
// needs. Shared by everything gleaner writes (datasets, state files, lock
// files), so that each reports a missing-permission problem the same way.
#pragma once

#include <string>

#include "core/result.hpp"

namespace gleaner {

// Creates the missing directories above `path` ("out/x/books.jsonl" ->
// "out/x"). ErrorKind::io names the file and the directory on failure.
Result<void> create_parent_directories(const std::string& path);

}  // namespace gleaner
