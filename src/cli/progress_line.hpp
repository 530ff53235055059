// The TTY progress line of `gleaner run`: what it says (format_progress, pure)
// and when it is redrawn (ProgressTicker, a loop timer a few times a second).
#pragma once

#include <cstddef>
#include <string>

#include "cli/run_log.hpp"
#include "engine/engine.hpp"
#include "loop/event_loop.hpp"

namespace gleaner::cli {

struct ProgressFigures {
  std::size_t pages = 0;   // responses received
  std::size_t queued = 0;  // URLs waiting in the frontier
  std::size_t items = 0;
  std::size_t errors = 0;
  double seconds = 0;      // since the crawl started
};

// "books: 120 pages, 35 queued, 96 items, 2 errors, 48.0 pages/s, 0:02:30"
std::string format_progress(const std::string& job_name, const ProgressFigures& figures);

class ProgressTicker {
 public:
  // Loop thread. Draws nothing unless `log` shows progress; stops with the loop.
  ProgressTicker(loop::EventLoop& loop, const engine::Engine& engine, RunLog& log, std::string job_name);
  ~ProgressTicker();
  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;

 private:
  void tick();

  loop::EventLoop& loop_;
  const engine::Engine& engine_;
  RunLog& log_;
  std::string job_name_;
  loop::Clock::time_point started_;
  loop::TimerId timer_ = 0;
};

}  // namespace gleaner::cli
