#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/download_store.hpp"
#include "support/temp_dir.hpp"

using gleaner::output::Download;
using gleaner::output::DownloadStore;
using gleaner::output::media_type_of;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), {}};
}

Download download(std::string final_url, std::string content_type, std::string body) {
  Download result;
  result.url = final_url;
  result.final_url = std::move(final_url);
  result.content_type = std::move(content_type);
  result.fetched_at = "2026-11-22T09:30:00Z";
  result.body = std::move(body);
  return result;
}

}  // namespace

TEST_CASE("the media type is the Content-Type without parameters, in lower case") {
  CHECK(media_type_of("application/PDF") == "application/pdf");
  CHECK(media_type_of(" image/png ; name=x") == "image/png");
  CHECK(media_type_of("") == "");
}

TEST_CASE("a download store wants exact media types, type/* and */*") {
  const DownloadStore store("unused", {"application/pdf", "image/*"});
  CHECK(store.wants("application/pdf"));
  CHECK(store.wants("Application/PDF; charset=binary"));
  CHECK(store.wants("image/png"));
  CHECK(store.wants("image/svg+xml"));
  CHECK_FALSE(store.wants("application/pdfx"));
  CHECK_FALSE(store.wants("imagex/png"));
  CHECK_FALSE(store.wants("text/html"));
  CHECK_FALSE(store.wants(""));
  CHECK(DownloadStore("unused", {"*/*"}).wants("application/octet-stream"));
  CHECK_FALSE(DownloadStore("unused", {}).wants("application/pdf"));
}

TEST_CASE("saved files are named by stem and extension and listed in the manifest") {
  gleaner::testing::TempDir dir;
  const auto files = dir.path / "nested" / "files";
  DownloadStore store(files.string(), {"*/*"});
  struct Row {
    std::string url;
    std::string content_type;
    std::string file;
  };
  const std::vector<Row> rows = {
      {"http://a.test/docs/Report.PDF?v=2#p1", "application/pdf", "s1.pdf"},  // the URL's extension, lower-cased
      {"http://a.test/logo", "image/png", "s2.png"},                           // none in the URL: the media type's
      {"http://a.test/archive.tar.gz", "application/gzip", "s3.gz"},
      {"http://a.test/v1.2/", "application/octet-stream", "s4.bin"},           // a dot in a directory is no extension
      {"http://a.test/file.a-b", "application/x-thing", "s5.bin"},             // not a plain extension
      {"http://a.test/.hidden", "text/csv", "s6.csv"},
  };
  int index = 0;
  for (const Row& row : rows) {
    CAPTURE(row.url);
    const std::string stem = "s" + std::to_string(++index);
    auto saved = store.save(download(row.url, row.content_type, "bytes of " + stem), stem);
    REQUIRE_MESSAGE(saved, (saved ? "" : saved.error().message));
    CHECK(*saved == (files / row.file).string());
    CHECK(read_file(files / row.file) == "bytes of " + stem);
    CHECK_FALSE(std::filesystem::exists(files / (row.file + ".part")));
  }
  std::ifstream manifest(files / "manifest.jsonl");
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(manifest, line);) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == rows.size());
  CHECK(lines[1] == nlohmann::json{{"url", "http://a.test/logo"}, {"final_url", "http://a.test/logo"},
                                   {"file", "s2.png"}, {"content_type", "image/png"}, {"bytes", 11},
                                   {"fetched_at", "2026-11-22T09:30:00Z"}});
}

TEST_CASE("a directory that cannot be made is an error naming it") {
  gleaner::testing::TempDir dir;
  std::ofstream(dir.path / "a-file") << "x";
  DownloadStore store((dir.path / "a-file" / "files").string(), {"*/*"});
  auto saved = store.save(download("http://a.test/x.pdf", "application/pdf", "x"), "stem");
  REQUIRE_FALSE(saved);
  CHECK(saved.error().message.find((dir.path / "a-file" / "files").string() + ": cannot create the download directory") == 0);
}
