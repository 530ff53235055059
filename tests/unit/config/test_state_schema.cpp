// The job's keys for state kept between runs: "state", "emit",
// "recrawl_after" and "max_runtime", their defaults and their messages.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "config/job_loader.hpp"

using gleaner::config::Emit;
using gleaner::config::parse_job;
using namespace std::chrono;

namespace {

constexpr const char* source = "config/shop.json";

std::string job_with(std::string_view members) {
  return R"({"name": "shop", "start_urls": ["http://shop.test/"], )" + std::string(members) + "}";
}

gleaner::config::Job job_of(std::string_view members) {
  auto job = parse_job(job_with(members), source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  return std::move(job).value();
}

std::string error_of(std::string_view members) {
  auto job = parse_job(job_with(members), source);
  REQUIRE_FALSE(job);
  return job.error().message;
}

const std::string recrawl_after_expected =
    R"(expected a duration ("90s", "45m", "2h", "7d", "2w") or a number of seconds >= 0)";
const std::string max_runtime_expected =
    R"(expected a duration above zero ("90s", "45m", "2h", "7d", "2w") or a number of seconds > 0)";

}  // namespace

TEST_CASE("without the state keys a job keeps state in memory, emits all, revalidates all, runs unlimited") {
  auto job = parse_job(R"({"name": "shop", "start_urls": ["http://shop.test/"]})", source);
  REQUIRE(job);
  CHECK(job->state_path.empty());
  CHECK(job->emit == Emit::all);
  CHECK(job->recrawl_after == seconds(0));
  CHECK_FALSE(job->max_runtime);
}

TEST_CASE("the state path is kept as written, {job} for the run to expand") {
  CHECK(job_of(R"("state": "state/shop.db")").state_path == "state/shop.db");
  CHECK(job_of(R"("state": "state/{job}.sqlite")").state_path == "state/{job}.sqlite");
  CHECK(job_of(R"("state": "/var/lib/gleaner/{job}/{job}.db")").state_path == "/var/lib/gleaner/{job}/{job}.db");
  SUBCASE("braces that open no placeholder are plain text") {
    CHECK(job_of(R"("state": "state/{ }.db")").state_path == "state/{ }.db");
  }
}

TEST_CASE("a state path that is empty, not a string, or changes from run to run is refused") {
  const std::string per_run =
      " would make a new state file each run; the state must be the same file on every run, so that a run can "
      "resume and find what changed since the last one (only {job} is expanded here)";
  struct Row {
    std::string value;
    std::string message;
  };
  const std::vector<Row> rows{
      {R"("")", R"(/state: expected a non-empty file path, found "")"},
      {"true", "/state: expected a non-empty file path, found true"},
      {R"(["state.db"])", R"(/state: expected a non-empty file path, found ["state.db"])"},
      {R"("state/{job}-{date}.db")", "/state: {date}" + per_run},
      {R"("state/{time}.db")", "/state: {time}" + per_run},
      {R"("state/{timestamp}.db")", "/state: {timestamp}" + per_run},
      {R"("state/{jobs}.db")", "/state: unknown placeholder {jobs}; only {job} is expanded in the state path"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.value);
    CHECK(error_of(R"("state": )" + row.value) == "config/shop.json: " + row.message);
  }
}

TEST_CASE("emit is \"all\" or \"changed\"") {
  CHECK(job_of(R"("state": "s.db", "emit": "all")").emit == Emit::all);
  CHECK(job_of(R"("state": "s.db", "emit": "changed")").emit == Emit::changed);
  for (const std::string value : {R"("some")", R"("Changed")", R"("")", "true", "null"}) {
    CAPTURE(value);
    CHECK(error_of(R"("emit": )" + value) ==
          R"(config/shop.json: /emit: expected "all" or "changed", found )" + value);
  }
}

TEST_CASE("recrawl_after is a duration or a whole number of seconds, zero included") {
  struct Row {
    std::string value;
    seconds expected;
  };
  const std::vector<Row> rows{{R"("90s")", seconds(90)}, {R"("45m")", minutes(45)}, {R"("2h")", hours(2)},
                              {R"("7d")", days(7)},      {R"("2w")", weeks(2)},     {R"("0s")", seconds(0)},
                              {"0", seconds(0)},         {"3600", hours(1)},        {"604799395200", weeks(999999)}};
  for (const Row& row : rows) {
    CAPTURE(row.value);
    CHECK(job_of(R"("state": "s.db", "recrawl_after": )" + row.value).recrawl_after == row.expected);
  }
}

TEST_CASE("a recrawl_after that is not a duration is reported with examples of one") {
  for (const std::string value : {R"("3 days")", R"("1.5h")", R"("7")", R"("")", R"("7y")", "-1", "1.5",
                                  "604799395201", "18446744073709551615", "true", "null"}) {
    CAPTURE(value);
    CHECK(error_of(R"("recrawl_after": )" + value) ==
          "config/shop.json: /recrawl_after: " + recrawl_after_expected + ", found " + value);
  }
}

TEST_CASE("max_runtime is a duration or a whole number of seconds above zero") {
  CHECK(job_of(R"("max_runtime": "45m")").max_runtime == minutes(45));
  CHECK(job_of(R"("max_runtime": "2h")").max_runtime == hours(2));
  CHECK(job_of(R"("max_runtime": 1)").max_runtime == seconds(1));
  CHECK(job_of(R"("max_runtime": 5400)").max_runtime == minutes(90));
  for (const std::string value : {"0", R"("0s")", R"("0w")", "-60", "90.5", R"("forever")", R"("1 h")", "null"}) {
    CAPTURE(value);
    CHECK(error_of(R"("max_runtime": )" + value) ==
          "config/shop.json: /max_runtime: " + max_runtime_expected + ", found " + value);
  }
}

TEST_CASE("a misspelt state key is suggested by its closest name") {
  CHECK(error_of(R"("recrawl_afer": "7d")") ==
        R"(config/shop.json: /recrawl_afer: unknown key (did you mean "recrawl_after"?))");
}
