#include "cli/cli.hpp"

int main(int argc, char** argv) { return gleaner::cli::run(argc, argv); }
