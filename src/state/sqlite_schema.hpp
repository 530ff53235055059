// The layout of a gleaner state file, and the check that a file being opened
// is one: PRAGMA application_id marks the file as gleaner's, PRAGMA
// user_version holds its format.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "state/sqlite_connection.hpp"

namespace gleaner::state {

// Bump with every change of the tables below, and teach prepare_state_file
// to upgrade the older formats.
constexpr std::int64_t state_format = 1;

// Makes the connection's file a state file of this format in WAL mode. An
// existing file must be one already ("PATH: not a gleaner state file", "PATH:
// state format N is newer than this gleaner understands"); an empty or new
// file gets the tables if `create`, and is no state file otherwise.
Result<void> prepare_state_file(SqliteConnection& connection, bool create);

// What every connection to a state file sets for itself: synchronous=NORMAL.
// In WAL mode a commit then survives a crash of gleaner, if not a power cut;
// losing the last commits only sends their URLs round again, since the
// dataset (synced before each commit) is cut back to the older size.
Result<void> configure_connection(SqliteConnection& connection);

}  // namespace gleaner::state
