// StopSignals: SIGINT and SIGTERM delivered to the event loop through a
// signalfd, so a stop request is handled between events, never mid-callback.
#pragma once

#include <functional>

#include "loop/event_loop.hpp"

namespace gleaner::cli {

class StopSignals {
 public:
  // Blocks SIGINT/SIGTERM for this thread and the threads it starts later:
  // construct before any other thread exists.
  StopSignals();
  ~StopSignals();  // restores the signal mask
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Loop thread: `on_signal(number)` runs on the loop for each signal received.
  void watch(loop::EventLoop& loop, std::function<void(int)> on_signal);

 private:
  int fd_ = -1;
};

}  // namespace gleaner::cli
