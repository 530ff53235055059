#include <doctest/doctest.h>

#include "cli/output_path.hpp"

using gleaner::cli::expand_output_path;

TEST_CASE("{job} in an output path becomes the job name, wherever and however often it appears") {
  CHECK(expand_output_path("out/{job}.jsonl", "books") == "out/books.jsonl");
  CHECK(expand_output_path("{job}/{job}.jsonl", "a") == "a/a.jsonl");
  CHECK(expand_output_path("plain.jsonl", "books") == "plain.jsonl");
  CHECK(expand_output_path("out/{jobs}.jsonl", "x") == "out/{jobs}.jsonl");
  CHECK(expand_output_path("", "x").empty());
}
