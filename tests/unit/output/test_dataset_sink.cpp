#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "loop/event_loop.hpp"
#include "output/dataset_sink.hpp"
#include "output/jsonl_writer.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using testing::read_file;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

loop::Task<void> push_all(output::DatasetSink& sink, int count) {
  for (int i = 0; i < count; ++i) {
    const bool queued = co_await sink.push("{\"n\":" + std::to_string(i) + "}");
    CHECK(queued);
  }
}

}  // namespace

TEST_CASE("the dataset is written as NAME.part and appears under its name only when finished") {
  TempDir dir;
  const fs::path target = dir.path / "out" / "books.jsonl";
  auto writer = output::JsonLinesWriter::open(target.string());
  REQUIRE(writer);
  REQUIRE(writer->write("{\"a\":1}"));
  REQUIRE(writer->write("{\"a\":2}"));
  CHECK(fs::exists(target.string() + ".part"));
  CHECK_FALSE(fs::exists(target));
  REQUIRE(writer->finish());
  CHECK(fs::exists(target));
  CHECK_FALSE(fs::exists(target.string() + ".part"));
  CHECK(read_file(target) == "{\"a\":1}\n{\"a\":2}\n");
}

TEST_CASE("an unwritable output path is an error naming the path") {
  auto writer = output::JsonLinesWriter::open("/proc/gleaner-cannot-write/x.jsonl");
  REQUIRE_FALSE(writer);
  CHECK(writer.error().message.find("/proc/gleaner-cannot-write/x.jsonl") == 0);
}

TEST_CASE("every record pushed through the sink reaches the file in order") {
  TempDir dir;
  loop::EventLoop loop;
  const fs::path target = dir.path / "records.jsonl";
  auto sink = output::DatasetSink::open(loop, target.string(), 4);
  REQUIRE(sink);
  loop.run_until_complete(push_all(**sink, 1000));
  REQUIRE((*sink)->finish());
  CHECK((*sink)->written() == 1000);
  std::ifstream in(target);
  std::string line;
  int expected = 0;
  while (std::getline(in, line)) {
    CHECK(line == "{\"n\":" + std::to_string(expected) + "}");
    ++expected;
  }
  CHECK(expected == 1000);
}

TEST_CASE("a sink dropped without finish keeps its records in NAME.part") {
  TempDir dir;
  loop::EventLoop loop;
  const fs::path target = dir.path / "partial.jsonl";
  {
    auto sink = output::DatasetSink::open(loop, target.string(), 4);
    REQUIRE(sink);
    loop.run_until_complete(push_all(**sink, 10));
  }
  CHECK_FALSE(fs::exists(target));
  std::ifstream in(target.string() + ".part");
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  CHECK(lines == 10);
}
