// RunLock: one run of a job at a time. An flock(2) on a lock file beside the
// dataset, held for the whole run; the kernel drops it when the process ends
// however it ends (even kill -9), so a crashed run never blocks the next.
#pragma once

#include <string>

#include "core/result.hpp"

namespace gleaner::cli {

class RunLock {
 public:
  // Takes the lock on `path` (created if missing) and writes this PID into
  // it. ErrorKind::busy when another process holds it: the message names
  // the holder's PID. ErrorKind::io when the file cannot be created.
  static Result<RunLock> acquire(const std::string& path);

  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&&) = delete;
  RunLock(const RunLock&) = delete;
  ~RunLock();  // releases the lock; the file stays, holding the last PID

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// ".NAME.lock" in the directory the dataset goes to: two runs of one job
// write there, whatever {date} or {timestamp} make of the file name.
std::string run_lock_path(const std::string& dataset_path, const std::string& job_name);

}  // namespace gleaner::cli
