// The command line: parses argv, runs a command, returns the exit code.
// Exceptions stop here (message + exit code); nothing else catches them.
#pragma once

namespace gleaner::cli {

int run(int argc, char** argv);

}  // namespace gleaner::cli
