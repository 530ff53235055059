#include <doctest/doctest.h>

#include <chrono>

#include "core/path_template.hpp"

using gleaner::expand_path_template;
using gleaner::PathTemplateValues;
using gleaner::unknown_placeholder;

namespace {

// 2026-03-07T04:05:09Z: every field a single digit, to catch missing zero padding.
const auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1772856309));

std::string expand(std::string_view text) {
  auto path = expand_path_template(text, PathTemplateValues{"books", start});
  REQUIRE_MESSAGE(path, (path ? "" : path.error().message));
  return *path;
}

}  // namespace

TEST_CASE("each placeholder of an output path expands to its value, in UTC") {
  CHECK(expand("out/{job}.jsonl") == "out/books.jsonl");
  CHECK(expand("out/{date}.csv") == "out/2026-03-07.csv");
  CHECK(expand("out/{time}.csv") == "out/040509.csv");
  CHECK(expand("out/{timestamp}.json") == "out/20260307T040509Z.json");
  CHECK(expand("{job}/{job}-{date}-{time}.jsonl") == "books/books-2026-03-07-040509.jsonl");
}

TEST_CASE("braces that open no placeholder are plain text") {
  CHECK(expand("plain.jsonl") == "plain.jsonl");
  CHECK(expand("out/{}.jsonl") == "out/{}.jsonl");
  CHECK(expand("out/{a b}/{job") == "out/{a b}/{job");
  CHECK(expand("{{job}}") == "{books}");
  CHECK(expand("").empty());
}

TEST_CASE("an unknown placeholder is an error that lists the known ones") {
  auto path = expand_path_template("out/{jobs}-{date}.jsonl", PathTemplateValues{"books", start});
  REQUIRE_FALSE(path);
  CHECK(path.error().message == "unknown placeholder {jobs}; known: {job}, {date}, {time}, {timestamp}");
  CHECK(unknown_placeholder("out/{job}/{Date}.jsonl") == "{Date}");
  CHECK(unknown_placeholder("out/{job}-{timestamp}.jsonl") == std::nullopt);
  CHECK(unknown_placeholder("out/{}.jsonl") == std::nullopt);
}

TEST_CASE("a download directory template replaces only {job}") {
  CHECK(expand_path_template("out/{job}-files", "books") == "out/books-files");
  CHECK(expand_path_template("{job}/{job}", "a") == "a/a");
  CHECK(expand_path_template("out/{jobs}", "x") == "out/{jobs}");
}
