// JsonLinesWriter: writes one JSON document per line to NAME.part and renames
// it to NAME when finished, so a consumer never reads half a dataset.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner::output {

class JsonLinesWriter {
 public:
  // Creates missing parent directories; truncates an old NAME.part.
  static Result<JsonLinesWriter> open(std::string path);

  JsonLinesWriter(JsonLinesWriter&& other) noexcept;
  JsonLinesWriter& operator=(JsonLinesWriter&&) = delete;
  JsonLinesWriter(const JsonLinesWriter&) = delete;
  ~JsonLinesWriter();  // an unfinished file stays NAME.part

  // `line` is one serialised record without its newline.
  Result<void> write(std::string_view line);
  // Flushes, fsyncs and renames NAME.part to NAME.
  Result<void> finish();

  const std::string& path() const { return path_; }
  std::size_t records() const { return records_; }

 private:
  JsonLinesWriter(std::string path, std::string part_path, std::FILE* file);

  std::string path_;
  std::string part_path_;
  std::FILE* file_ = nullptr;
  std::size_t records_ = 0;
};

}  // namespace gleaner::output
