// The job's "output" object (src/config/output_schema.cpp), read through
// parse_job as a user's job file would be.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/job_loader.hpp"

using gleaner::config::DatasetFormat;
using gleaner::config::parse_job;
using gleaner::config::WriteMode;

namespace {

constexpr const char* source = "config/books.json";

std::string job_with_output(std::string_view output) {
  return R"({"name": "books", "start_urls": ["http://books.test/"], "output": )" + std::string(output) + "}";
}

}  // namespace

TEST_CASE("without format or mode, a job writes a new dataset in the format of its extension") {
  auto job = parse_job(job_with_output(R"({"path": "out/{job}-{date}.csv"})"), source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  CHECK(job->output.path == "out/{job}-{date}.csv");
  CHECK(job->output.format == std::nullopt);
  CHECK(job->output.mode == WriteMode::overwrite);
}

TEST_CASE("every \"output\" key is read") {
  auto job = parse_job(job_with_output(R"({"path": "-", "format": "csv", "mode": "append"})"), source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  CHECK(job->output.path == "-");
  CHECK(job->output.format == DatasetFormat::csv);
  CHECK(job->output.mode == WriteMode::append);
  for (const auto& [name, format] : {std::pair{"jsonl", DatasetFormat::jsonl}, std::pair{"json", DatasetFormat::json}}) {
    auto other = parse_job(job_with_output(R"({"format": ")" + std::string(name) + "\"}"), source);
    REQUIRE(other);
    CHECK(other->output.format == format);
  }
}

TEST_CASE("a wrong \"output\" is reported with its JSON pointer and what was expected") {
  struct Row {
    const char* output;
    const char* message;
  };
  const std::vector<Row> rows{
      {R"({"path": "out/{jobname}.jsonl"})",
       "config/books.json: /output/path: unknown placeholder {jobname}; known: {job}, {date}, {time}, {timestamp}"},
      {R"({"path": ""})", R"(config/books.json: /output/path: expected a non-empty file path, found "")"},
      {R"({"format": "xml"})", R"(config/books.json: /output/format: expected "jsonl", "json" or "csv", found "xml")"},
      {R"({"format": "CSV"})", R"(config/books.json: /output/format: expected "jsonl", "json" or "csv", found "CSV")"},
      {R"({"mode": "replace"})",
       R"(config/books.json: /output/mode: expected "overwrite" or "append", found "replace")"},
      {R"({"mode": true})", R"(config/books.json: /output/mode: expected "overwrite" or "append", found true)"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.output);
    auto job = parse_job(job_with_output(row.output), source);
    REQUIRE_FALSE(job);
    CHECK(job.error().message == row.message);
  }
}
