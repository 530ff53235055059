// `gleaner check` as a user runs it: each broken job in check_cases/ next to
// the exact stderr it must produce (NAME.json, NAME.expected), plus the exit
// codes, several files at once and files that cannot be read.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using gleaner::testing::Subprocess;
using gleaner::testing::TempDir;

namespace {

namespace fs = std::filesystem;

const fs::path cases_dir = CHECK_CASES_DIR;

std::string contents(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  REQUIRE_MESSAGE(file, "cannot read " << path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `gleaner check ARGS...` from check_cases/, so that messages name the
// files as a user there would type them.
Outcome check(const std::vector<std::string>& args) {
  TempDir output;
  fs::current_path(cases_dir);
  std::vector<std::string> argv{GLEANER_BINARY, "check"};
  argv.insert(argv.end(), args.begin(), args.end());
  Subprocess gleaner(argv, output.path);
  const int exit_code = gleaner.wait();
  return {exit_code, gleaner.out(), gleaner.err()};
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cases_dir)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The summary, the last line of the expected output, says whether the job is valid.
int expected_exit_code(const std::string& expected) {
  const auto start = expected.rfind('\n', expected.size() - 2);
  const std::string summary = expected.substr(start == std::string::npos ? 0 : start + 1);
  return summary.find(": valid") != std::string::npos ? 0 : 2;
}

}  // namespace

TEST_CASE("each job in check_cases/ produces exactly its .expected stderr, and nothing on stdout") {
  const std::vector<std::string> names = case_names();
  REQUIRE(names.size() >= 15);
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::string expected = contents(cases_dir / (name + ".expected"));
    REQUIRE_FALSE(expected.empty());
    const Outcome outcome = check({name + ".json"});
    CHECK(outcome.err == expected);
    CHECK(outcome.exit_code == expected_exit_code(expected));
    CHECK(outcome.out.empty());
  }
}

TEST_CASE("the golden cases cover valid jobs, jobs with warnings only, and invalid jobs") {
  int valid = 0;
  int warned = 0;
  int invalid = 0;
  for (const std::string& name : case_names()) {
    const std::string expected = contents(cases_dir / (name + ".expected"));
    if (expected_exit_code(expected) == 2) {
      ++invalid;
    } else if (expected.find(": warning: ") != std::string::npos) {
      ++warned;
    } else {
      ++valid;
    }
  }
  CHECK(valid >= 1);
  CHECK(warned >= 4);
  CHECK(invalid >= 10);
}

TEST_CASE("several jobs are checked in the order given, and one invalid job makes the exit code 2") {
  const Outcome all_valid = check({"valid.json", "unreachable_item.json"});
  CHECK(all_valid.exit_code == 0);
  CHECK(all_valid.err == contents(cases_dir / "valid.expected") + contents(cases_dir / "unreachable_item.expected"));

  const Outcome one_invalid = check({"valid.json", "type_mismatch.json", "syntax_missing_comma.json"});
  CHECK(one_invalid.exit_code == 2);
  CHECK(one_invalid.err == contents(cases_dir / "valid.expected") + contents(cases_dir / "type_mismatch.expected") +
                               contents(cases_dir / "syntax_missing_comma.expected"));
}

TEST_CASE("a job file that cannot be read is one error, and the next file is still checked") {
  TempDir dir;
  const std::string missing = (dir.path / "nope.json").string();
  const std::string directory = dir.path.string();
  const Outcome outcome = check({missing, directory, "valid.json"});
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err == missing + ": cannot read job file: No such file or directory\n" + missing + ": 1 error\n" +
                           directory + ": cannot read job file: Is a directory\n" + directory + ": 1 error\n" +
                           "valid.json: valid\n");
}

TEST_CASE("check without a job file is a usage error") {
  const Outcome outcome = check({});
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("gleaner: JOB is required") == 0);
}

TEST_CASE("the repository's example jobs check clean") {
  const fs::path config_dir = fs::path(GLEANER_SOURCE_DIR) / "config";
  const Outcome outcome = check({(config_dir / "books.json").string()});
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.err == (config_dir / "books.json").string() + ": valid\n");
}
