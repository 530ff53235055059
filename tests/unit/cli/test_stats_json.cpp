#include <doctest/doctest.h>

#include "cli/stats_json.hpp"
#include "sample_stats.hpp"

using namespace gleaner;

TEST_CASE("--stats JSON holds the figures of the summary, by name") {
  const engine::Stats stats = testing::sample_stats();
  const auto json = cli::stats_json({"books", "out/books.jsonl", stats, 0.5, 0, 1764468000});
  CHECK(json["job"] == "books");
  CHECK(json["dataset"] == "out/books.jsonl");
  CHECK(json["finished_at"] == "2025-11-30T02:00:00Z");
  CHECK(json["exit_code"] == 0);
  CHECK(json["pages_per_second"] == 6.0);
  CHECK(json["pages"]["by_status"] == nlohmann::json::parse(R"({"200": 9, "404": 1, "503": 2})"));
  CHECK(json["pages"]["retries"] == 2);
  CHECK(json["errors"]["total"] == 2);
  CHECK(json["errors"]["max_rate"] == 0.5);
  CHECK(json["items"]["by_type"] == nlohmann::json::parse(R"({"book": 5, "card": 2})"));
  CHECK(json["items"]["dropped"] == nlohmann::json::parse(R"({"book: missing required field \"price\"": 3})"));
  CHECK(json["links"]["skipped"] == nlohmann::json::object());
}

TEST_CASE("--stats JSON says how many connections were opened and which HTTP versions answered") {
  engine::Stats stats = testing::sample_stats();
  stats.http.connections_opened = 3;
  stats.http.responses_by_version = {{"1.1", 4}, {"2", 9}};
  const auto json = cli::stats_json({"books", "out/books.jsonl", stats, 0.5, 0, 1764468000});
  CHECK(json["http"]["connections_opened"] == 3);
  CHECK(json["http"]["responses_by_version"] == nlohmann::json::parse(R"({"1.1": 4, "2": 9})"));

  SUBCASE("a run that fetched nothing writes an empty object, not null") {
    const auto empty = cli::stats_json({"books", "out/books.jsonl", engine::Stats{}, 0.5, 0, 1764468000});
    CHECK(empty["http"]["connections_opened"] == 0);
    CHECK(empty["http"]["responses_by_version"] == nlohmann::json::object());
  }
}
