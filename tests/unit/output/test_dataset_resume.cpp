// A dataset committed with the state that produced it: each batch of pages is
// written, synced and committed to the state store with the file's new size,
// and a later run cuts NAME.part back to that size and continues it, so the
// finished file is byte for byte what one uninterrupted run would write.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loop/event_loop.hpp"
#include "output/dataset_sink.hpp"
#include "state/memory_state_store.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using config::DatasetFormat;
using nlohmann::ordered_json;
using testing::read_file;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

const ordered_json first_book = ordered_json::parse(R"({"url": "http://shop.test/1", "title": "One, \"1\""})");
const ordered_json second_book = ordered_json::parse(R"({"url": "http://shop.test/2", "title": "Two"})");
const ordered_json third_book = ordered_json::parse(R"({"url": "http://shop.test/3", "title": "Three"})");

output::DatasetOptions options_for(const fs::path& path, DatasetFormat format, state::StateStore& store) {
  output::DatasetOptions options;
  options.path = path.string();
  options.format = format;
  options.csv_columns = {{"url", {"url"}}, {"title", {"title"}}};
  options.state = &store;
  return options;
}

// One page: its records and the URL it completes.
loop::Task<void> push_page(output::DatasetSink& sink, std::vector<ordered_json> records, state::Fingerprint url) {
  output::PageOutput page;
  for (const ordered_json& record : records) page.records.push_back(sink.encode(record));
  page.changes.queued.push_back(state::QueuedUrl{url, "http://shop.test/" + std::to_string(url), "shop.test", 1, "", 0});
  page.changes.completed.push_back(state::CompletedUrl{url, state::Completion::fetched, 200, 1, std::nullopt});
  CHECK(co_await sink.push(std::move(page)));
}

// What one uninterrupted run writes.
std::string whole_run(const fs::path& path, DatasetFormat format) {
  state::MemoryStateStore store;
  REQUIRE(store.begin_run(1, path.string()));
  loop::EventLoop loop;
  auto sink = output::DatasetSink::open(loop, options_for(path, format, store));
  REQUIRE(sink);
  loop.run_until_complete(push_page(**sink, {first_book, second_book}, 1));
  loop.run_until_complete(push_page(**sink, {third_book}, 2));
  REQUIRE((*sink)->finish());
  return read_file(path);
}

}  // namespace

TEST_CASE("a run continued from its committed size writes the same bytes as an uninterrupted one") {
  for (const DatasetFormat format : {DatasetFormat::jsonl, DatasetFormat::json, DatasetFormat::csv}) {
    CAPTURE(static_cast<int>(format));
    TempDir dir;
    const std::string expected = whole_run(dir.path / "whole", format);
    const fs::path target = dir.path / "resumed";
    state::MemoryStateStore store;
    REQUIRE(store.begin_run(1, target.string()));

    state::DatasetProgress committed;
    {
      loop::EventLoop loop;
      auto sink = output::DatasetSink::open(loop, options_for(target, format, store));
      REQUIRE(sink);
      loop.run_until_complete(push_page(**sink, {first_book, second_book}, 1));
      REQUIRE((*sink)->finish_unsealed());
      committed = (*sink)->committed();
    }
    CHECK_FALSE(fs::exists(target));
    CHECK(committed.records == 2);
    CHECK(committed.committed_bytes == fs::file_size(target.string() + ".part"));
    auto unfinished = store.unfinished_run();
    REQUIRE(unfinished);
    REQUIRE(unfinished->has_value());
    CHECK((*unfinished)->run.dataset.committed_bytes == committed.committed_bytes);
    CHECK((*unfinished)->run.dataset.records == 2);

    // A record half written when the process died: past the committed size.
    std::ofstream(target.string() + ".part", std::ios::app) << "{\"url\":\"http://shop.te";

    loop::EventLoop loop;
    auto options = options_for(target, format, store);
    options.resume_from = committed;
    auto sink = output::DatasetSink::open(loop, std::move(options));
    REQUIRE(sink);
    loop.run_until_complete(push_page(**sink, {third_book}, 2));
    REQUIRE((*sink)->finish());
    CHECK((*sink)->committed().records == 3);
    CHECK(read_file(target) == expected);
  }
}

TEST_CASE("a NAME.part shorter than the state's committed size is refused, naming both sizes") {
  TempDir dir;
  const fs::path target = dir.path / "books.jsonl";
  std::ofstream(target.string() + ".part") << "{}\n";
  state::MemoryStateStore store;
  REQUIRE(store.begin_run(1, target.string()));
  loop::EventLoop loop;
  auto options = options_for(target, DatasetFormat::jsonl, store);
  options.resume_from = state::DatasetProgress{100, 5};
  auto sink = output::DatasetSink::open(loop, std::move(options));
  REQUIRE_FALSE(sink);
  CHECK(sink.error().message == target.string() + ".part: cannot resume the interrupted run: the state vouches for "
                                                  "100 bytes, the file has 3");
}

TEST_CASE("a sink without a state store commits nothing and still writes every page") {
  TempDir dir;
  const fs::path target = dir.path / "books.jsonl";
  state::MemoryStateStore store;
  loop::EventLoop loop;
  auto options = options_for(target, DatasetFormat::jsonl, store);
  options.state = nullptr;
  auto sink = output::DatasetSink::open(loop, std::move(options));
  REQUIRE(sink);
  loop.run_until_complete(push_page(**sink, {first_book}, 1));
  REQUIRE((*sink)->finish());
  CHECK((*sink)->committed().records == 0);
  CHECK((*sink)->written() == 1);
  auto summary = store.summary(1);
  REQUIRE(summary);
  CHECK(summary->last_runs.empty());
}
