#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loop/event_loop.hpp"
#include "output/dataset_format.hpp"
#include "output/dataset_sink.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using config::DatasetFormat;
using config::WriteMode;
using nlohmann::ordered_json;
using testing::read_file;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

loop::Task<void> push_all(output::DatasetSink& sink, std::vector<ordered_json> records) {
  for (const ordered_json& record : records) {
    output::PageOutput page;
    page.records.push_back(sink.encode(record));
    const bool queued = co_await sink.push(std::move(page));
    CHECK(queued);
  }
}

output::DatasetOptions options_for(const fs::path& path, DatasetFormat format, WriteMode mode = WriteMode::overwrite) {
  output::DatasetOptions options;
  options.path = path.string();
  options.format = format;
  options.mode = mode;
  options.csv_columns = {{"url", {"url"}}, {"title", {"title"}}, {"author.name", {"author", "name"}}};
  options.queue_capacity = 4;
  return options;
}

// A whole run: open, push every record, finish.
Result<void> write_dataset(output::DatasetOptions options, std::vector<ordered_json> records) {
  loop::EventLoop loop;
  auto sink = output::DatasetSink::open(loop, std::move(options));
  if (!sink) return sink.error();
  loop.run_until_complete(push_all(**sink, std::move(records)));
  return (*sink)->finish();
}

std::string written(const fs::path& path, DatasetFormat format, std::vector<ordered_json> records,
                    WriteMode mode = WriteMode::overwrite) {
  auto result = write_dataset(options_for(path, format, mode), std::move(records));
  REQUIRE_MESSAGE(result, (result ? "" : result.error().message));
  CHECK_FALSE(fs::exists(path.string() + ".part"));
  return read_file(path);
}

