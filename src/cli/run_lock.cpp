#include "cli/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <utility>

#include "core/parent_directories.hpp"

namespace gleaner::cli {
namespace {

std::string read_holder(int fd) {
  char text[32] = {};
  const ssize_t count = pread(fd, text, sizeof text - 1, 0);
  std::string_view holder(text, count > 0 ? static_cast<std::size_t>(count) : 0);
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.remove_suffix(1);
  return holder.empty() ? "unknown" : std::string(holder);
}

}  // namespace

Result<RunLock> RunLock::acquire(const std::string& path) {
  if (auto created = create_parent_directories(path); !created) return created.error();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return make_error(ErrorKind::io, path + ": cannot open lock file: " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int lock_errno = errno;
    const std::string holder = read_holder(fd);
    ::close(fd);
    if (lock_errno == EWOULDBLOCK) {
      return make_error(ErrorKind::busy, "another run of this job is in progress (PID " + holder + ", lock " +
                                             path + "); not starting");
    }
    return make_error(ErrorKind::io, path + ": cannot lock: " + std::strerror(lock_errno));
  }
  // The holder's PID, for the message a second run prints. Best effort: the
  // lock itself is what keeps runs apart.
  const std::string pid = std::to_string(getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return RunLock(fd);
}

RunLock::RunLock(RunLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

std::string run_lock_path(const std::string& dataset_path, const std::string& job_name) {
  const std::filesystem::path dataset(dataset_path);
  return (dataset.parent_path() / ("." + job_name + ".lock")).string();
}

}  // namespace gleaner::cli
