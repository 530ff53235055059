#include "cli/progress_line.hpp"

#include <chrono>
#include <cstdio>

namespace gleaner::cli {
namespace {

// Four times a second: lively on a terminal, cheap for the loop.
constexpr auto refresh_interval = std::chrono::milliseconds(250);

std::string clock_time(double seconds) {
  const long long whole = static_cast<long long>(seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", whole / 3600, whole / 60 % 60, whole % 60);
  return text;
}

}  // namespace

std::string format_progress(const std::string& job_name, const ProgressFigures& figures) {
  const double rate = figures.seconds > 0 ? static_cast<double>(figures.pages) / figures.seconds : 0;
  char text[256];
  std::snprintf(text, sizeof text, "%s: %zu pages, %zu queued, %zu items, %zu errors, %.1f pages/s, %s",
                job_name.c_str(), figures.pages, figures.queued, figures.items, figures.errors, rate,
                clock_time(figures.seconds).c_str());
  return text;
}

ProgressTicker::ProgressTicker(loop::EventLoop& loop, const engine::Engine& engine, RunLog& log,
                               std::string job_name)
    : loop_(loop), engine_(engine), log_(log), job_name_(std::move(job_name)), started_(loop::Clock::now()) {
  if (log_.shows_progress()) timer_ = loop_.add_timer(started_ + refresh_interval, [this] { tick(); });
}

ProgressTicker::~ProgressTicker() {
  if (timer_ != 0) loop_.cancel_timer(timer_);
  log_.clear_progress();
}

void ProgressTicker::tick() {
  const auto now = loop::Clock::now();
  const engine::Stats& stats = engine_.stats();
  ProgressFigures figures;
  figures.pages = stats.pages_fetched;
  figures.queued = engine_.pending();
  figures.items = stats.items;
  figures.errors = stats.errors();
  figures.seconds = std::chrono::duration<double>(now - started_).count();
  log_.show_progress(format_progress(job_name_, figures));
  timer_ = loop_.add_timer(now + refresh_interval, [this] { tick(); });
}

}  // namespace gleaner::cli
