// What the benchmark programs report about themselves: CPU seconds (of the
// process, or of the calling thread) and peak RSS. CPU time, unlike wall
// time, does not count the time other processes on a loaded machine take.
#pragma once

#include <sys/resource.h>

#include <ctime>

namespace gleaner::bench {

inline double cpu_seconds(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

inline double process_cpu_seconds() { return cpu_seconds(CLOCK_PROCESS_CPUTIME_ID); }
inline double thread_cpu_seconds() { return cpu_seconds(CLOCK_THREAD_CPUTIME_ID); }

inline long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

}  // namespace gleaner::bench
