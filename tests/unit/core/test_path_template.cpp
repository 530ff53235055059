#include <doctest/doctest.h>

#include "core/path_template.hpp"

using gleaner::expand_path_template;

TEST_CASE("{job} in an output path becomes the job name, wherever and however often it appears") {
  CHECK(expand_path_template("out/{job}.jsonl", "books") == "out/books.jsonl");
  CHECK(expand_path_template("{job}/{job}.jsonl", "a") == "a/a.jsonl");
  CHECK(expand_path_template("plain.jsonl", "books") == "plain.jsonl");
  CHECK(expand_path_template("out/{jobs}.jsonl", "x") == "out/{jobs}.jsonl");
  CHECK(expand_path_template("", "x").empty());
}
