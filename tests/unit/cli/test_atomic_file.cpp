#include <doctest/doctest.h>

#include <filesystem>

#include "cli/atomic_file.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;

TEST_CASE("a report file is replaced whole and leaves no temporary behind") {
  testing::TempDir dir;
  const std::string path = (dir.path / "gleaner.prom").string();
  REQUIRE(cli::write_file_atomically(path, "first\n"));
  REQUIRE(cli::write_file_atomically(path, "second\n"));
  CHECK(testing::read_file(path) == "second\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path)) ++files;
  CHECK(files == 1);
}

TEST_CASE("a report in a missing directory fails naming the file") {
  testing::TempDir dir;
  const std::string path = (dir.path / "missing" / "stats.json").string();
  auto written = cli::write_file_atomically(path, "{}");
  REQUIRE_FALSE(written);
  CHECK(written.error().message.find(path + ".tmp-") == 0);
  CHECK(written.error().message.find(": cannot create: No such file or directory") != std::string::npos);
}
