#include "output/jsonl_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace gleaner::output {
namespace {

Error io_error(const std::string& path, const char* what) {
  return make_error(ErrorKind::io, path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

JsonLinesWriter::JsonLinesWriter(std::string path, std::string part_path, std::FILE* file)
    : path_(std::move(path)), part_path_(std::move(part_path)), file_(file) {}

JsonLinesWriter::JsonLinesWriter(JsonLinesWriter&& other) noexcept
    : path_(std::move(other.path_)),
      part_path_(std::move(other.part_path_)),
      file_(std::exchange(other.file_, nullptr)),
      records_(other.records_) {}

JsonLinesWriter::~JsonLinesWriter() {
  if (file_) std::fclose(file_);
}

Result<JsonLinesWriter> JsonLinesWriter::open(std::string path) {
  const std::filesystem::path target(path);
  if (target.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(target.parent_path(), error);
    if (error) {
      return make_error(ErrorKind::io, path + ": cannot create directory " +
                                           target.parent_path().string() + ": " + error.message());
    }
  }
  std::string part_path = path + ".part";
  std::FILE* file = std::fopen(part_path.c_str(), "wb");
  if (!file) return io_error(part_path, "cannot open for writing");
  return JsonLinesWriter(std::move(path), std::move(part_path), file);
}

Result<void> JsonLinesWriter::write(std::string_view line) {
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fputc('\n', file_) == EOF) {
    return io_error(part_path_, "write failed");
  }
  ++records_;
  return {};
}

Result<void> JsonLinesWriter::finish() {
  if (!file_) return make_error(ErrorKind::io, part_path_ + ": already finished");
  // Data reaches the disk before the rename makes it visible under its name.
  const bool flushed = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  const int saved_errno = errno;
  std::fclose(std::exchange(file_, nullptr));
  errno = saved_errno;
  if (!flushed) return io_error(part_path_, "flush failed");
  if (std::rename(part_path_.c_str(), path_.c_str()) != 0) return io_error(path_, "rename failed");
  return {};
}

}  // namespace gleaner::output
