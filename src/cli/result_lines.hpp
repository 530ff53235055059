// ResultLines: how the page-inspecting commands (select, links) print their
// results: one per line on stdout, and an exit code that says whether there
// was any (0) or none (1), as grep does.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string_view>

#include "cli/exit_codes.hpp"

namespace gleaner::cli {

class ResultLines {
 public:
  ~ResultLines() { std::fflush(stdout); }

  void print(std::string_view line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    ++printed_;
  }

  int exit_code() const { return printed_ > 0 ? exit_ok : exit_no_match; }

 private:
  std::size_t printed_ = 0;
};

}  // namespace gleaner::cli
