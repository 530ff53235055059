#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/run_log.hpp"

using namespace gleaner;

namespace {

// What a RunLog wrote, read back from its temporary file.
struct Captured {
  std::FILE* file = std::tmpfile();
  ~Captured() { std::fclose(file); }
  std::string text() {
    std::fflush(file);
    std::rewind(file);
    std::string out;
    char buffer[512];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, file)) out.append(buffer, n);
    return out;
  }
};

}  // namespace

TEST_CASE("text lines start with gleaner:, and the verbosity picks the levels shown") {
  struct Row {
    cli::Verbosity verbosity;
    const char* expected;
  };
  const Row rows[] = {
      {cli::Verbosity::quiet, "gleaner: e\n"},
      {cli::Verbosity::normal, "gleaner: e\ngleaner: w\ngleaner: i\n"},
      {cli::Verbosity::verbose, "gleaner: e\ngleaner: w\ngleaner: i\ngleaner: d\n"},
  };
  for (const Row& row : rows) {
    Captured out;
    cli::RunLog log("books", row.verbosity, cli::LogFormat::text, out.file);
    log.error("e");
    log.warning("w");
    log.info("i");
    log.debug("d");
    CHECK(out.text() == row.expected);
  }
}

TEST_CASE("--log-format json writes one object per line with time, level, job and message") {
  Captured out;
  cli::RunLog log("books", cli::Verbosity::normal, cli::LogFormat::json, out.file);
  log.warning("GET http://x/: HTTP 404 \"quoted\"\nsecond line");
  const std::string text = out.text();
  REQUIRE(text.back() == '\n');
  REQUIRE(text.find('\n') == text.size() - 1);
  const auto line = nlohmann::json::parse(text);
  CHECK(line["level"] == "warning");
  CHECK(line["job"] == "books");
  CHECK(line["message"] == "GET http://x/: HTTP 404 \"quoted\"\nsecond line");
  CHECK(line["time"].get<std::string>().size() == 20);  // 2026-11-30T02:00:00Z
}

TEST_CASE("no progress line is drawn when the output is not a terminal") {
  Captured out;
  cli::RunLog log("books", cli::Verbosity::normal, cli::LogFormat::text, out.file);
  CHECK_FALSE(log.shows_progress());
  log.show_progress("books: 1 pages");
  log.clear_progress();
  log.info("done");
  CHECK(out.text() == "gleaner: done\n");
}