const std::vector<ordered_json> two_books{
    ordered_json::parse(R"({"url": "http://shop.test/1", "title": "A, \"B\"", "author": {"name": "Ann"}})"),
    ordered_json::parse(R"({"url": "http://shop.test/2", "title": "caf\u00e9\nnoir", "author": null})"),
};

constexpr const char* two_books_jsonl =
    "{\"url\":\"http://shop.test/1\",\"title\":\"A, \\\"B\\\"\",\"author\":{\"name\":\"Ann\"}}\n"
    "{\"url\":\"http://shop.test/2\",\"title\":\"caf\xC3\xA9\\nnoir\",\"author\":null}\n";
constexpr const char* two_books_json =
    "[\n"
    "{\"url\":\"http://shop.test/1\",\"title\":\"A, \\\"B\\\"\",\"author\":{\"name\":\"Ann\"}},\n"
    "{\"url\":\"http://shop.test/2\",\"title\":\"caf\xC3\xA9\\nnoir\",\"author\":null}\n"
    "]\n";
constexpr const char* csv_header = "url,title,author.name\r\n";
constexpr const char* two_books_csv_rows =
    "http://shop.test/1,\"A, \"\"B\"\"\",Ann\r\n"
    "http://shop.test/2,\"caf\xC3\xA9\nnoir\",\r\n";

}  // namespace

TEST_CASE("JSON Lines: one compact record per line") {
  TempDir dir;
  CHECK(written(dir.path / "books.jsonl", DatasetFormat::jsonl, two_books) == two_books_jsonl);
  CHECK(written(dir.path / "empty.jsonl", DatasetFormat::jsonl, {}) == "");
}

TEST_CASE("JSON: one array, records separated by a comma and a newline") {
  TempDir dir;
  CHECK(written(dir.path / "books.json", DatasetFormat::json, two_books) == two_books_json);
  CHECK(written(dir.path / "one.json", DatasetFormat::json, {two_books[0]}) ==
        "[\n{\"url\":\"http://shop.test/1\",\"title\":\"A, \\\"B\\\"\",\"author\":{\"name\":\"Ann\"}}\n]\n");
  CHECK(written(dir.path / "empty.json", DatasetFormat::json, {}) == "[]\n");
  CHECK(ordered_json::parse(read_file(dir.path / "books.json")).size() == 2);
}

TEST_CASE("CSV: a header row, then one row per record, CRLF line ends") {
  TempDir dir;
  CHECK(written(dir.path / "books.csv", DatasetFormat::csv, two_books) == std::string(csv_header) + two_books_csv_rows);
  CHECK(written(dir.path / "empty.csv", DatasetFormat::csv, {}) == csv_header);
}

TEST_CASE("the format follows the path's extension unless the job names one") {
  using output::dataset_format_for;
  CHECK(dataset_format_for("out/a.jsonl", std::nullopt) == DatasetFormat::jsonl);
  CHECK(dataset_format_for("out/a.ndjson", std::nullopt) == DatasetFormat::jsonl);
  CHECK(dataset_format_for("out/a.json", std::nullopt) == DatasetFormat::json);
  CHECK(dataset_format_for("out/a.CSV", std::nullopt) == DatasetFormat::csv);
  CHECK(dataset_format_for("out/a.txt", std::nullopt) == DatasetFormat::jsonl);
  CHECK(dataset_format_for("out/json", std::nullopt) == DatasetFormat::jsonl);
  CHECK(dataset_format_for("-", std::nullopt) == DatasetFormat::jsonl);
  CHECK(dataset_format_for("out/a.json", DatasetFormat::csv) == DatasetFormat::csv);
}

TEST_CASE("the dataset is written as NAME.part and replaces NAME only when finished") {
  TempDir dir;
  const fs::path target = dir.path / "out" / "books.jsonl";
  fs::create_directories(target.parent_path());
  std::ofstream(target) << "old run\n";
  loop::EventLoop loop;
  auto sink = output::DatasetSink::open(loop, options_for(target, DatasetFormat::jsonl));
  REQUIRE(sink);
  loop.run_until_complete(push_all(**sink, two_books));
  CHECK(fs::exists(target.string() + ".part"));
  CHECK(read_file(target) == "old run\n");
  REQUIRE((*sink)->finish());
  CHECK((*sink)->written() == 2);
  CHECK_FALSE(fs::exists(target.string() + ".part"));
  CHECK(read_file(target) == two_books_jsonl);
}

TEST_CASE("a sink dropped without finish (a crash mid-run) leaves NAME.part and never creates NAME") {
  for (const DatasetFormat format : {DatasetFormat::jsonl, DatasetFormat::json, DatasetFormat::csv}) {
    CAPTURE(static_cast<int>(format));
    TempDir dir;
    loop::EventLoop loop;
    const fs::path target = dir.path / "partial";
    {
      auto sink = output::DatasetSink::open(loop, options_for(target, format));
      REQUIRE(sink);
      loop.run_until_complete(push_all(**sink, two_books));
    }
    CHECK_FALSE(fs::exists(target));
    const std::string part = read_file(target.string() + ".part");
    // Every record pushed is in NAME.part; the closing "]" of a JSON array is not.
    CHECK(part == (format == DatasetFormat::jsonl  ? std::string(two_books_jsonl)
                   : format == DatasetFormat::csv ? std::string(csv_header) + two_books_csv_rows
                                                  : std::string(two_books_json, std::strlen(two_books_json) - 3)));
  }
}

TEST_CASE("a crash while appending leaves the existing NAME as it was") {
  TempDir dir;
  const fs::path target = dir.path / "books.jsonl";
  std::ofstream(target) << "{\"n\":0}\n";
  loop::EventLoop loop;
  {
    auto sink = output::DatasetSink::open(loop, options_for(target, DatasetFormat::jsonl, WriteMode::append));
    REQUIRE(sink);
    loop.run_until_complete(push_all(**sink, two_books));
  }
  CHECK(read_file(target) == "{\"n\":0}\n");
  CHECK(read_file(target.string() + ".part") == std::string("{\"n\":0}\n") + two_books_jsonl);
}

TEST_CASE("append mode adds this run's records to the existing dataset, in each format") {
  TempDir dir;
  SUBCASE("jsonl, also when the last line lacks its newline") {
    const fs::path target = dir.path / "books.jsonl";
    std::ofstream(target) << "{\"n\":0}";
    CHECK(written(target, DatasetFormat::jsonl, two_books, WriteMode::append) ==
          std::string("{\"n\":0}\n") + two_books_jsonl);
  }
  SUBCASE("json: the array's closing bracket goes and records continue after a comma") {
    const fs::path target = dir.path / "books.json";
    std::ofstream(target) << "[\n{\"n\":0}\n]\n";
    CHECK(written(target, DatasetFormat::json, two_books, WriteMode::append) ==
          std::string("[\n{\"n\":0},\n") + (two_books_json + 2));
    const std::string before = read_file(target);
    CHECK(written(target, DatasetFormat::json, {}, WriteMode::append) == before);
  }
  SUBCASE("json: an empty array, or one another tool wrote compactly") {
    const fs::path empty = dir.path / "empty.json";
    std::ofstream(empty) << "[]\n";
    CHECK(written(empty, DatasetFormat::json, two_books, WriteMode::append) == two_books_json);
    std::ofstream(empty) << " [ ] ";
    CHECK(written(empty, DatasetFormat::json, {}, WriteMode::append) == " []\n");
    const fs::path compact = dir.path / "compact.json";
    std::ofstream(compact) << "[1,[2]]";
    CHECK(written(compact, DatasetFormat::json, {ordered_json(3)}, WriteMode::append) == "[1,[2],\n3\n]\n");
    CHECK(ordered_json::parse(read_file(compact)) == ordered_json::parse("[1,[2],3]"));
  }
  SUBCASE("csv: no second header") {
    const fs::path target = dir.path / "books.csv";
    std::ofstream(target) << csv_header << "u0,t0,a0\r\n";
    CHECK(written(target, DatasetFormat::csv, two_books, WriteMode::append) ==
          std::string(csv_header) + "u0,t0,a0\r\n" + two_books_csv_rows);
  }
  SUBCASE("csv written with LF line ends by another tool") {
    const fs::path target = dir.path / "books.csv";
    std::ofstream(target) << "url,title,author.name\nu0,t0,a0";
    CHECK(written(target, DatasetFormat::csv, two_books, WriteMode::append) ==
          std::string("url,title,author.name\nu0,t0,a0\r\n") + two_books_csv_rows);
  }
  SUBCASE("a missing or empty NAME starts a new file") {
    CHECK(written(dir.path / "new.csv", DatasetFormat::csv, two_books, WriteMode::append) ==
          std::string(csv_header) + two_books_csv_rows);
    std::ofstream(dir.path / "empty.json").flush();
    CHECK(written(dir.path / "empty.json", DatasetFormat::json, {}, WriteMode::append) == "[]\n");
  }
}

TEST_CASE("appending to a dataset in another shape fails at the start, naming the file") {
  TempDir dir;
  SUBCASE("a CSV file with another header") {
    const fs::path target = dir.path / "books.csv";
    std::ofstream(target) << "url,name\r\nu0,n0\r\n";
    auto result = write_dataset(options_for(target, DatasetFormat::csv, WriteMode::append), two_books);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == target.string() +
                                        ": cannot append: its CSV header is \"url,name\" but this job writes "
                                        "\"url,title,author.name\"");
    CHECK(read_file(target) == "url,name\r\nu0,n0\r\n");
    CHECK_FALSE(fs::exists(target.string() + ".part"));
  }
  SUBCASE("a CSV header that only starts like this job's") {
    const fs::path target = dir.path / "books.csv";
    std::ofstream(target) << "url,title,author.name,price\r\n";
    auto result = write_dataset(options_for(target, DatasetFormat::csv, WriteMode::append), two_books);
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("its CSV header is \"url,title,author.name,price\"") != std::string::npos);
  }
  SUBCASE("a JSON file that is not an array") {
    const fs::path target = dir.path / "books.json";
    std::ofstream(target) << "{\"a\": [1]}\n";
    auto result = write_dataset(options_for(target, DatasetFormat::json, WriteMode::append), two_books);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == target.string() + ": cannot append: it is not a JSON array (no \"[\" at the start)");
    std::ofstream(target) << "[1, 2";
    result = write_dataset(options_for(target, DatasetFormat::json, WriteMode::append), two_books);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == target.string() + ": cannot append: it is not a JSON array (no \"]\" at the end)");
  }
}

