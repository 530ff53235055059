#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace gleaner::cli {
namespace {

Error io_error(const std::string& path, const char* what, int error_number) {
  return make_error(ErrorKind::io, path + ": " + what + ": " + std::strerror(error_number));
}

// All of `contents`, however many write() calls it takes.
bool write_all(int fd, std::string_view contents) {
  while (!contents.empty()) {
    const ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    contents.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, std::string_view contents) {
  // Same directory as the target: rename() is only atomic within one file system.
  // The PID keeps two runs writing the same report from sharing a temporary.
  const std::string temporary = path + ".tmp-" + std::to_string(getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(temporary, "cannot create", errno);
  const bool written = write_all(fd, contents) && ::fsync(fd) == 0;
  const int write_errno = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return io_error(temporary, "write failed", write_errno);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    ::unlink(temporary.c_str());
    return io_error(path, "cannot replace", rename_errno);
  }
  return {};
}

}  // namespace gleaner::cli
