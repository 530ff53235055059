#include "output/dataset_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/parent_directories.hpp"

namespace gleaner::output {
namespace {

const std::string standard_output_name = "standard output";

Error io_error(const std::string& path, const char* what) {
  return make_error(ErrorKind::io, path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

DatasetFile::DatasetFile(std::string path, std::string part_path, std::FILE* file, std::uintmax_t size)
    : path_(std::move(path)), part_path_(std::move(part_path)), file_(file), size_(size) {}

DatasetFile::DatasetFile(DatasetFile&& other) noexcept
    : path_(std::move(other.path_)),
      part_path_(std::move(other.part_path_)),
      file_(std::exchange(other.file_, nullptr)),
      size_(other.size_) {}

DatasetFile::~DatasetFile() {
  if (file_ && !is_standard_output()) std::fclose(file_);
}

Result<DatasetFile> DatasetFile::create(std::string path) {
  if (auto created = create_parent_directories(path); !created) return created.error();
  std::string part_path = path + ".part";
  std::FILE* file = std::fopen(part_path.c_str(), "wb");
  if (!file) return io_error(part_path, "cannot open for writing");
  return DatasetFile(std::move(path), std::move(part_path), file);
}

Result<DatasetFile> DatasetFile::continue_from(std::string path, std::uintmax_t keep_bytes) {
  std::string part_path = path + ".part";
  std::error_code error;
  std::filesystem::copy_file(path, part_path, std::filesystem::copy_options::overwrite_existing, error);
  if (!error) std::filesystem::resize_file(part_path, keep_bytes, error);
  if (error) return make_error(ErrorKind::io, part_path + ": cannot copy " + path + " to append to: " + error.message());
  std::FILE* file = std::fopen(part_path.c_str(), "ab");
  if (!file) return io_error(part_path, "cannot open for writing");
  return DatasetFile(std::move(path), std::move(part_path), file, keep_bytes);
}

Result<DatasetFile> DatasetFile::resume(std::string path, std::uintmax_t committed_bytes) {
  std::string part_path = path + ".part";
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(part_path, error);
  if (error) return make_error(ErrorKind::io, part_path + ": cannot resume the interrupted run: " + error.message());
  if (size < committed_bytes) {
    return make_error(ErrorKind::io, part_path + ": cannot resume the interrupted run: the state vouches for " +
                                         std::to_string(committed_bytes) + " bytes, the file has " +
                                         std::to_string(size));
  }
  // Bytes after the committed size belong to pages the state does not count
  // as done: they are fetched and written again.
  std::filesystem::resize_file(part_path, committed_bytes, error);
  if (error) return make_error(ErrorKind::io, part_path + ": cannot resume the interrupted run: " + error.message());
  std::FILE* file = std::fopen(part_path.c_str(), "ab");
  if (!file) return io_error(part_path, "cannot open for writing");
  return DatasetFile(std::move(path), std::move(part_path), file, committed_bytes);
}

DatasetFile DatasetFile::standard_output() { return DatasetFile("-", "", stdout); }

const std::string& DatasetFile::target() const { return is_standard_output() ? standard_output_name : part_path_; }

Result<void> DatasetFile::write(std::string_view bytes) {
  if (!file_) return make_error(ErrorKind::io, target() + ": already finished");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) return io_error(target(), "write failed");
  size_ += bytes.size();
  // A pipe reader sees each batch as soon as it is written.
  if (is_standard_output() && std::fflush(file_) != 0) return io_error(target(), "write failed");
  return {};
}

Result<void> DatasetFile::finish() {
  // Data reaches the disk before the rename makes it visible under its name.
  if (auto closed = close_unfinished(); !closed) return closed;
  if (is_standard_output()) return {};
  if (std::rename(part_path_.c_str(), path_.c_str()) != 0) return io_error(path_, "rename failed");
  return {};
}

Result<void> DatasetFile::sync() {
  if (!file_) return make_error(ErrorKind::io, target() + ": already finished");
  if (std::fflush(file_) != 0) return io_error(target(), "write failed");
  if (!is_standard_output() && fdatasync(fileno(file_)) != 0) return io_error(target(), "flush failed");
  return {};
}

Result<void> DatasetFile::close_unfinished() {
  if (!file_) return make_error(ErrorKind::io, target() + ": already finished");
  if (is_standard_output()) {
    file_ = nullptr;
    if (std::fflush(stdout) != 0) return io_error(target(), "write failed");
    return {};
  }
  return sync_and_close();
}

Result<void> DatasetFile::sync_and_close() {
  const bool synced = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  const int sync_errno = errno;
  const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
  if (!synced) errno = sync_errno;
  if (!synced || !closed) return io_error(part_path_, "flush failed");
  return {};
}

}  // namespace gleaner::output