TEST_CASE("an unwritable dataset path is an error naming the path") {
  auto result = write_dataset(options_for("/proc/gleaner-cannot-write/x.jsonl", DatasetFormat::jsonl), {});
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("/proc/gleaner-cannot-write/x.jsonl: cannot create directory /proc/gleaner-cannot-write: ") == 0);

  TempDir dir;
  fs::create_directories(dir.path / "locked");
  fs::permissions(dir.path / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  if (access((dir.path / "locked").c_str(), W_OK) == 0) return;  // root writes anywhere
  result = write_dataset(options_for(dir.path / "locked" / "x.csv", DatasetFormat::csv), {});
  REQUIRE_FALSE(result);
  CHECK(result.error().message == (dir.path / "locked" / "x.csv.part").string() + ": cannot open for writing: Permission denied");
}

TEST_CASE("every record pushed through the sink reaches the file in order, written in batches") {
  TempDir dir;
  const fs::path target = dir.path / "records.jsonl";
  std::vector<ordered_json> records;
  for (int i = 0; i < 1000; ++i) records.push_back(ordered_json{{"n", i}});
  auto options = options_for(target, DatasetFormat::jsonl);
  std::size_t largest_batch = 0;
  options.before_write = [&](const output::WriteProgress& progress) {
    largest_batch = std::max(largest_batch, progress.batch);
    CHECK(progress.queue_high_water <= 4);
  };
  REQUIRE(write_dataset(std::move(options), records));
  const auto lines = testing::read_lines(target);
  REQUIRE(lines.size() == 1000);
  for (int i = 0; i < 1000; ++i) CHECK(lines[static_cast<std::size_t>(i)] == "{\"n\":" + std::to_string(i) + "}");
  CHECK(largest_batch <= 4);
}
