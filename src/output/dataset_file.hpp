// DatasetFile: a dataset's bytes on their way to disk. A file is written as
// NAME.part and renamed to NAME once complete, so a consumer never reads half
// a dataset; "-" is standard output, flushed at every write.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner::output {

class DatasetFile {
 public:
  // An empty NAME.part (an old one is truncated). Creates missing parent directories.
  static Result<DatasetFile> create(std::string path);
  // NAME.part starting as a copy of NAME's first `keep_bytes` bytes (append mode).
  static Result<DatasetFile> continue_from(std::string path, std::uintmax_t keep_bytes);
  static DatasetFile standard_output();

  DatasetFile(DatasetFile&& other) noexcept;
  DatasetFile& operator=(DatasetFile&&) = delete;
  DatasetFile(const DatasetFile&) = delete;
  ~DatasetFile();  // an unfinished file stays NAME.part; NAME is not touched

  Result<void> write(std::string_view bytes);
  // Flushes, fsyncs and renames NAME.part to NAME (replacing it); standard output is flushed.
  Result<void> finish();

  const std::string& path() const { return path_; }  // NAME, or "-"
  bool is_standard_output() const { return part_path_.empty(); }

 private:
  DatasetFile(std::string path, std::string part_path, std::FILE* file);
  // The name messages use for where bytes are going.
  const std::string& target() const;

  std::string path_;
  std::string part_path_;  // empty: standard output
  std::FILE* file_ = nullptr;
};

}  // namespace gleaner::output
