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
  // An interrupted run's NAME.part, cut back to its first `committed_bytes`
  // (what the run's state vouches for) and continued. Fails if it is missing
  // or shorter: then it is not the file the state describes.
  static Result<DatasetFile> resume(std::string path, std::uintmax_t committed_bytes);
  static DatasetFile standard_output();

  DatasetFile(DatasetFile&& other) noexcept;
  DatasetFile& operator=(DatasetFile&&) = delete;
  DatasetFile(const DatasetFile&) = delete;
  ~DatasetFile();  // an unfinished file stays NAME.part; NAME is not touched

  Result<void> write(std::string_view bytes);
  // Flushes and fsyncs: every byte written so far survives a crash. Standard output is flushed.
  Result<void> sync();
  // Flushes, fsyncs and renames NAME.part to NAME (replacing it); standard output is flushed.
  Result<void> finish();
  // Flushes, fsyncs and closes, leaving NAME.part for a later run to resume().
  Result<void> close_unfinished();

  const std::string& path() const { return path_; }  // NAME, or "-"
  const std::string& part_path() const { return part_path_; }
  // Bytes in the file: what it started with (append, resume) plus those written.
  std::uintmax_t size() const { return size_; }
  bool is_standard_output() const { return part_path_.empty(); }

 private:
  DatasetFile(std::string path, std::string part_path, std::FILE* file, std::uintmax_t size = 0);
  // Flush and fsync, then close; the file is finished either way.
  Result<void> sync_and_close();
  // The name messages use for where bytes are going.
  const std::string& target() const;

  std::string path_;
  std::string part_path_;  // empty: standard output
  std::FILE* file_ = nullptr;
  std::uintmax_t size_ = 0;
};

}  // namespace gleaner::output
