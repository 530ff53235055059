#include "cli/check_command.hpp"

#include <cstdio>

#include "cli/exit_codes.hpp"
#include "config/job_loader.hpp"

namespace gleaner::cli {
namespace {

std::string count_of(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// "config/books.json: valid", "config/books.json: valid, 1 warning" or "config/x.json: 3 errors".
std::string summary(const std::string& path, const config::JobCheck& check) {
  if (!check.valid()) return path + ": " + count_of(check.errors.size(), "error");
  if (check.warnings.empty()) return path + ": valid";
  return path + ": valid, " + count_of(check.warnings.size(), "warning");
}

void print_line(const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }

}  // namespace

int run_check(const CheckOptions& options) {
  bool all_valid = true;
  for (const std::string& path : options.job_paths) {
    const config::JobCheck check = config::check_job_file(path);
    for (const std::string& line : check.errors) print_line(line);
    for (const std::string& line : check.warnings) print_line(line);
    print_line(summary(path, check));
    all_valid = all_valid && check.valid();
  }
  return all_valid ? exit_ok : exit_usage;
}

}  // namespace gleaner::cli
